"""What a printout says it is: the search, filters and sort in words, and when and by
whom it was printed, so a sheet found on a desk a week later still explains itself."""

import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from customers.core.owners import display_name
from customers.models import Customer


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "DATE_FORMAT")


def filters_in_words(cleaned: dict, *, user) -> list[str]:
    """One phrase per filter that is set, in the filter bar's order."""
    words = []
    if cleaned.get("q"):
        words.append(_("search “%(text)s”") % {"text": cleaned["q"]})
    if cleaned.get("status"):
        words.append(_("status %(status)s") % {"status": Customer.Status(cleaned["status"]).label})
    if cleaned.get("tag"):
        words.append(_("tag %(tag)s") % {"tag": cleaned["tag"].name})
    start, end = cleaned.get("created_from"), cleaned.get("created_to")
    if start and end:
        words.append(_("created %(start)s to %(end)s") % {"start": _day(start), "end": _day(end)})
    elif start:
        words.append(_("created on or after %(day)s") % {"day": _day(start)})
    elif end:
        words.append(_("created on or before %(day)s") % {"day": _day(end)})
    if cleaned.get("mine"):
        words.append(_("owned by %(name)s") % {"name": display_name(user)})
    if cleaned.get("open_requests"):
        words.append(_("with open support requests"))
    if cleaned.get("no_next_step"):
        words.append(_("with no next step"))
    return words


def sort_in_words(column: str, descending: bool) -> str:
    if descending:
        return _("sorted by %(column)s, descending") % {"column": column}
    return _("sorted by %(column)s, ascending") % {"column": column}


def printed_by(user, *, now: datetime.datetime | None = None) -> str:
    """ "Printed Dec 7, 2026 at 00:05 UTC by Rita Reed", in the site's time zone."""
    moment = timezone.localtime(now)
    when = formats.date_format(moment, "DATE_FORMAT")
    at = moment.strftime("%H:%M")
    return _("Printed %(day)s at %(time)s %(zone)s by %(name)s") % {
        "day": when,
        "time": at,
        "zone": moment.tzname(),
        "name": display_name(user),
    }
