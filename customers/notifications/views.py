from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from customers.followups.rules import VIEW
from customers.models import UserPreference
from customers.notifications.forms import ReminderSettingsForm
from customers.notifications.selectors import notifications_of
from customers.notifications.services import notifications_read
from ui.access import PermissionRequiredMixin


class NotificationListView(PermissionRequiredMixin, TemplateView):
    """The signed-in user's reminders, newest first; the unread ones marked."""

    permission_required = VIEW
    template_name = "customers/notifications/notification_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            notifications=notifications_of(user=self.request.user),
            reminder_hour=settings.REMINDER_HOUR,
            settings_form=ReminderSettingsForm(instance=preference_of(self.request.user)),
            **kwargs,
        )


class NotificationsReadView(PermissionRequiredMixin, View):
    permission_required = VIEW
    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        if notifications_read(user=request.user):
            messages.success(request, _("All notifications are marked as read."))
        return HttpResponseRedirect(reverse("notification_list"))


def preference_of(user) -> UserPreference:
    return UserPreference.objects.filter(user=user).first() or UserPreference(user=user)


class ReminderSettingsView(PermissionRequiredMixin, View):
    """Whether reminders also come by email: a checkbox on the Notifications page."""

    permission_required = VIEW
    http_method_names = ["post", "options"]

    def post(self, request, *args, **kwargs):
        form = ReminderSettingsForm(request.POST, instance=preference_of(request.user))
        form.save()  # one checkbox: absent is "no", never invalid
        if form.instance.reminder_email:
            messages.success(request, _("Reminders will come by email too."))
        else:
            messages.success(request, _("Reminders will come in the app only."))
        return HttpResponseRedirect(reverse("notification_list"))
