from django.utils import timezone

from customers.models import Notification
from customers.models.notification import UNREAD


def notifications_read(*, user) -> int:
    """Mark all of `user`'s notifications read; how many were unread."""
    return Notification.objects.filter(UNREAD, user=user).update(read_at=timezone.now())
