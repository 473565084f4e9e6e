"""Story: every page passes axe-core (WCAG 2.x A and AA) with no violation, in the light
and the dark theme, on a laptop (1366 px) and a phone (375 px).

Each run makes one set of data (customers with owners and tags, contacts, activity,
deals in several stages, one customer in the trash), then walks through the states a
user meets: the login page, the grid (rows ticked, an edit row showing an error, a toast), the
New customer and delete dialogs, a record page, its History dialog, the timeline, the
deal board and the trash. Every state is scanned; the test fails once at the end,
listing each state's violations (rule, impact, the elements at fault), so one run
shows all there is to fix.

No rule is switched off: axe runs its default rule set, which holds WCAG 2.0, 2.1 and
2.2 A and AA and axe's best practices.
"""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, expect

from customers.core.services import (
    customer_tag_add,
    customer_trash,
    tag_get_or_create,
)
from customers.deals.services import deal_create
from customers.followups.services import task_create
from customers.models import ClosingReason, Customer, Interaction, Stage
from customers.record.services import contact_create
from customers.timeline.services import interaction_create, interaction_set_status
from e2e.conftest import grant
from e2e.pages.customers import CustomerGrid
from e2e.pages.deals import DealBoard
from e2e.pages.login import LoginPage
from e2e.pages.record import RecordPage
from e2e.pages.timeline import Timeline

EXTRA_PERMISSIONS = (
    *(
        f"{action}_{model}"
        for model in ("contact", "interaction", "deal", "tag")
        for action in ("view", "add", "change", "delete")
    ),
    "view_followup",
    "add_followup",
    "change_followup",
)

VIEWPORTS = {"1366px": {"width": 1366, "height": 768}, "375px": {"width": 375, "height": 812}}

AXE = Axe()

SETTLED = """() => !document.querySelector(".htmx-request")
  && !document.documentElement.classList.contains("waiting")
  && !document.getAnimations().some(animation => animation instanceof CSSTransition)"""


# --- Reporting --------------------------------------------------------------------


def describe(violations: list[dict]) -> str:
    """axe's violations as lines a person can act on: the rule, how bad, what it
    checks, and each element at fault with axe's own summary of what to fix."""
    lines = []
    for violation in violations:
        lines.append(
            f"  {violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{len(violation['nodes'])} element(s)]"
        )
        for node in violation["nodes"]:
            target = " ".join(
                " >> ".join(part) if isinstance(part, list) else part for part in node["target"]
            )
            lines.append(f"    - {target}")
            summary = " ".join((node.get("failureSummary") or "").split())
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


class Scanner:
    """Runs axe on the page as it is now, and keeps what it found under the state's name."""

    def __init__(self, page: Page, where: str):
        self.page = page
        self.where = where
        self.found: dict[str, list[dict]] = {}

    def scan(self, state: str) -> None:
        # Colours as they settle: a request under way for a moment dims the results
        # (html.waiting, static/js/app.js), which would be measured as poor contrast.
        self.page.wait_for_function(SETTLED)
        self.page.evaluate("document.fonts.ready")
        results = AXE.run(self.page)
        if results.violations_count:
            self.found[state] = results.response["violations"]

    def report(self) -> str:
        parts = [f"axe-core found violations ({self.where}):"]
        for state, violations in self.found.items():
            parts.append(f"{state}:\n{describe(violations)}")
        return "\n".join(parts)


# --- Data -------------------------------------------------------------------------


@pytest.fixture
def crm_data(pipeline, make_customer, user):
    """One of each thing the pages show, as a user's working day leaves them."""
    grant(user, *EXTRA_PERMISSIONS)
    user.first_name, user.last_name = "Dana", "Scully"
    user.save()
    otto = get_user_model().objects.create_user(
        username="otto", first_name="Otto", last_name="Owner", password="unused-password-123"
    )
    vip, prospect = tag_get_or_create(name="VIP"), tag_get_or_create(name="Prospect")

    ann = make_customer(
        "Ann Smith",
        email="ann@example.com",
        phone="+1 202 555 0143",
        company="Acme Corp",
        status=Customer.Status.ACTIVE,
        owner=user,
    )
    bob = make_customer("Bob Jones", company="Globex", status=Customer.Status.LEAD, owner=otto)
    carol = make_customer("Carol White", status=Customer.Status.INACTIVE)
    for customer, tags in ((ann, (vip, prospect)), (bob, (prospect,)), (carol, (vip,))):
        for tag in tags:
            customer_tag_add(customer=customer, tag=tag)

    primary = contact_create(
        customer=ann, name="Paul Buyer", title="Purchasing", email="paul@acme.example"
    )
    contact_create(customer=ann, name="Rita Finance", title="CFO", phone="+1 202 555 0199")

    now, kinds = timezone.now(), Interaction.Kind
    activity = {}
    for days_ago, kind, subject, extra in (
        (3, kinds.NOTE, "Prefers email", {"body": "Ask before calling."}),
        (2, kinds.CALL, "Intro call", {"contact": primary}),
        (1, kinds.SUPPORT, "Invoice missing", {}),
        (0, kinds.SUPPORT, "Login fails", {}),
    ):
        activity[subject] = interaction_create(
            customer=ann,
            recorded_by=user,
            kind=kind,
            subject=subject,
            happened_at=now - timedelta(days=days_ago),
            **extra,
        )
    interaction_set_status(
        interaction=activity["Invoice missing"], status=Interaction.SupportStatus.RESOLVED
    )

    def deal(customer, title, stage, amount, **fields):
        return deal_create(
            customer=customer,
            title=title,
            amount=Decimal(amount),
            stage=Stage.objects.get(name=stage),
            **fields,
        )

    deal(
        ann,
        "Office fit-out",
        "Proposal",
        "12000",
        owner=user,
        expected_close=timezone.localdate() + timedelta(days=20),
    )
    deal(ann, "Catering", "New", "3500", currency="EUR")
    deal(bob, "Support plan", "Qualified", "800", owner=otto)
    deal(bob, "Hardware", "Won", "5000")
    deal(
        carol, "Training", "Lost", "900", closing_reason=ClosingReason.objects.get(name="No budget")
    )

    task_create(customer=ann, title="Call back", due_date=timezone.localdate(), created_by=user)
    task_create(
        customer=ann,
        title="Send the quote",
        created_by=user,
        due_date=timezone.localdate() - timedelta(days=2),
    )

    eve = make_customer("Eve Extra")  # deleted from the grid, for its toast

    gone = make_customer("Dan Gone", company="Initech")
    customer_tag_add(customer=gone, tag=vip)
    customer_trash(customers=[gone], by=user)
    return {"ann": ann, "bob": bob, "eve": eve}


# --- The story --------------------------------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_page_passes_axe(page, user, password, crm_data, theme, viewport):
    page.emulate_media(color_scheme=theme)
    page.set_viewport_size(VIEWPORTS[viewport])
    axe = Scanner(page, f"{theme} theme, {viewport} wide")

    walk_through_the_app(page, user, password, crm_data, axe.scan)

    if axe.found:
        pytest.fail(axe.report(), pytrace=False)


def walk_through_the_app(page: Page, user, password: str, crm_data: dict, scan) -> None:
    """Visit each state a user meets, calling `scan(state)` in each."""
    ann, bob, eve = crm_data["ann"], crm_data["bob"], crm_data["eve"]

    login = LoginPage(page).open()
    scan("login page")
    login.log_in(user.get_username(), "not-the-password")
    expect(login.errors).to_be_visible()
    scan("login page with an error")
    login.log_in(user.get_username(), password)
    expect(page).to_have_url(re.compile(r"/customers/$"))

    grid = CustomerGrid(page)
    expect(grid.rows).to_have_count(4)
    scan("grid")

    grid.tick(grid.row(ann), grid.row(bob))
    expect(grid.bulk.delete_button).to_be_enabled()
    scan("grid with two rows ticked")

    grid.open()
    row = grid.edit(grid.row(ann))
    row.fill(email="not an email")
    row.save()
    expect(row.errors("Email")).to_be_visible()
    scan("grid with an edit row showing an error")

    grid.open()
    dialog = grid.open_new_customer_dialog()
    scan("New customer dialog")
    dialog.save()  # empty: every required field says so
    expect(dialog.dialog.locator(".field__errors").first).to_be_visible()
    scan("New customer dialog showing errors")

    grid.open()
    grid.delete(grid.row(bob))
    scan("delete dialog")
    grid.open()
    grid.delete(grid.row(eve)).confirm()
    expect(grid.toast("“Eve Extra” moved to the trash.")).to_be_visible()
    scan("grid with a toast offering Undo")

    record = RecordPage(page).open(ann)
    expect(record.contact_rows).to_have_count(2)
    scan("record page")

    record.header.get_by_role("link", name="History", exact=True).click()
    expect(page.get_by_role("dialog", name="History of Ann Smith")).to_be_visible()
    scan("History dialog")

    timeline = Timeline(page).open(ann)
    timeline.filter_by("Support requests")
    expect(timeline.items).to_have_count(2)
    scan("timeline filtered to support requests")
    timeline.add(subject="", kind="Note")
    expect(timeline.field("Subject")).to_have_attribute("aria-invalid", "true")
    scan("timeline's add form showing an error")
    page.goto(f"/customers/{ann.pk}/activity/")
    expect(page.get_by_role("region", name="Activity", exact=True)).to_be_visible()
    scan("timeline page")

    board = DealBoard(page).open()
    expect(board.cards).to_have_count(5)
    scan("deal board")

    page.goto("/trash/")
    expect(page.get_by_role("heading", name="Trash", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Restore Dan Gone")).to_be_visible()
    scan("trash")
