"""A user's notifications: the list, and the navigation's count of the unread."""

from django.db.models import QuerySet

from customers.models import Notification
from customers.models.notification import UNREAD

SHOWN = 50


def notifications_of(*, user) -> QuerySet[Notification]:
    """The newest first, with what each row links to (no query per row)."""
    return (
        Notification.objects.filter(user=user)
        .select_related("followup__customer")
        .order_by("-created_at", "-id")[:SHOWN]
    )


def unread_count(*, user) -> int:
    return Notification.objects.filter(UNREAD, user=user).count()
