from django import forms
from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from customers.models import UserPreference
from customers.models.preference import zone_names

BAD_ZONE = gettext_lazy("Choose a time zone from the list.")


def zone_choices() -> list[tuple[str, str]]:
    # Empty stands for the site's zone, named so the user knows what they get.
    site = format_lazy(gettext_lazy("The site's time zone ({zone})"), zone=settings.TIME_ZONE)
    return [("", site), *((name, name) for name in zone_names())]


class ReminderSettingsForm(forms.ModelForm):
    """The Notifications page's settings: email reminders, and the user's time zone.
    Without an email address the checkbox is off and disabled, so it is not a field
    then: saving the zone must not switch off what an administrator may set again."""

    time_zone = forms.ChoiceField(
        label=gettext_lazy("Time zone"),
        required=False,
        error_messages={"invalid_choice": BAD_ZONE},
        # The help below the field (notification_list.html) is read with it.
        widget=forms.Select(attrs={"aria-describedby": "id_time_zone_helptext"}),
        help_text=gettext_lazy(
            "Due times, reminders and the daily list follow it; the days of My work too."
        ),
    )

    class Meta:
        model = UserPreference
        fields = ["reminder_email", "time_zone"]

    def __init__(self, *args, has_email: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = zone_choices()
        if not has_email:
            del self.fields["reminder_email"]
