from django.utils.functional import SimpleLazyObject

from customers.notifications.selectors import unread_count


def unread(request):
    """The navigation's count of unread notifications: one indexed count, made only when
    a page draws the navigation (lazily)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": SimpleLazyObject(lambda: {"count": unread_count(user=user)})}
