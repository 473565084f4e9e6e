"""The words for what a report's figure narrows a list to, shared by the grid and the
deal list (ui/filters.Narrowing says them): by id, a dash for an id nobody has."""

from django.utils.translation import gettext as _

from customers.core.owners import team_name
from customers.models import LeadSource


def of_team(pk: int) -> str:
    return _("of the team %(team)s") % {"team": team_name(pk)}


def from_lead_source(pk: int) -> str:
    source = LeadSource.objects.filter(pk=pk).first()
    return _("from the lead source %(source)s") % {"source": source or "—"}
