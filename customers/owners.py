"""Who can own customers and deals, and how they are named on screen."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet


def display_name(user: AbstractBaseUser | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def possible_owners() -> QuerySet:
    """Active users, by name: the people a customer or deal may be given to."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .order_by("first_name", "last_name", "username")
    )
