"""Reads for deals: the pipeline board, the list, and a customer's deals.

Each page costs a fixed number of queries however many deals there are: the board's
totals come from one query of the totals the database keeps (customers/deals/totals.py),
or of the deals a search found; its cards from one query capped per column.
"""

import operator
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Sum, Window
from django.db.models.functions import RowNumber

from customers.core import search_index
from customers.core.search import search_terms
from customers.core.selectors import contains_every_word, customer_search
from customers.deals import totals as deal_totals
from customers.models import ClosingReason, Customer, Deal, Stage

# As many as a page of the list; the column's link leads on to the rest there.
CARDS_PER_COLUMN = 25
# What a board card shows (customers/deals/cards.py), and the sort of its column.
CARD_FIELDS = (
    "title",
    "amount",
    "currency",
    "stage",
    "expected_close",
    "owner",
    "closing_reason",
    "version",
    "updated_at",
    "customer__name",
)
CUSTOMER_DEALS_SHOWN = 20
CUSTOMER_SUGGESTIONS = 10
CENT = Decimal("0.01")
# PostgreSQL: a word found in up to this many customers, and as many deal titles, narrows
# a deal search to their deals by id (`_narrowed`).
FOUND_IDS_MAX = 2_000


def deal_list() -> QuerySet[Deal]:
    """Deals with what every page shows of them, in one query: customer, stage, owner.

    The search documents stay behind: nobody reads them.
    """
    return Deal.objects.select_related("customer", "stage", "owner").defer(
        "search_text", "customer__search_text"
    )


def deal_search(*, queryset: QuerySet[Deal], query: str) -> QuerySet[Deal]:
    """Deals whose title or customer contains every word of `query`, regardless of case
    and accents. A word may match the title and another the customer's name.

    The search indexes find them (customers/core/search_index.py): reading every deal and its
    customer took 1 to 2 s at a million customers. On SQLite each word's deals are those
    its two indexes give. PostgreSQL cannot join an OR of two indexes across the two
    tables: the first word found in few customers and few titles (`_narrowed`) narrows
    the search to their deals, by id. A search of common words only reads the deals as
    before, which finds a column's newest cards within a few rows.
    """
    terms = search_terms(query)
    if search_index.indexed():
        for forms in terms:
            titled = Q(pk__in=search_index.DEALS.matching_ids([forms]))
            of_customers = Q(customer_id__in=search_index.CUSTOMERS.matching_ids([forms]))
            queryset = queryset.filter(titled | of_customers)
        return queryset
    to_read = list(terms)
    for forms in terms:
        if (narrowed := _narrowed(forms)) is not None:
            queryset = queryset.filter(narrowed)
            to_read.remove(forms)
            break
    for forms in to_read:
        queryset = queryset.filter(
            contains_every_word([forms])
            | contains_every_word([forms], field="customer__search_text")
        )
    return queryset


def _narrowed(forms: set[str]) -> Q | None:
    """The deals titled with a word or of a customer holding it, by the ids each table's
    trigram index finds, up to FOUND_IDS_MAX of each; None for a commoner word
    (PostgreSQL). Each read stops at that many rows, whichever road the planner takes."""
    customers = Customer.objects.filter(contains_every_word([forms]))
    titled = Deal._base_manager.filter(contains_every_word([forms]))
    found = []
    for rows in (customers, titled):
        ids = list(rows.order_by().values_list("pk", flat=True)[: FOUND_IDS_MAX + 1])
        if len(ids) > FOUND_IDS_MAX:
            return None
        found.append(ids)
    customer_ids, deal_ids = found
    return Q(customer_id__in=customer_ids) | Q(pk__in=deal_ids)


def deal_owners() -> QuerySet:
    """The users who own at least one deal, for the owner filter: read from the kept
    totals, which have a row for each owner of a deal."""
    User = get_user_model()
    return User.objects.filter(pk__in=deal_totals.owner_ids()).order_by("username")


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


BoardTotals = dict[int, tuple[int, list[Total]]]


@dataclass(frozen=True)
class OwnerScope:
    """Deals narrowed by their owner alone: one user's (`owner_id`), or everyone's (None).
    Their totals are kept ready by the database."""

    owner_id: int | None = None


def board_totals(*, queryset: QuerySet[Deal]) -> BoardTotals:
    """Per stage id: the number of deals and their totals per currency, added up in one
    query. It reads every deal of `queryset`: the board's road when a search narrows it."""
    rows = (
        queryset.order_by()
        .values_list("stage", "currency")
        .annotate(n=Count("id"), total=Sum("amount"))
        .order_by("stage", "currency")
    )
    return _per_stage(rows)


def kept_board_totals(*, scope: OwnerScope) -> BoardTotals:
    """As `board_totals`, for the deals outside the trash, everyone's or one owner's, read
    from the totals the database keeps: one query of a few hundred rows at most."""
    return _per_stage(deal_totals.by_stage(owner_key=scope.owner_id))


def _per_stage(rows) -> BoardTotals:
    counts: dict[int, int] = defaultdict(int)
    totals: dict[int, list[Total]] = defaultdict(list)
    for stage, currency, count, total in rows:
        # PostgreSQL's SUM of the kept totals' counts is a numeric: a Decimal here, which
        # the plural forms of "%(count)s deals" must not get.
        counts[stage] += int(count)
        totals[stage].append(Total(currency, cents(total)))
    return {stage: (counts[stage], totals[stage]) for stage in counts}


def cents(amount) -> Decimal:
    """A total to the cent. SQLite adds amounts up as floating point: 0.1 + 0.2 comes
    back as 0.30000000000000004, and a zero may come back as -0.0 (`+ 0` unsigns it)."""
    return Decimal(str(amount or 0)).quantize(CENT) + 0


def board_cards(
    *,
    queryset: QuerySet[Deal],
    stages: list[Stage],
    per_stage: int = CARDS_PER_COLUMN,
    searched: bool = False,
) -> list[Deal]:
    """The `per_stage` most recently updated deals of each stage, in one query: each
    stage's read from the board's index, stopping after `per_stage`. `searched`: the
    deals are a search's (see below)."""
    if not stages:
        return []
    newest = queryset.order_by("-updated_at", "-id").values("pk")
    columns = [newest.filter(stage=stage)[:per_stage] for stage in stages]
    if connection.features.supports_slicing_ordering_in_compound:
        # PostgreSQL: one set of ids. Given an OR of one IN per column, it read every
        # deal and joined every customer to them.
        in_a_column = Q(pk__in=reduce(lambda a, b: a.union(b, all=True), columns))
    elif searched:
        # SQLite reads a search's matches from its index once for each IN: once a
        # column, six times a board, which for a common word at a million customers
        # cost most of the board (docs/performance.md). Numbered per stage, in a
        # subquery of their keys alone, they are read once, and the cards by their
        # keys without the search.
        numbered = queryset.order_by().annotate(
            place=Window(
                RowNumber(),
                partition_by=F("stage"),
                order_by=(F("updated_at").desc(), F("id").desc()),
            )
        )
        in_a_column = Q(pk__in=numbered.filter(place__lte=per_stage).values("pk"))
        queryset = Deal.objects.all()
    else:
        # SQLite takes no LIMIT within a UNION, and reads each IN from the index.
        in_a_column = reduce(operator.or_, (Q(pk__in=column) for column in columns))
    # Only what a card shows, and each owner once for all their cards: each card was four
    # full model instances, as long to make as the card to draw.
    rows = (
        queryset.filter(in_a_column)
        .select_related(None)
        .select_related("customer")
        .only(*CARD_FIELDS)
        .prefetch_related("owner")
        .order_by()  # sorted here: asked to, SQLite reads the whole index in that order
    )
    cards = sorted(rows, key=newest_first, reverse=True)
    return sorted(cards, key=lambda deal: deal.stage_id)


def newest_first(deal: Deal):
    return (deal.updated_at, deal.pk)


def deal_board(
    *,
    queryset: QuerySet[Deal],
    owner_scope: OwnerScope | None = None,
    per_stage: int = CARDS_PER_COLUMN,
) -> list[BoardColumn]:
    """A column per stage, in board order, whether or not it holds any deals:
    four queries whatever the number of deals.

    The cards are `queryset`'s. Say with `owner_scope` when `queryset` is narrowed by
    owner alone, or not at all: the counts and totals are then read from those the
    database keeps. Otherwise (a search, say) they are added up from `queryset`.
    """
    columns = {stage.pk: BoardColumn(stage=stage) for stage in stage_list()}
    if owner_scope is None:
        per_stage_totals = board_totals(queryset=queryset)
    else:
        per_stage_totals = kept_board_totals(scope=owner_scope)
    for stage_id, (count, totals) in per_stage_totals.items():
        if stage_id in columns:
            columns[stage_id].count = count
            columns[stage_id].totals = totals
    stages = [column.stage for column in columns.values()]
    searched = owner_scope is None
    cards = board_cards(queryset=queryset, stages=stages, per_stage=per_stage, searched=searched)
    for deal in cards:
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
