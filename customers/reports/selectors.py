"""The dashboard's figures, each added up by the database in one grouped query.

A figure counts records outside the trash only (the Kept managers), narrowed by the
scope: one owner's records or everyone's, a lead source, a tag. What "owner" means
follows the record: a deal's or customer's owner, and for activity the rep who
recorded it. A customer's lead source is that of its deals (customers have none of
their own): a customer "came from" each source one of its deals came from.

The numbers go out as plain dicts keyed by the period's buckets (a month's or week's
first day); customers/reports/tables.py lays them out, with their links.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FilteredRelation,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.core.owners import members_of
from customers.core.selectors import QUIET_DAYS
from customers.deals.selectors import cents
from customers.models import Customer, Deal, Interaction, Stage
from customers.reports.periods import Bucket, Period

ACTIVITY_KINDS = [
    Interaction.Kind.CALL,
    Interaction.Kind.EMAIL,
    Interaction.Kind.MEETING,
    Interaction.Kind.NOTE,
]
# Open support requests by age: (label, from days, to days), the youngest first.
AGES = [
    (gettext_lazy("Under 1 day"), 0, 1),
    (gettext_lazy("1–3 days"), 1, 3),
    (gettext_lazy("3–7 days"), 3, 7),
    (gettext_lazy("Older"), 7, None),
]


@dataclass(frozen=True)
class Scope:
    """Whose records a report counts: one owner's or one team's (None: everyone's), and
    of those only the ones from a lead source, or of customers with a tag."""

    owner_id: int | None = None
    team_id: int | None = None
    source_id: int | None = None
    tag_id: int | None = None


def _tagged(tag_id: int, customer: str = "pk") -> Exists:
    return Exists(Customer.tags.through.objects.filter(customer=OuterRef(customer), tag=tag_id))


def _from_source(source_id: int, customer: str = "pk") -> Exists:
    return Exists(Deal._base_manager.filter(customer=OuterRef(customer), lead_source=source_id))


def scoped_deals(scope: Scope) -> QuerySet[Deal]:
    deals = Deal.objects.order_by()
    if scope.owner_id:
        deals = deals.filter(owner=scope.owner_id)
    if scope.team_id:
        deals = deals.filter(owner__in=members_of(scope.team_id))
    if scope.source_id:
        deals = deals.filter(lead_source=scope.source_id)
    if scope.tag_id:
        deals = deals.filter(_tagged(scope.tag_id, "customer"))
    return deals


def scoped_customers(scope: Scope) -> QuerySet[Customer]:
    customers = Customer.objects.order_by()
    if scope.owner_id:
        customers = customers.filter(owner=scope.owner_id)
    if scope.team_id:
        customers = customers.filter(owner__in=members_of(scope.team_id))
    if scope.source_id:
        customers = customers.filter(_from_source(scope.source_id))
    if scope.tag_id:
        customers = customers.filter(_tagged(scope.tag_id))
    return customers


def _outside_trash(customer: str) -> Q:
    """Rows whose customer (`customer`: the field holding its id) is outside the trash,
    told apart from the few customers in it, as the Kept managers do: the rows' own
    index is then read, not every customer."""
    in_trash = Customer.all_objects.filter(deleted_at__isnull=False).values("pk")
    return ~Q(**{f"{customer}__in": in_trash})


def _of_scoped_customer(scope: Scope, customer: str) -> Q:
    """Rows whose customer (as above) is one the scope counts."""
    if scope == Scope():
        return _outside_trash(customer)
    return Q(Exists(scoped_customers(scope).filter(pk=OuterRef(customer))))


def scoped_interactions(scope: Scope, *, owner_field: str) -> QuerySet[Interaction]:
    interactions = Interaction.objects.filter(_outside_trash("customer")).order_by()
    if scope.owner_id:
        interactions = interactions.filter(**{owner_field: scope.owner_id})
    if scope.team_id:
        interactions = interactions.filter(**{f"{owner_field}__in": members_of(scope.team_id)})
    if scope.source_id:
        interactions = interactions.filter(_from_source(scope.source_id, "customer"))
    if scope.tag_id:
        interactions = interactions.filter(_tagged(scope.tag_id, "customer"))
    return interactions


class DaysBetween(Func):
    """Days from one instant to another, as a float, worked out by the database.

    Django's own difference of two times calls back into Python for every row on
    SQLite (over a second for a year's deals and requests); julianday() is SQLite's
    own. A negative difference (a deal made in a won stage "closed" microseconds before
    its creation time was taken) counts as none.
    """

    output_field = FloatField()
    arity = 2

    def _compiled(self, compiler):
        (start, start_params), (end, end_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        return start, end, (*end_params, *start_params)  # in the order the SQL names them

    def as_sqlite(self, compiler, connection, **extra):
        start, end, params = self._compiled(compiler)
        return f"MAX(julianday({end}) - julianday({start}), 0)", params

    def as_postgresql(self, compiler, connection, **extra):
        start, end, params = self._compiled(compiler)
        return f"GREATEST(EXTRACT(EPOCH FROM ({end} - {start})) / 86400.0, 0)", params


def _bucket(field: str, buckets: list[Bucket]) -> Case:
    """Which of the period's `buckets` (months, weeks or quarters, in order) the instant `field`
    falls in, by its number: the rows are the period's, so each is in one.

    Plain comparisons with the buckets' first instants, which the database makes in C.
    TruncMonth and TruncWeek come to the same on PostgreSQL, but on SQLite they call
    back into Python for every row to move it into the site's time zone, which took
    most of a second for a year's activity.
    """
    edges = [When(**{f"{field}__lt": later.start_at}, then=Value(index))
             for index, later in enumerate(buckets[1:])]  # fmt: skip
    if not edges:
        return Value(0)
    return Case(*edges, default=Value(len(buckets) - 1))


def _in(period: Period, field: str) -> Q:
    return Q(**{f"{field}__gte": period.start_at, f"{field}__lt": period.end_at})


# --- Pipeline ------------------------------------------------------------------------


@dataclass
class PipelineRow:
    stage: Stage
    currency: str
    count: int
    amount: Decimal

    @property
    def weighted(self) -> Decimal:
        return cents(self.amount * self.stage.probability / 100)


def pipeline(scope: Scope) -> tuple[list[Stage], list[PipelineRow]]:
    """The open stages in board order, and per stage and currency the open deals."""
    stages = list(Stage.objects.filter(outcome=Stage.Outcome.OPEN))
    by_id = {stage.pk: stage for stage in stages}
    rows = (
        scoped_deals(scope)
        .filter(stage__in=list(by_id))
        .values_list("stage", "currency")
        .annotate(count=Count("id"), amount=Sum("amount"))
        .order_by("stage", "currency")
    )
    found = [
        PipelineRow(by_id[stage], currency, count, cents(amount))
        for stage, currency, count, amount in rows
    ]
    found.sort(key=lambda row: (stages.index(row.stage), row.currency))
    return stages, found


@dataclass
class Open:
    """The deals open at one moment, in one currency."""

    count: int = 0
    amount: Decimal = Decimal(0)


def open_at(scope: Scope, moment: datetime.datetime) -> dict[str, Open]:
    """Per currency: the deals that were open at `moment`, made before it and not closed
    by then, at their amounts as they are now (amounts keep no history of their own,
    and deals loaded in bulk have no change history to rewind)."""
    rows = (
        scoped_deals(scope)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=moment), created_at__lt=moment)
        .values_list("currency")
        .annotate(count=Count("id"), amount=Sum("amount"))
        .order_by()
    )
    return {currency: Open(count, cents(amount)) for currency, count, amount in rows}


# --- Won and lost --------------------------------------------------------------------


@dataclass
class Closed:
    """The deals won or lost in one bucket of time, in one currency."""

    count: int = 0
    amount: Decimal = Decimal(0)
    days: float = 0.0  # from creation to close, added up


def won_and_lost(scope: Scope, period: Period, buckets: list[Bucket]) -> dict:
    """Per bucket of the period (its first day), outcome ("won"/"lost") and currency:
    a Closed."""
    age = DaysBetween("created_at", "closed_at")
    rows = (
        scoped_deals(scope)
        .filter(_in(period, "closed_at"), stage__outcome__in=["won", "lost"])
        .annotate(bucket=_bucket("closed_at", buckets))
        .values_list("bucket", "stage__outcome", "currency")
        .annotate(count=Count("id"), amount=Sum("amount"), age=Sum(age))
        .order_by()
    )
    figures: dict = defaultdict(lambda: defaultdict(dict))
    for bucket, outcome, currency, count, amount, total_age in rows:
        days = float(total_age or 0)
        figures[buckets[bucket].first][outcome][currency] = Closed(count, cents(amount), days)
    return figures


def lost_reasons(scope: Scope, period: Period) -> list[tuple[int | None, str, int]]:
    """(reason id, reason, deals) for the deals lost in the period, most first."""
    rows = (
        scoped_deals(scope)
        .filter(_in(period, "closed_at"), stage__outcome="lost")
        .values_list("closing_reason", "closing_reason__name")
        .annotate(count=Count("id"))
        .order_by("-count", "closing_reason__name")
    )
    return [(pk, name or _("No reason given"), count) for pk, name, count in rows]


# --- Customers -----------------------------------------------------------------------


def new_customers_by_owner(scope: Scope, period: Period, buckets: list[Bucket]) -> dict:
    """Per bucket (its first day) and owner id (None: nobody's): customers created."""
    rows = (
        scoped_customers(scope)
        .filter(_in(period, "created_at"))
        .annotate(bucket=_bucket("created_at", buckets))
        .values_list("bucket", "owner")
        .annotate(count=Count("id"))
        .order_by()
    )
    figures: dict = defaultdict(dict)
    for bucket, owner, count in rows:
        figures[buckets[bucket].first][owner] = count
    return figures


def new_customers_by_source(scope: Scope, period: Period, buckets: list[Bucket]) -> dict:
    """Per bucket and lead source id (None: no deal with a lead source): customers
    created. A customer with deals from two sources counts under each."""
    rows = (
        scoped_customers(scope)
        .filter(_in(period, "created_at"))
        .annotate(
            bucket=_bucket("created_at", buckets),
            sourced=FilteredRelation("deals", condition=Q(deals__lead_source__isnull=False)),
        )
        .values_list("bucket", "sourced__lead_source")
        .annotate(count=Count("id", distinct=True))
        .order_by()
    )
    figures: dict = defaultdict(dict)
    for bucket, source, count in rows:
        figures[buckets[bucket].first][source] = count
    return figures


def status_moves(scope: Scope, period: Period) -> dict[tuple[str, str], int]:
    """Per (status before, status after): how often a customer moved so in the period.

    A move is a saved change whose status differs from the customer's record just
    before it in the change history (customers loaded in bulk have none, and so no
    moves). The history's own indexes, on the customer's id and on the moment, find
    the rows and each one's predecessor."""
    History = Customer.history.model
    before = (
        History.objects.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date"))
        .order_by("-history_date", "-history_id")
        .values("status")[:1]
    )
    rows = (
        History.objects.filter(
            _in(period, "history_date"), _of_scoped_customer(scope, "id"), history_type="~"
        )
        .annotate(before=Subquery(before))
        .exclude(before=F("status"))
        .filter(before__isnull=False)
        .values_list("before", "status")
        .annotate(count=Count("history_id"))
        .order_by()
    )
    return {(old, new): count for old, new, count in rows}


def customers_by_status(scope: Scope) -> dict[str, int]:
    rows = scoped_customers(scope).values_list("status").annotate(count=Count("id"))
    return dict(rows.order_by())


# --- Activity ------------------------------------------------------------------------


def activity(scope: Scope, period: Period) -> dict:
    """Per week (its Monday), rep id (who recorded it) and kind: interactions."""
    weeks = period.weeks()
    rows = (
        scoped_interactions(scope, owner_field="recorded_by")
        .filter(_in(period, "happened_at"), kind__in=ACTIVITY_KINDS)
        .annotate(week=_bucket("happened_at", weeks))
        .values_list("week", "recorded_by", "kind")
        .annotate(count=Count("id"))
        .order_by()
    )
    figures: dict = defaultdict(lambda: defaultdict(dict))
    for week, rep, kind, count in rows:
        figures[_monday(weeks[week].first)][rep][kind] = count
    return figures


def quiet_customers(scope: Scope, now: datetime.datetime) -> dict[int, int]:
    """Per number of days (30, 60, 90): the customers with no activity in that many.

    All the customers less those with activity since then, counted from the activity
    index (happened_at first): asking each customer for its last activity read the
    timeline index once per customer, most of a second at 100,000 customers.
    """
    customers = scoped_customers(scope).count()
    since = {days: now - datetime.timedelta(days=days) for days in QUIET_DAYS}
    active = (
        scoped_interactions(scope, owner_field="customer__owner")
        .filter(happened_at__gte=min(since.values()))
        .aggregate(
            **{
                str(days): Count("customer", distinct=True, filter=Q(happened_at__gte=cutoff))
                for days, cutoff in since.items()
            }
        )
    )
    return {days: customers - active[str(days)] for days in QUIET_DAYS}


# --- Support -------------------------------------------------------------------------


def support_per_week(scope: Scope, period: Period, *, by: str) -> dict[datetime.date, int]:
    """Per week (its Monday): support requests opened (`by` "happened_at") or resolved
    (`by` "resolved_at") in it. A request resolved, reopened and resolved again counts
    once, when it was last resolved."""
    weeks = period.weeks()
    rows = (
        scoped_interactions(scope, owner_field="customer__owner")
        .filter(_in(period, by), kind=Interaction.Kind.SUPPORT)
        .annotate(week=_bucket(by, weeks))
        .values_list("week")
        .annotate(count=Count("id"))
        .order_by()
    )
    return {_monday(weeks[week].first): count for week, count in rows}


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def median_time_to_resolve(scope: Scope, period: Period) -> tuple[int, datetime.timedelta | None]:
    """How many support requests were resolved in the period, and the median time from
    their opening to their resolution. The median is the middle one (the mean of the
    two middle ones) in the order of that time: two queries, on any database."""
    resolved = scoped_interactions(scope, owner_field="customer__owner").filter(
        _in(period, "resolved_at"), kind=Interaction.Kind.SUPPORT
    )
    count = resolved.count()
    took = DaysBetween("happened_at", "resolved_at")
    middle = max((count - 1) // 2, 0)
    times = list(
        resolved.annotate(took=took)
        .order_by("took", "pk")
        .values_list("took", flat=True)[middle : middle + 2 - count % 2]
    )
    if not times:
        return 0, None
    # To the second: julianday() keeps days as floating point, a few microseconds off.
    return count, datetime.timedelta(seconds=round(sum(times) / len(times) * 86400))


def open_requests_by_age(scope: Scope, now: datetime.datetime) -> list[tuple[str, int]]:
    """The support requests open now, by how long ago they were opened."""

    def aged(first: int, last: int | None) -> Q:
        # The youngest take in any opened "later" than now, too (a mistyped time).
        condition = Q(happened_at__lte=now - datetime.timedelta(days=first)) if first else Q()
        if last is not None:
            condition &= Q(happened_at__gt=now - datetime.timedelta(days=last))
        return condition

    counts = (
        scoped_interactions(scope, owner_field="customer__owner")
        .filter(kind=Interaction.Kind.SUPPORT, support_status=Interaction.SupportStatus.OPEN)
        .aggregate(
            **{
                f"age{index}": Count("pk", filter=aged(first, last))
                for index, (_, first, last) in enumerate(AGES)
            }
        )
    )
    return [(str(label), counts[f"age{index}"]) for index, (label, _, _) in enumerate(AGES)]
