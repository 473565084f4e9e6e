"""Reads for the trash: what goes along with a delete, and what the trash holds.

Both cost a fixed number of queries, whether one customer is deleted or a thousand,
and whether the trash page shows one row or twenty-five.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from customers.models import Contact, Customer, Deal, Interaction, MergeRecord

NAMED = 10


@dataclass(frozen=True)
class Belonging:
    """One record that goes along with its customer: "Q4 renewal (deal)"; `kind` is
    already translated, and the parentheses are the language's own (Chinese uses
    full-width ones)."""

    name: str
    kind: str

    def __str__(self):
        return _("%(name)s (%(kind)s)") % {"name": self.name, "kind": self.kind}


@dataclass(frozen=True)
class AlongWith:
    """What belongs to some customers: counts, and the first few by name."""

    contacts: int = 0
    interactions: int = 0
    deals: int = 0
    named: list[Belonging] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.contacts + self.interactions + self.deals

    @property
    def more(self) -> int:
        """How many are not named."""
        return self.total - len(self.named)

    def __str__(self):
        """ "3 contacts, 12 interactions, 2 deals", leaving out what there is none of."""
        parts = []
        if n := self.contacts:
            parts.append(ngettext("%(count)d contact", "%(count)d contacts", n) % {"count": n})
        if n := self.interactions:
            parts.append(
                ngettext("%(count)d interaction", "%(count)d interactions", n) % {"count": n}
            )
        if n := self.deals:
            parts.append(ngettext("%(count)d deal", "%(count)d deals", n) % {"count": n})
        return _(", ").join(parts) or _("nothing else")


def _of(model, customer_ids: list[int]) -> QuerySet:
    # The base manager: a deal of a trashed customer is hidden by the default one,
    # and these are asked about customers on their way into the trash or already in it.
    return model._base_manager.filter(customer_id__in=customer_ids)


def along_with(*, customers: Iterable[Customer]) -> AlongWith:
    """The contacts, interactions and deals of `customers`: counted, and up to ten named
    (contacts first, then deals, then interactions). At most six queries."""
    ids = [c.pk for c in customers]
    if not ids:
        return AlongWith()
    contacts, interactions, deals = (
        _of(model, ids).count() for model in (Contact, Interaction, Deal)
    )
    named: list[Belonging] = []
    if contacts:
        named += [
            Belonging(name, _("contact"))
            for name in _of(Contact, ids)
            .order_by("name", "id")
            .values_list("name", flat=True)[:NAMED]
        ]
    if deals and len(named) < NAMED:
        titles = _of(Deal, ids).order_by("title", "id").values_list("title", flat=True)
        named += [Belonging(title, _("deal")) for title in titles[: NAMED - len(named)]]
    if interactions and len(named) < NAMED:
        entries = (
            _of(Interaction, ids).order_by("-happened_at", "-id").values_list("subject", "kind")
        )
        named += [
            Belonging(subject, Interaction.Kind(kind).label.lower())
            for subject, kind in entries[: NAMED - len(named)]
        ]
    return AlongWith(contacts=contacts, interactions=interactions, deals=deals, named=named)


def _count_of(model) -> Subquery:
    counted = (
        model._base_manager.filter(customer=OuterRef("pk"))
        .order_by()
        .values("customer")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def trash_list() -> QuerySet[Customer]:
    """The customers in the trash, the latest deleted first, with who deleted them (by
    join), how many contacts, interactions and deals they took along (per-row
    subqueries, each on the customer foreign key's index), and the name of the customer
    one was merged into, if it was (customers/core/merge.py)."""
    merge = MergeRecord.objects.filter(merged=OuterRef("pk")).order_by("-merged_at", "-pk")
    return (
        trashed_customers()
        .select_related("deleted_by")
        .annotate(
            contact_count=_count_of(Contact),
            interaction_count=_count_of(Interaction),
            deal_count=_count_of(Deal),
            merged_into=Subquery(merge.values("survivor__name")[:1]),
        )
        .order_by("-deleted_at", "-id")
    )


def trashed_customers() -> QuerySet[Customer]:
    """The customers in the trash, plainly: for restoring and purging."""
    return Customer.all_objects.filter(deleted_at__isnull=False).defer("search_text")


def along_with_counts(customer: Customer) -> AlongWith:
    """The counts `trash_list()` annotated on a row, as an AlongWith (without names)."""
    return AlongWith(
        contacts=customer.contact_count,
        interactions=customer.interaction_count,
        deals=customer.deal_count,
    )


PURGED_SHOWN = 20


def recently_purged(*, limit: int = PURGED_SHOWN) -> list:
    """The last customers purged for good, newest first: what their history records of
    them at the end (name, email, who purged them, when)."""
    return list(
        Customer.history.filter(history_type="-")
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[:limit]
    )
