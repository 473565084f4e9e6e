"""The periods a report covers, and the months (or weeks, or quarters) within them.

Days are the site's (settings.TIME_ZONE): "March" starts at midnight on the 1st where
the company is, whatever the server's clock or the viewer's own time zone says, so two
managers in two zones read the same figures. A period is a range of whole days; in
queries it is the half-open range of instants [start_at, end_at), which an index serves.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

THIS_MONTH = "this-month"
LAST_MONTH = "last-month"
THIS_QUARTER = "this-quarter"
THIS_YEAR = "this-year"
CUSTOM = "custom"
PERIODS = [
    (THIS_MONTH, gettext_lazy("This month")),
    (LAST_MONTH, gettext_lazy("Last month")),
    (THIS_QUARTER, gettext_lazy("This quarter")),
    (THIS_YEAR, gettext_lazy("This year")),
    (CUSTOM, gettext_lazy("Custom range")),
]

# What the figures over time are added up by.
MONTH = "month"
WEEK = "week"
QUARTER = "quarter"
STEPS = [
    (MONTH, gettext_lazy("Month")),
    (WEEK, gettext_lazy("Week")),
    (QUARTER, gettext_lazy("Quarter")),
]


# Date formats (django.utils.dateformat), translated so that each language writes a
# day and a month its own way: "3 Mar 2026" in English, "2026年3月3日" in Chinese.
def day_month_year(day: datetime.date) -> str:
    # Translators: a date format (Django's "date" filter letters), e.g. 3 Mar 2026.
    return date_format(day, _("j M Y"))


def month_year(day: datetime.date) -> str:
    # Translators: a date format (Django's "date" filter letters), e.g. Mar 2026.
    return date_format(day, _("M Y"))


def day_month(day: datetime.date) -> str:
    # Translators: a date format (Django's "date" filter letters), e.g. 3 Mar.
    return date_format(day, _("j M"))


def midnight(day: datetime.date) -> datetime.datetime:
    """The instant `day` starts, in the site's time zone."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min), timezone.get_default_timezone()
    )


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def quarter_start(day: datetime.date) -> datetime.date:
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_quarter(day: datetime.date) -> datetime.date:
    return next_month(next_month(next_month(quarter_start(day))))


@dataclass(frozen=True)
class Bucket:
    """A month, week or quarter of a period, clipped to it: its first and last day."""

    first: datetime.date
    last: datetime.date
    label: str
    short: str = ""  # for a chart's axis: "3 Mar" for "Week of 3 Mar"

    @property
    def start_at(self) -> datetime.datetime:
        return midnight(self.first)


@dataclass(frozen=True)
class Period:
    first: datetime.date
    last: datetime.date  # included

    @property
    def start_at(self) -> datetime.datetime:
        return midnight(self.first)

    @property
    def end_at(self) -> datetime.datetime:
        return midnight(self.last + datetime.timedelta(days=1))

    @property
    def label(self) -> str:
        return _("%(first)s – %(last)s") % {
            "first": day_month_year(self.first),
            "last": day_month_year(self.last),
        }

    def months(self) -> list[Bucket]:
        buckets = []
        first = self.first
        while first <= self.last:
            last = min(next_month(first) - datetime.timedelta(days=1), self.last)
            label = month_year(first)
            buckets.append(Bucket(first, last, label, label))
            first = last + datetime.timedelta(days=1)
        return buckets

    def weeks(self) -> list[Bucket]:
        """Weeks from Monday, the first and last clipped to the period."""
        buckets = []
        first = self.first
        while first <= self.last:
            sunday = first + datetime.timedelta(days=6 - first.weekday())
            last = min(sunday, self.last)
            monday = first - datetime.timedelta(days=first.weekday())
            day = day_month(monday)
            buckets.append(Bucket(first, last, _("Week of %(day)s") % {"day": day}, day))
            first = last + datetime.timedelta(days=1)
        return buckets

    def quarters(self) -> list[Bucket]:
        buckets = []
        first = self.first
        while first <= self.last:
            start = quarter_start(first)
            last = min(next_quarter(start) - datetime.timedelta(days=1), self.last)
            # Translators: a quarter of a year, e.g. Q1 2026.
            label = _("Q%(quarter)s %(year)s") % {
                "quarter": (start.month + 2) // 3,
                "year": start.year,
            }
            buckets.append(Bucket(first, last, label, label))
            first = last + datetime.timedelta(days=1)
        return buckets

    def buckets(self, step: str) -> list[Bucket]:
        return {WEEK: self.weeks, QUARTER: self.quarters}.get(step, self.months)()


def preset(name: str, today: datetime.date) -> Period:
    if name == LAST_MONTH:
        last = month_start(today) - datetime.timedelta(days=1)
        return Period(month_start(last), last)
    if name == THIS_QUARTER:
        return Period(quarter_start(today), next_quarter(today) - datetime.timedelta(days=1))
    if name == THIS_YEAR:
        return Period(datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31))
    first = month_start(today)
    return Period(first, next_month(first) - datetime.timedelta(days=1))
