"""The space of ordinary requests, sampled rather than hand-picked.

Every kind of search, alone or with any filter or pair of filters, in every sort and on
the first, 10th, 100th or last page: a target holds only if it holds anywhere here. The
sample is random with a fixed seed, so two runs time the same requests.
"""

import datetime
import itertools
import math
import random
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.http import QueryDict
from django.test import RequestFactory

from customers.grid.filters import CustomerFilter
from customers.models import Customer, Tag
from customers.tooling.benchmark.cases import GRID, LINK, SEARCH, SORTABLE, GetCase
from customers.tooling.benchmark.plan import PAGE_SIZE, SAMPLE, Plan
from ui.paginators import MAX_PAGE

GRID_TARGET_MS = 30
DEALS_TARGET_MS = 50
FILTERS = ("status", "tag", "mine", "open_requests", "no_next_step", "created")
SORTS = (None, *(sort for column in SORTABLE for sort in (column, f"-{column}")))
PAGES = ("first", "10th", "100th", "last")
DEAL_PAGES = {"deal board": "/deals/", "deal list": "/deals/list/"}


@dataclass(frozen=True)
class Space:
    terms: dict[str, str]  # by kind of search: "" for none
    statuses: list[str]
    tags: list[int]
    first_day: datetime.date  # the days customers were created on
    last_day: datetime.date


def make_space(plan: Plan) -> Space:
    """The terms of every kind, picked from the data as the plan's are."""
    sample = list(Customer.objects.order_by("pk").values_list("pk", "name", "phone")[:SAMPLE])
    two_words = next((name for _, name, _ in sample if len(name.split()) == 2), sample[0][1])
    digits = next((phone[-4:] for _, _, phone in sample if phone[-4:].isdigit()), "2079")
    t = plan.terms
    terms = {
        "none": "",
        "rare": t.rare,
        "common": t.common,
        "two letters": t.two_letters,
        "accented": t.accented,
        "digits": digits,
        "several words": two_words,
        "ID": f"ID {sample[len(sample) // 2][0]}",
        "no match": t.no_match,
        **plan.chinese,
    }
    oldest = Customer.objects.order_by("created_at").values_list("created_at", flat=True)
    newest = Customer.objects.order_by("-created_at").values_list("created_at", flat=True)
    return Space(
        terms={kind: term for kind, term in terms.items() if term is not None},
        statuses=list(Customer.Status.values),
        tags=list(Tag.objects.order_by("pk").values_list("pk", flat=True)),
        first_day=oldest.first().date(),
        last_day=newest.first().date(),
    )


def filter_choices() -> list[tuple[str, ...]]:
    """No filter, each filter, and each pair of them."""
    return [(), *((name,) for name in FILTERS), *itertools.combinations(FILTERS, 2)]


def sampled_grid_cases(space: Space, *, size: int, seed: int, username: str) -> list[GetCase]:
    """`size` grid requests drawn at random (with `seed`) from the whole space."""
    rng = random.Random(seed)
    pages = Pages(username)
    cases = []
    for _ in range(size):
        kind = rng.choice(list(space.terms))
        params = {"q": space.terms[kind]} if space.terms[kind] else {}
        for name in rng.choice(filter_choices()):
            params.update(filter_params(name, space, rng))
        sort = rng.choice(SORTS)
        if sort:
            params["sort"] = sort
        page = pages.number(params, rng.choice(PAGES))
        if page > 1:
            params["page"] = page
        # A search or filter is the filter form's request; a sort or page link, a boosted one.
        htmx = LINK if sort or page > 1 else SEARCH
        cases.append(GetCase(f"`{GRID}?{urlencode(params)}`", f"{GRID}?{urlencode(params)}", htmx))
    return cases


def filter_params(name: str, space: Space, rng: random.Random) -> dict:
    if name == "status":
        return {"status": rng.choice(space.statuses)}
    if name == "tag":
        return {"tag": rng.choice(space.tags)} if space.tags else {}
    if name == "created":
        span = (space.last_day - space.first_day).days
        start = space.first_day + datetime.timedelta(days=rng.randrange(span + 1))
        end = start + datetime.timedelta(days=rng.choice((0, 7, 30, 365)))
        return {"created_from": start.isoformat(), "created_to": end.isoformat()}
    return {name: "on"}


class Pages:
    """Page numbers as the user reaches them: the 10th and 100th where there are that
    many, and the last page the grid links to (it stops at MAX_PAGE)."""

    def __init__(self, username: str):
        self.request = RequestFactory().get(GRID)
        self.request.user = get_user_model().objects.get(username=username)
        self.counts: dict[str, int] = {}

    def number(self, params: dict, which: str) -> int:
        wanted = {"first": 1, "10th": 10, "100th": 100}.get(which)
        last = self.last(params)
        return last if wanted is None else min(wanted, last)

    def last(self, params: dict) -> int:
        key = urlencode({k: v for k, v in params.items() if k != "sort"})
        if key not in self.counts:
            data = QueryDict(key)
            found = CustomerFilter(data, queryset=Customer.objects.all(), request=self.request)
            self.counts[key] = found.qs.order_by().count()
        return max(1, min(math.ceil(self.counts[key] / PAGE_SIZE), MAX_PAGE))


def deal_search_space(space: Space) -> list[GetCase]:
    """The deal board and the deal list, searched for a term of every kind."""
    return [
        GetCase(f"{what}, search {kind} `{term}`", f"{path}?{urlencode({'q': term})}")
        for what, path in DEAL_PAGES.items()
        for kind, term in space.terms.items()
        if term
    ]
