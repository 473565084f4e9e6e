"""No input is a server error: generated hostile values (long and odd text, NULs, huge
numbers, impossible dates, choices that do not exist) thrown at every URL of the app,
in its query string and in the fields of its forms, by every role and by no one.

The URLs come from the URLconf (the admin's own are left to Django); each URL's fields
are found as a user finds them, in the page it serves, plus the query parameters any
list takes. Hypothesis draws a bounded, derandomized set of examples per URL, so a run
is the same run every time (on CI too), and takes seconds.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from customers.core.services import (
    customer_create,
    customer_tag_add,
    customer_trash,
    tag_get_or_create,
)
from customers.deals.services import deal_create
from customers.models import Interaction, Stage
from customers.record.services import contact_create
from customers.timeline.services import interaction_create
from project.tests.routes import named_url_patterns

pytestmark = pytest.mark.django_db

ROLES = ("admin_user", "manager", "sales_rep", "support_agent", "no_role_user", None)

# Parameters the lists, the timeline and the suggestion boxes read, whether or not a
# page's own form names them (sort, page and cursor links are links, not fields).
QUERY_PARAMETERS = (
    "q", "sort", "page", "per_page", "status", "tag", "mine", "open_requests",
    "created_from", "created_to", "owner", "stage", "currency", "customer", "before",
    "kind", "name", "next", "ids", "version", "action", "seconds", "undo",
)  # fmt: skip

NAME = re.compile(r'<(?:input|select|textarea)\b[^>]*?\bname="([^"]+)"')
LINK_QUERY = re.compile(r'href="[^"?]*\?([^"#]*)')
PARAMETER = re.compile(r"(?:^|&(?:amp;)?)([\w-]+)=")

# --- Hostile values ------------------------------------------------------------------

huge_numbers = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.sampled_from(["9" * 5000, "9223372036854775808", "-1", "0", "1e309", "nan", "inf"]),
)
odd_dates = st.sampled_from(
    ["2025-02-30", "0000-00-00", "99999-01-01", "2025-13-01", "1-1-1", "2025-02-29T25:61"]
)
unknown_choices = st.sampled_from(["bogus", "Lost ", "on\x00", "¹", "٣", "NaN", "[]", "{}"])
# A NUL inside some text (a search needs a few characters before it asks the database).
with_nul = st.tuples(st.text(min_size=1, max_size=10), st.text(min_size=1, max_size=10)).map(
    "\x00".join
)
texts = st.text(max_size=300)  # any code point a browser can send, the rare ones too
very_long = st.just("a" * 10_000)
hostile = st.one_of(texts, with_nul, huge_numbers, odd_dates, unknown_choices, very_long)


# --- The URLs ------------------------------------------------------------------------


# (name, the names of its URL arguments) for every named URL outside the admin.
ROUTES = sorted(
    {(name, tuple(pattern.pattern.converters)) for name, pattern in named_url_patterns()}
)


class World:
    """One of everything a URL can point at, owned by the sales rep."""

    def __init__(self, owner):
        self.tag = tag_get_or_create(name="VIP")
        self.customer = customer_create(name="Acme", email="acme@example.com", owner=owner)
        customer_tag_add(customer=self.customer, tag=self.tag)
        self.contact = contact_create(customer=self.customer, name="Cleo")
        self.interaction = interaction_create(
            customer=self.customer, kind=Interaction.Kind.SUPPORT, subject="Help", recorded_by=None
        )
        self.deal = deal_create(
            customer=self.customer, title="Roof", amount=Decimal(1), stage=Stage.objects.first()
        )
        self.trashed = customer_create(name="Gone", email="gone@example.com", owner=owner)
        customer_trash(customers=[self.trashed], by=None)

    def pk_for(self, route: str) -> int:
        """The object a route's `pk` most likely means, by the route's name."""
        for prefix, obj in (
            ("contact", self.contact),
            ("interaction_status", self.interaction),
            ("deal_", self.deal),
            ("trash", self.trashed),
        ):
            if route.startswith(prefix):
                return obj.pk
        return self.customer.pk


@pytest.fixture
def world(sales_rep):
    return World(owner=sales_rep)


@pytest.fixture
def users(request, world):
    """The user of each role (None: signed out)."""
    return {role: request.getfixturevalue(role) if role else None for role in ROLES}


@pytest.fixture
def clients(users):
    """A browser per role, each signed in once."""
    browsers = {}
    for role, user in users.items():
        browsers[role] = Client(raise_request_exception=False)
        if user is not None:
            browsers[role].force_login(user)
    return browsers


@pytest.fixture
def pages() -> dict[str, "Page"]:
    """The names each URL's page asks for, read once per test rather than per example."""
    return {}


def url_of(route: str, arguments: tuple[str, ...], world: World, odd_pk: int | None) -> str:
    kwargs = {name: world.pk_for(route) for name in arguments}
    if "tag_pk" in kwargs:
        kwargs["tag_pk"] = world.tag.pk
    if odd_pk is not None and "pk" in kwargs:
        kwargs["pk"] = odd_pk
    return reverse(route, kwargs=kwargs)


@dataclass(frozen=True)
class Page:
    """What a URL asks for, as a user (an Admin) finds it: the names of its forms'
    fields and of its own links' query parameters (sort, page, the timeline's "Older"),
    and the methods it answers (a GET-only list is not posted to, to no purpose)."""

    names: list[str]
    methods: list[str]

    @classmethod
    def read(cls, browser: Client, url: str) -> "Page":
        allowed = browser.options(url).get("Allow", "GET, POST")
        methods = [verb for verb in ("get", "post") if verb.upper() in allowed] or ["get"]
        response = browser.get(url)
        names = set()
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            text = response.content.decode(errors="replace")
            names = {*NAME.findall(text), *linked(text)} - {"csrfmiddlewaretoken"}
        return cls(names=sorted(names) or list(QUERY_PARAMETERS), methods=methods)


def linked(text: str) -> set[str]:
    return {name for query in LINK_QUERY.findall(text) for name in PARAMETER.findall(query)}


@pytest.mark.parametrize("route,arguments", ROUTES, ids=[route for route, _ in ROUTES])
@settings(
    max_examples=16,  # per URL, each as one of the roles: about 600 requests in all
    deadline=None,  # a request's time varies with the machine; only its status counts
    derandomize=True,  # the same examples on every run: CI is deterministic
    database=None,  # and no example database of earlier failures changes that
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_input_is_a_server_error(route, arguments, world, users, clients, pages, settings, data):
    settings.REGISTRATION_OPEN = True  # so that its form, too, is there to attack
    odd_pk = data.draw(
        st.one_of(st.none(), st.sampled_from([0, 10**20, 2**63, 999_999])), label="pk"
    )
    url = url_of(route, arguments, world, odd_pk)
    if url not in pages:
        pages[url] = Page.read(clients["admin_user"], url)
    page = pages[url]
    # Mostly what the page itself asks for, and now and then what any list reads.
    chosen = {
        *data.draw(st.lists(st.sampled_from(page.names), min_size=1, max_size=4), label="own"),
        *data.draw(st.lists(st.sampled_from(QUERY_PARAMETERS), max_size=2), label="extra"),
    }
    values = {name: data.draw(st.lists(hostile, min_size=1, max_size=2)) for name in sorted(chosen)}
    method = data.draw(st.sampled_from(page.methods), label="method")
    headers = data.draw(st.sampled_from([{}, {"HX-Request": "true"}]), label="headers")
    role = data.draw(st.sampled_from(ROLES), label="role")

    browser = clients[role]

    response = getattr(browser, method)(url, values, headers=headers)

    assert response.status_code < 500, (role, method, url, values)
    if route == "logout" and users[role] is not None:
        browser.force_login(users[role])  # the next example signs in as this role still
