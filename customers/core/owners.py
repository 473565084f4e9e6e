"""Who can own customers and deals, and how they are named on screen."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from customers.core.permissions import REASSIGN_OWNER


def display_name(user: AbstractBaseUser | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def members_of(team_id: int) -> QuerySet:
    """The ids of a team's users. A team is a group of users (the roles are groups too:
    "Sales rep" is the sales team), so an administrator makes one in the admin."""
    return get_user_model().objects.filter(groups=team_id).values("pk")


def user_name(pk: int) -> str:
    """A user's name on screen, by id; a dash for an id nobody has."""
    return display_name(get_user_model().objects.filter(pk=pk).first()) or "—"


def team_name(pk: int) -> str:
    return Group.objects.filter(pk=pk).values_list("name", flat=True).first() or "—"


def possible_owners() -> QuerySet:
    """Active users, by name: the people a customer or deal may be given to."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .order_by("first_name", "last_name", "username")
    )


class UserChoiceField(forms.ModelChoiceField):
    """A select of users, by their full name where they have one."""

    def label_from_instance(self, obj):
        return display_name(obj)


class OwnerChoiceField(UserChoiceField):
    """A select of active users by name, with "No owner" for nobody."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("Owner"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_label", gettext_lazy("No owner"))
        super().__init__(queryset=possible_owners(), **kwargs)

    def keep(self, owner_id: int | None) -> None:
        """Offer the current owner even if they have since been deactivated.

        Otherwise the select would fall back to "No owner", and saving an unrelated
        change would quietly take the record away from them.
        """
        if owner_id:
            model = self.queryset.model
            self.queryset = self.queryset | model.objects.filter(pk=owner_id)


class OwnerFieldMixin:
    """The owner field is only for users who may reassign owners (Managers, Admins).

    Without that permission the form has no owner field: a new record belongs to
    whoever creates it (`with_creator_as_owner`), and an edit leaves the owner as it is.
    """

    def may_reassign_owner(self) -> bool:
        return self.request.user.has_perm(REASSIGN_OWNER)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.may_reassign_owner():
            form.fields.pop("owner", None)
        return form

    def with_creator_as_owner(self, data: dict) -> dict:
        """The data to create with: the chosen owner, else the creator."""
        return {"owner": self.request.user, **data}
