"""The dashboard's filters: a period and its steps, and whose records (owner, team,
lead source, tag).

All of them ride in the URL (a GET form), so a report is a bookmark and Back works.
"""

import datetime

from django import forms
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from customers.core.owners import UserChoiceField, possible_owners
from customers.grid.filters import SENSIBLE_DATES
from customers.models import LeadSource, Tag
from customers.reports.periods import CUSTOM, MONTH, PERIODS, STEPS, THIS_MONTH, Period, preset

# A custom range longer than this would draw hundreds of bars; a year or two is plenty.
LONGEST_RANGE = datetime.timedelta(days=3 * 366)


class ReportFilterForm(forms.Form):
    period = forms.ChoiceField(
        choices=PERIODS, required=False, initial=THIS_MONTH, label=_("Period")
    )
    start = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=SENSIBLE_DATES,
    )
    end = forms.DateField(
        label=pgettext_lazy("date range", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=SENSIBLE_DATES,
    )
    # Months go as no value at all, so the URL of the usual report stays short.
    by = forms.ChoiceField(
        choices=[("" if step == MONTH else step, name) for step, name in STEPS],
        required=False,
        label=_("Group by"),
    )
    owner = UserChoiceField(
        queryset=possible_owners(), required=False, empty_label=_("Everyone"), label=_("Owner")
    )
    team = forms.ModelChoiceField(
        queryset=Group.objects.order_by("name"),
        required=False,
        empty_label=_("Any team"),
        label=_("Team"),
    )
    source = forms.ModelChoiceField(
        queryset=LeadSource.objects.all(),
        required=False,
        empty_label=_("Any lead source"),
        label=_("Lead source"),
    )
    tag = forms.ModelChoiceField(
        queryset=Tag.objects.all(), required=False, empty_label=_("Any tag"), label=_("Tag")
    )

    def __init__(self, *args, viewer, sees_everyone: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not sees_everyone:
            # Their own figures, or everyone's totals: nobody else's on their own.
            self.fields["owner"].queryset = possible_owners().filter(pk=viewer.pk)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("period") != CUSTOM:
            return cleaned
        start, end = cleaned.get("start"), cleaned.get("end")
        if "start" in self.errors or "end" in self.errors:
            return cleaned
        if start is None or end is None:
            self.add_error(
                "start" if start is None else "end",
                _("A custom range needs both a start and an end date."),
            )
        elif start > end:
            self.add_error("end", _("The end date must not be before the start date."))
        elif end - start > LONGEST_RANGE:
            self.add_error("end", _("Choose a range of at most three years."))
        return cleaned

    def chosen_step(self) -> str:
        """Month, week or quarter; months when the form says nothing."""
        return (self.cleaned_data.get("by") if self.is_valid() else "") or MONTH

    def chosen_period(self) -> Period:
        """The period chosen; this month when the form says nothing (or is invalid)."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("period") == CUSTOM:
            return Period(data["start"], data["end"])
        today = timezone.localdate(timezone=timezone.get_default_timezone())  # the site's
        return preset(data.get("period") or THIS_MONTH, today)
