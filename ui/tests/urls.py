"""A test-only URLconf: tiny views built from ui's mixins, over auth's Group model,
so ui is tested without the CRM (use with @pytest.mark.urls("ui.tests.urls"))."""

from django import forms
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django.views.generic import FormView, TemplateView

from ui.access import PermissionRequiredMixin
from ui.http import fragment
from ui.views import PartialTemplateMixin, ServiceFormMixin


class GroupList(PartialTemplateMixin, TemplateView):
    """A page whose htmx answer is its results region alone."""

    template_name = "ui_tests/groups.html"
    partial_name = "results"

    def get_context_data(self, **kwargs):
        q = self.request.GET.get("q", "")
        groups = Group.objects.filter(name__icontains=q).order_by("name")
        return super().get_context_data(q=q, groups=groups, **kwargs)


class GroupForm(forms.Form):
    name = forms.CharField(max_length=20)


class GroupCreate(PartialTemplateMixin, ServiceFormMixin, FormView):
    """A form page; for htmx the form alone, and after a write the new row."""

    template_name = "ui_tests/group_form.html"
    partial_name = "form"
    form_class = GroupForm
    success_url = "/groups/"
    success_message = "Group “{object}” created."

    def perform(self, form):
        return Group.objects.create(name=form.cleaned_data["name"])

    def htmx_success(self, form):
        return fragment(self.request, "ui_tests/groups.html#row", {"group": self.object})


@method_decorator(login_not_required, name="dispatch")
class GuardedByTheMixin(PermissionRequiredMixin, TemplateView):
    """Open to the login middleware: only ui.access's mixin stands in the way."""

    permission_required = "auth.view_group"
    template_name = "ui_tests/groups.html"


def plain(request):
    """A view that knows nothing of htmx."""
    return HttpResponse("plain")


@login_not_required
def login(request):
    return HttpResponse("log in")


urlpatterns = [
    path("groups/", GroupList.as_view(), name="group_list"),
    path("groups/create/", GroupCreate.as_view(), name="group_create"),
    path("guarded/", GuardedByTheMixin.as_view(), name="guarded"),
    path("plain/", plain, name="plain"),
    path("accounts/login/", login, name="login"),
]
