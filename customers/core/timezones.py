"""The signed-in user's time zone, kept in their session so a page costs no query for
it: written at sign-in (project/language.py) and when they choose one (Notifications
page), read by project.timezones.UserTimeZoneMiddleware on every request."""

from customers.models import UserPreference

SESSION_KEY = "_user_time_zone"


def user_time_zone(user) -> str:
    """Their own zone's name, or "" for the site's."""
    found = UserPreference.objects.filter(user_id=user.pk).values_list("time_zone", flat=True)
    return found.first() or ""


def remember(session, name: str) -> None:
    session[SESSION_KEY] = name
