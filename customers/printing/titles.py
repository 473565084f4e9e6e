"""What a printout says it is: the search, filters and sort in words, and when and by
whom it was printed, so a sheet found on a desk a week later still explains itself."""

import datetime

from django.utils import formats, timezone

from customers.core.owners import display_name
from customers.models import Customer


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def filters_in_words(cleaned: dict, *, user) -> list[str]:
    """One phrase per filter that is set, in the filter bar's order."""
    words = []
    if cleaned.get("q"):
        words.append(f"search “{cleaned['q']}”")
    if cleaned.get("status"):
        words.append(f"status {Customer.Status(cleaned['status']).label}")
    if cleaned.get("tag"):
        words.append(f"tag {cleaned['tag'].name}")
    start, end = cleaned.get("created_from"), cleaned.get("created_to")
    if start and end:
        words.append(f"created {_day(start)} to {_day(end)}")
    elif start:
        words.append(f"created on or after {_day(start)}")
    elif end:
        words.append(f"created on or before {_day(end)}")
    if cleaned.get("mine"):
        words.append(f"owned by {display_name(user)}")
    if cleaned.get("open_requests"):
        words.append("with open support requests")
    if cleaned.get("no_next_step"):
        words.append("with no next step")
    return words


def sort_in_words(column: str, descending: bool) -> str:
    return f"sorted by {column}, {'descending' if descending else 'ascending'}"


def printed_by(user, *, now: datetime.datetime | None = None) -> str:
    """ "Printed Dec 7, 2026 at 00:05 UTC by Rita Reed", in the site's time zone."""
    moment = timezone.localtime(now)
    when = formats.date_format(moment, "DATE_FORMAT")
    at = moment.strftime("%H:%M")
    return f"Printed {when} at {at} {moment.tzname()} by {display_name(user)}"
