"""ui.access: object-level checks with a message for the user, and users with no role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory
from django.views.generic import DetailView

from ui.access import NoRole, ObjectPermissionRequiredMixin, has_no_role


class Thing:
    def __init__(self, name, owner):
        self.name, self.owner = name, owner

    def __str__(self):
        return self.name


class OwnerOnly:
    """A user whose backend lets them change only their own things."""

    is_authenticated = True
    is_active = True
    is_superuser = False

    def __init__(self, name, perms=("app.change_thing",)):
        self.name, self.perms = name, set(perms)

    def has_perm(self, perm, obj=None):
        return perm in self.perms and (obj is None or obj.owner == self.name)

    def has_perms(self, perms):
        return all(self.has_perm(p) for p in perms)

    def get_all_permissions(self):
        return self.perms


class ThingView(ObjectPermissionRequiredMixin, DetailView):
    permission_required = "app.change_thing"
    object_permission_denied_message = "Only the owner can change “{object}”."

    def get_object(self, queryset=None):
        return self.check_object_permission(THINGS[self.kwargs["pk"]])

    def render_to_response(self, context, **kwargs):
        return HttpResponse(str(context["object"]))


THINGS = {1: Thing("Acme", owner="ann"), 2: Thing("Bolt", owner="bob")}


def call(user, pk):
    request = RequestFactory().get("/")
    request.user = user
    request.htmx = False
    return ThingView.as_view()(request, pk=pk)


def test_the_owner_gets_the_object():
    assert call(OwnerOnly("ann"), 1).content == b"Acme"


def test_someone_else_is_refused_with_the_views_words():
    with pytest.raises(PermissionDenied) as refused:
        call(OwnerOnly("ann"), 2)

    assert str(refused.value) == "Only the owner can change “Bolt”."


def test_without_the_model_permission_the_object_is_never_asked_about():
    with pytest.raises(PermissionDenied) as refused:
        call(OwnerOnly("ann", perms=("app.view_thing",)), 1)

    assert not isinstance(refused.value, NoRole)


def test_a_user_with_no_permission_at_all_has_no_role():
    with pytest.raises(NoRole):
        call(OwnerOnly("ann", perms=()), 1)
    assert has_no_role(OwnerOnly("ann", perms=()))
    assert not has_no_role(OwnerOnly("ann"))
    assert not has_no_role(AnonymousUser())


def test_the_has_perm_tag_asks_about_the_object():
    template = Template(
        '{% load access %}{% has_perm "app.change_thing" thing as may %}{{ may|yesno:"yes,no" }}'
    )
    request = RequestFactory().get("/")
    request.user = OwnerOnly("ann")

    assert template.render(Context({"request": request, "thing": THINGS[1]})) == "yes"
    assert template.render(Context({"request": request, "thing": THINGS[2]})) == "no"
