import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def zone_names() -> list[str]:
    """Every IANA zone this machine knows, in the order the select offers them."""
    return sorted(zoneinfo.available_timezones())


def valid_zone(name: str) -> None:
    if name and name not in zoneinfo.available_timezones():
        raise ValidationError(_("Choose a time zone from the list."), code="invalid_choice")


def zone_named(name: str) -> zoneinfo.ZoneInfo:
    """The zone `name`, or the site's (TIME_ZONE) for an empty or unknown name: a zone
    removed from the system's database must not break a user's every page."""
    try:
        return zoneinfo.ZoneInfo(name or settings.TIME_ZONE)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


class UserPreference(models.Model):
    """What a user chose for themselves, apart from Django's own user table.

    `language` is a code of settings.LANGUAGES, or empty for "as my browser asks". It has
    no choices on purpose: a third language is then only a catalogue, not a migration.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="preference",
        verbose_name=_("user"),
    )
    language = models.CharField(_("language"), max_length=15, blank=True)
    # Reminders are always shown in the app; by email only for who asks for it.
    reminder_email = models.BooleanField(
        _("email me reminders and a daily list of overdue tasks"), default=False
    )
    # An IANA name ("Asia/Shanghai"), or empty for the site's TIME_ZONE: the zone the
    # user's pages show times in, their tasks' days and times mean, and reminders keep.
    # No choices, as `language`: the list is the system's, not the schema's.
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True, validators=[valid_zone])
    # The grid's optional columns the user shows, by their names in CustomerTable (a
    # list), or null for the grid's defaults (customers/grid/columns.py).
    grid_columns = models.JSONField(_("grid columns"), null=True, blank=True, default=None)

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")

    def __str__(self):
        return f"{self.user} ({self.language or '-'})"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zone_named(self.time_zone)


def zone_of(user) -> zoneinfo.ZoneInfo:
    """The time zone `user`'s tasks are told in, outside a request (reminders, emails,
    the calendar feed): their own, else the site's. Reads `user.preference`."""
    try:
        return user.preference.zone
    except UserPreference.DoesNotExist:
        return zone_named("")
