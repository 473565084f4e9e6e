"""Which time zone a page tells times in: the signed-in user's own (their preference),
else the site's TIME_ZONE.

Activated per request, so every date and time shown, every time typed into a form, and
what "today" means (the tasks' groups, the badge, "Tomorrow") follow the user. The zone
comes from the session (customers/core/timezones.py), so a page costs no query for it.
"""

from django.utils import timezone

from customers.core.timezones import SESSION_KEY, remember, user_time_zone
from customers.models.preference import zone_named


class UserTimeZoneMiddleware:
    """After authentication: a signed-in user's pages are in their own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            timezone.deactivate()
            return self.get_response(request)
        name = request.session.get(SESSION_KEY)
        if name is None:  # a session from before the setting existed
            name = user_time_zone(user)
            remember(request.session, name)
        timezone.activate(zone_named(name))
        try:
            return self.get_response(request)
        finally:
            # The zone is the thread's: the next request it serves may be someone else's.
            timezone.deactivate()
