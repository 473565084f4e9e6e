from django.utils.functional import SimpleLazyObject

from customers.followups.section import badge_count


def my_work(request):
    """The navigation's "My work" badge count: one indexed count, made only when a page
    draws the navigation (lazily), once per page load."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"my_work_due": SimpleLazyObject(lambda: {"count": badge_count(user)})}
