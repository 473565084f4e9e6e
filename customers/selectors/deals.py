"""Reads for deals: the pipeline board, the list, and a customer's deals.

Each page costs a fixed number of queries however many deals there are: the board's
totals come from one aggregate query, its cards from one query capped per column.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from customers.models import ClosingReason, Customer, Deal, Stage
from customers.search import search_terms
from customers.selectors.customers import customer_search

CARDS_PER_COLUMN = 50
CUSTOMER_DEALS_SHOWN = 20
CUSTOMER_SUGGESTIONS = 10


def deal_list() -> QuerySet[Deal]:
    """Deals with what every page shows of them, in one query: customer, stage, owner.

    The search documents stay behind: nobody reads them.
    """
    return Deal.objects.select_related("customer", "stage", "owner").defer(
        "search_text", "customer__search_text"
    )


def deal_search(*, queryset: QuerySet[Deal], query: str) -> QuerySet[Deal]:
    """Deals whose title or customer contains every word of `query`, regardless of case
    and accents. A word may match the title and another the customer's name."""
    for forms in search_terms(query):
        matches_any_form = Q()
        for form in forms:
            matches_any_form |= Q(search_text__contains=form)
            matches_any_form |= Q(customer__search_text__contains=form)
        queryset = queryset.filter(matches_any_form)
    return queryset


def deal_owners() -> QuerySet:
    """The users who own at least one deal, for the owner filter."""
    User = get_user_model()
    return User.objects.filter(Exists(Deal.objects.filter(owner=OuterRef("pk")))).order_by(
        "username"
    )


def stage_list() -> QuerySet[Stage]:
    return Stage.objects.all()


def closing_reason_list() -> QuerySet[ClosingReason]:
    return ClosingReason.objects.all()


@dataclass
class Total:
    currency: str
    amount: Decimal


@dataclass
class BoardColumn:
    """One stage of the board: how many deals it holds, their totals per currency, and
    the most recently updated of them as cards."""

    stage: Stage
    count: int = 0
    totals: list[Total] = field(default_factory=list)
    deals: list[Deal] = field(default_factory=list)

    @property
    def more(self) -> int:
        """How many deals the column holds beyond its cards."""
        return self.count - len(self.deals)


def board_totals(*, queryset: QuerySet[Deal]) -> dict[int, tuple[int, list[Total]]]:
    """Per stage id: the number of deals and their totals per currency, in one query."""
    rows = (
        queryset.order_by()
        .values("stage", "currency")
        .annotate(n=Count("id"), total=Sum("amount"))
        .order_by("stage", "currency")
    )
    counts: dict[int, int] = defaultdict(int)
    totals: dict[int, list[Total]] = defaultdict(list)
    for row in rows:
        counts[row["stage"]] += row["n"]
        totals[row["stage"]].append(Total(row["currency"], row["total"] or Decimal(0)))
    return {stage: (counts[stage], totals[stage]) for stage in counts}


def board_cards(
    *, queryset: QuerySet[Deal], stages: list[Stage], per_stage: int = CARDS_PER_COLUMN
) -> list[Deal]:
    """The `per_stage` most recently updated deals of each stage, in one query: each
    stage's read from the board's index, stopping after `per_stage`."""
    if not stages:
        return []
    newest = queryset.order_by("-updated_at", "-id").values("pk")
    in_a_column = Q()
    for stage in stages:
        in_a_column |= Q(pk__in=newest.filter(stage=stage)[:per_stage])
    # Sorted here: asked to sort them, SQLite reads the whole index in that order.
    cards = sorted(queryset.filter(in_a_column).order_by(), key=newest_first, reverse=True)
    return sorted(cards, key=lambda deal: deal.stage_id)


def newest_first(deal: Deal):
    return (deal.updated_at, deal.pk)


def deal_board(*, queryset: QuerySet[Deal], per_stage: int = CARDS_PER_COLUMN) -> list[BoardColumn]:
    """A column per stage, in board order, whether or not it holds any deals:
    three queries whatever the number of deals."""
    columns = {stage.pk: BoardColumn(stage=stage) for stage in stage_list()}
    for stage_id, (count, totals) in board_totals(queryset=queryset).items():
        if stage_id in columns:
            columns[stage_id].count = count
            columns[stage_id].totals = totals
    stages = [column.stage for column in columns.values()]
    for deal in board_cards(queryset=queryset, stages=stages, per_stage=per_stage):
        if column := columns.get(deal.stage_id):
            deal.stage = column.stage  # the same object, no query per card
            column.deals.append(deal)
    return list(columns.values())


def customer_deals(*, customer: Customer, limit: int = CUSTOMER_DEALS_SHOWN) -> list[Deal]:
    """The customer's newest deals, at most `limit` + 1 so the caller can tell there are
    more without counting them all."""
    return list(
        Deal.objects.filter(customer=customer)
        .select_related("stage", "owner")
        .defer("search_text")
        .order_by("-created_at", "-id")[: limit + 1]
    )


def customer_suggestions(*, query: str, limit: int = CUSTOMER_SUGGESTIONS) -> list[Customer]:
    """A few customers matching `query`, for the deal form's customer field. Nothing
    for fewer than two characters: every customer would match."""
    if len(query.strip()) < 2:
        return []
    matches = customer_search(
        queryset=Customer.objects.only("name", "email", "company"), query=query
    )
    return list(matches.order_by("name", "id")[:limit])
