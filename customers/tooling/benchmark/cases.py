"""What the benchmark times: each case sends one request the way the browser would."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from customers.tooling.benchmark.client import BenchError, Client, FormFields, Response
from customers.tooling.benchmark.stats import Measurement

GRID = "/customers/"
SORTABLE = ["name", "email", "phone", "company", "status", "created", "next_step"]
COUNT = re.compile(r'class="count"[^>]*>([^<]*)<')

# The htmx headers of the grid's requests, as templates/customers/grid/customer_list.html makes
# them: the filter form's live search, a sort or page link boosted into the results, and
# the results region reloading itself.
SEARCH = {"target": "results", "trigger": "customer-filters"}
LINK = {"target": "results", "boosted": True}
RELOAD = {"target": "results", "trigger": "results"}


def grid_url(**params) -> str:
    return f"{GRID}?{urlencode(params)}" if params else GRID


def shown_count(body: bytes) -> str:
    """The grid's "N customers" line, as the user reads it."""
    found = COUNT.search(body.decode("utf-8", "replace"))
    return found[1].strip() if found else "?"


@dataclass
class GetCase:
    """A GET of `path`: a full page, or with `htmx` the fragment htmx asks for from a
    page at `page`."""

    label: str
    path: str
    htmx: dict | None = None
    page: str = GRID

    def send(self, client: Client) -> Response:
        headers = client.htmx(self.page, **self.htmx) if self.htmx is not None else None
        return client.get(self.path, headers).expect(200)


@dataclass
class InlineEdit:
    """Save a grid row's edit form with its company changed, back and forth.

    Every save moves the customer's version on, so each timed POST is preceded by an
    untimed GET of the current form, whose fields (version included) go back as read.
    """

    label: str
    pk: int
    original: str | None = field(default=None, init=False)  # the company before the first save
    saves: int = field(default=0, init=False)

    MARK = " (bench)"

    @property
    def path(self) -> str:
        return f"/customers/update/{self.pk}/"

    @property
    def form_id(self) -> str:
        return f"customer-{self.pk}-form"

    def read_form(self, client: Client) -> list[tuple[str, str]]:
        headers = client.htmx(GRID, target=f"customer-{self.pk}")
        fields = FormFields.of(client.get(self.path, headers).expect(200).text, self.form_id)
        if not any(name == "version" for name, _ in fields):
            raise BenchError(f"GET {self.path}: the row's edit form has no version field.")
        return fields

    def send(self, client: Client) -> Response:
        fields = self.read_form(client)
        if self.original is None:
            self.original = dict(fields).get("company", "")
        self.saves += 1
        return self.post(client, fields, self.other() if self.saves % 2 else self.original)

    def post(self, client: Client, fields: list[tuple[str, str]], company: str) -> Response:
        changed = [(name, company if name == "company" else value) for name, value in fields]
        headers = client.htmx(GRID, target=f"customer-{self.pk}", trigger=self.form_id)
        response = client.post(self.path, changed, headers)
        row = f'<tr id="customer-{self.pk}"'
        if response.status != 200 or row not in response.text or "data-editing" in response.text:
            raise BenchError(
                f"POST {self.path} answered {response.status} without the saved row "
                "(409: someone else saved it meanwhile; 422: the form was refused)."
            )
        return response

    def other(self) -> str:
        marked = self.original[: 100 - len(self.MARK)] + self.MARK
        return self.original.removesuffix(self.MARK) if marked == self.original else marked

    def restore(self, client: Client):
        """Leave the company as it was (the history keeps the benchmark's saves)."""
        if self.saves % 2:
            self.saves += 1
            self.post(client, self.read_form(client), self.original)


def measure(case, client: Client, *, warmup: int, requests: int) -> Measurement:
    for _ in range(warmup):
        case.send(client)
    responses = [case.send(client) for _ in range(requests)]
    return Measurement(case.label, [r.ms for r in responses], responses[-1].body)
