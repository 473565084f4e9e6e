"""Which language a page is in: the user's own setting, then the browser's
Accept-Language, then settings.LANGUAGE_CODE.

Django's LocaleMiddleware does the last two (and a cookie the switcher sets, so a
choice made before signing in holds too). UserLanguageMiddleware, after it and after
authentication, puts the signed-in user's setting first. The setting is copied into the
session at sign-in, so a page costs no query for it; the user's time zone comes in the
same read (customers/core/timezones.py), and so do the grid's columns
(customers/grid/columns.py).
"""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from customers.core import timezones
from customers.grid import columns
from customers.models import UserPreference

SESSION_KEY = "_user_language"


def supported(code: str) -> bool:
    return code in dict(settings.LANGUAGES)


def user_language(user) -> str:
    found = UserPreference.objects.filter(user_id=user.pk).values_list("language", flat=True)
    return found.first() or ""


@receiver(user_logged_in)
def remember_at_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        found = UserPreference.objects.filter(user_id=user.pk).values_list(
            "language", "time_zone", "grid_columns"
        )
        language, zone, grid_columns = found.first() or ("", "", None)
        request.session[SESSION_KEY] = language
        timezones.remember(request.session, zone)
        columns.remember(request.session, grid_columns)


class UserLanguageMiddleware:
    """After LocaleMiddleware: a signed-in user's own language wins over the browser's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = request.session.get(SESSION_KEY)
            if language is None:  # a session from before the setting existed
                language = request.session[SESSION_KEY] = user_language(user)
            if language and supported(language):
                translation.activate(language)
                request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


@login_not_required
@require_POST
def set_language(request):
    """The header's switcher: saves the choice for a signed-in user, and in a cookie for
    anyone (the sign-in page), then goes back where the form was."""
    language = request.POST.get("language", "")
    target = request.POST.get("next") or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if not supported(language):
        return response
    if request.user.is_authenticated:
        UserPreference.objects.update_or_create(user=request.user, defaults={"language": language})
        request.session[SESSION_KEY] = language
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
