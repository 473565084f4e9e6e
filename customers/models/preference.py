from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        verbose_name = _("preference")
        verbose_name_plural = _("preferences")

    def __str__(self):
        return f"{self.user} ({self.language or '-'})"
