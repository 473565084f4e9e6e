"""What to request, chosen from the data: the terms, the customers, the tag, the page."""

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count

from customers.models import Contact, Customer, Tag
from customers.tooling.benchmark.cases import (
    GRID,
    LINK,
    RELOAD,
    SEARCH,
    SORTABLE,
    GetCase,
    grid_url,
)
from customers.tooling.benchmark.client import BenchError
from customers.tooling.benchmark.terms import Terms, chinese_terms, pick_terms
from ui.tables import TablePageMixin

SAMPLE = 2_000  # customers whose names the terms are picked from
DEEP_PAGE = 2_000
ADMIN_CHANGELIST = "/admin/customers/customer/"
PAGE_SIZE = TablePageMixin.table_pagination["per_page"]


@dataclass(frozen=True)
class Plan:
    terms: Terms
    chinese: dict[str, str]  # Chinese and pinyin terms, by kind (terms.CHINESE_KINDS)
    edited: int  # the customer whose grid row is saved (with a company, to toggle)
    record: int  # the customer whose record page is opened: the busiest of the sample
    status: str
    tag: Tag | None
    deep_page: int  # page 2,000, or the last page of a smaller table


def make_plan(customers: int) -> Plan:
    sample = list(
        Customer.objects.order_by("pk").values_list("pk", "name", "email", "company")[:SAMPLE]
    )
    if not sample:
        raise BenchError("There are no customers to measure.")
    with_company = [row for row in sample if row[3]] or sample
    edited_pk, _, edited_email, _ = with_company[len(with_company) // 2]
    record = (
        Customer.objects.filter(pk__lte=sample[-1][0])
        .annotate(activity=Count("interactions"))
        .order_by("-activity", "pk")
        .values_list("pk", flat=True)
        .first()
    )
    return Plan(
        terms=pick_terms([row[1] for row in sample], rare_email=edited_email),
        chinese=chinese_terms(
            [(name, company, email) for _, name, email, company in sample],
            Contact.objects.filter(customer_id__lte=sample[-1][0]).values_list("name", flat=True),
        ),
        edited=edited_pk,
        record=record,
        status=Customer.Status.ACTIVE,
        tag=Tag.objects.order_by("pk").first(),
        deep_page=min(DEEP_PAGE, max(1, math.ceil(customers / PAGE_SIZE))),
    )


def search_cases(plan: Plan) -> dict[str, GetCase]:
    """Live search as the user types: the filter form's request, by term."""
    t = plan.terms
    labels = {
        t.rare: f"search, rare term `{t.rare}`",
        t.common: f"search, common term `{t.common}`",
        t.no_match: f"search, no match `{t.no_match}`",
        t.two_letters: f"search, 2 letters `{t.two_letters}`",
    }
    if t.accented:
        labels[t.accented] = f"search, `{t.accented}` finds “{t.accented_stored}”"
    return {term: GetCase(label, grid_url(q=term), SEARCH) for term, label in labels.items()}


def chinese_search_cases(plan: Plan) -> list[GetCase]:
    """Live search for Chinese characters and pinyin, terms drawn from the data."""
    return [
        GetCase(f"search, {kind} `{term}`", grid_url(q=term), SEARCH)
        for kind, term in plan.chinese.items()
    ]


def next_step_cases(plan: Plan) -> list[GetCase]:
    """The grid by its "Next step" column: sorted both ways (first and a deep page), and
    filtered to customers with no next step, alone and with a status."""
    return [
        GetCase("grid, sort by next step", grid_url(sort="next_step"), LINK),
        GetCase("grid, sort by -next step", grid_url(sort="-next_step"), LINK),
        GetCase(
            f"grid, sort by next step, page {plan.deep_page:,}",
            grid_url(sort="next_step", page=plan.deep_page),
            LINK,
        ),
        GetCase("filter: no next step", grid_url(no_next_step="on"), SEARCH),
        GetCase(
            f"filter: no next step + status {plan.status}",
            grid_url(no_next_step="on", status=plan.status),
            SEARCH,
        ),
    ]


def grid_cases(plan: Plan) -> list[GetCase]:
    common = plan.terms.common
    sorts = [
        GetCase(f"search `{common}`, sort by {sort}", grid_url(q=common, sort=sort), LINK)
        for column in SORTABLE
        for sort in (column, f"-{column}")
    ]
    label = f"filter: status {plan.status}"
    filtered = {"status": plan.status}
    if plan.tag:
        label += f" + tag “{plan.tag.name}”"
        filtered["tag"] = plan.tag.pk
    return [
        GetCase("grid, first page", GRID),
        GetCase("grid, first page (fragment)", GRID, RELOAD),
        *search_cases(plan).values(),
        *sorts,
        GetCase(f"grid, page {plan.deep_page:,}", grid_url(page=plan.deep_page), LINK),
        GetCase(label, grid_url(**filtered), SEARCH),
    ]


def page_cases(plan: Plan) -> list[GetCase]:
    return [
        GetCase("record page", f"/customers/{plan.record}/"),
        GetCase("deal board", "/deals/"),
    ]


def deal_search_cases(plan: Plan) -> list[GetCase]:
    """The deal board searched for a common word and for one that finds nothing: each
    looks at the deals of both indexes' matches. Left out of the requests sent for the
    memory figure, since a common word reads thousands of deals."""
    t = plan.terms
    return [
        GetCase(f"deal board, search `{term}`", f"/deals/?{urlencode({'q': term})}")
        for term in (t.common, t.no_match)
    ]


def admin_cases(plan: Plan) -> list[tuple[str, str, GetCase]]:
    """The admin changelist's own search (plain icontains), the baseline: (what, term, case)."""
    t = plan.terms
    return [
        (
            what,
            term,
            GetCase(
                f"admin search, {what} `{term}`", f"{ADMIN_CHANGELIST}?{urlencode({'q': term})}"
            ),
        )
        for what, term in (("no match", t.no_match), ("rare term", t.rare))
    ]
