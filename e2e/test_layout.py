"""What a layout owes its readers: a checkbox's label on one line, beside its box; no
page wider than the screen, from a 320 px phone up; and at 1366 px, the commonest
laptop, a grid that fits with its rows' actions, and an edit row whose errors are in
view beside its Save (issue 16)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from customers.core.search import search_document
from customers.core.services import (
    customer_tags_add,
    customer_trash,
    customer_update,
)
from customers.deals.services import deal_create
from customers.followups.services import task_create
from customers.models import ClosingReason, Customer, Interaction, Stage, Tag
from customers.timeline.services import interaction_create
from e2e.pages.customers import CustomerGrid


@pytest.mark.parametrize("width", [1366, 1280])
@pytest.mark.parametrize(
    "label", ["My customers", "Open support requests", "Select all on this page"]
)
def test_a_checkbox_label_sits_on_one_line_beside_its_box(grid, make_customer, width, label):
    make_customer("Ann Lee")
    grid.page.set_viewport_size({"width": width, "height": 800})
    grid.open()
    box = grid.page.get_by_label(label, exact=True)
    expect(box).to_be_visible()

    check = box.bounding_box()
    text = grid.page.locator(f"label[for='{box.get_attribute('id')}']").bounding_box()

    assert text["height"] < 2 * check["height"] + 8, f"“{label}” wraps onto several lines"
    assert 0 <= text["x"] - (check["x"] + check["width"]) <= 12, f"“{label}” is apart from its box"


# --- The screens people use: nothing scrolls the page sideways, and the grid fits ------
#
# With what a working CRM holds: long names, emails and companies, several tags, an
# owner, a next step, a deal in every stage, customers in the trash, a history.

WIDTHS = [320, 375, 768, 1366]
LONG_EMAIL = "alexandra.konstantinopoulou.whitfield{n}@northwind-international.example.com"


@pytest.fixture
def user(user):
    """A user who may do everything, so every page and control is there to measure."""
    user.is_superuser = True
    user.first_name, user.last_name = "Dana", "Scully-Featherstonehaugh"
    user.save()
    return user


@pytest.fixture
def crowded(user, make_customer, pipeline):
    """25 customers (a page) with long names, emails and companies, two to four tags,
    an owner, a next step (some overdue) and an open support request; a deal with a
    long title in every stage; three customers in the trash; a change in the first
    one's history. Returns the grid's page, newest first as it lists them.

    All but the first are made in bulk (they need only be drawn): through the services,
    each took a tenth of a second."""
    owner = get_user_model().objects.create_user(
        username="maximilian", first_name="Maximilian", last_name="Vanderbilt-Okonkwo"
    )
    tags = Tag.objects.bulk_create(
        Tag(name=name, colour=colour)
        for name, colour in [
            ("Enterprise", "blue"),
            ("Key account", "green"),
            ("Renewal due", "orange"),
            ("Newsletter", "purple"),
        ]
    )
    today = datetime.date.today()
    company = "Northwind International Logistics & Trading GmbH"

    phone = "+442079460958"

    def fields(n):
        name, email = f"Alexandra Konstantinopoulou-Whitfield {n}", LONG_EMAIL.format(n=n)
        return {"name": name, "email": email, "phone": phone, "company": company}

    many = Customer.objects.bulk_create(
        Customer(
            **fields(n),
            owner=owner,
            next_step_due=today + datetime.timedelta(days=n - 5),
            search_text=search_document(**fields(n)),
        )
        for n in range(27)
    )
    Customer.tags.through.objects.bulk_create(
        Customer.tags.through(customer_id=customer.pk, tag_id=tag.pk)
        for n, customer in enumerate(many)
        for tag in tags[: 2 + n % 3]
    )
    Interaction.objects.bulk_create(
        Interaction(customer=customer, kind="support", support_status="open", subject="Invoices")
        for customer in many
    )
    first = make_customer(**fields(27), owner=owner)  # the newest: listed first
    customer_tags_add(customer=first, tags=tags)
    task_create(
        customer=first,
        title="Call back about the renewal of the fleet contract for the northern regions",
        due_date=today - datetime.timedelta(days=2),
        created_by=user,
    )
    interaction_create(
        customer=first, recorded_by=user, kind="support", subject="Invoices missing since May"
    )
    customer_update(customer=first, data={"company": f"{company} & Co. KG"})
    customer_trash(customers=many[:3], by=user)
    shown = [first, *many[3:][::-1]]
    reason = ClosingReason.objects.first()
    for stage, customer in zip(Stage.objects.all(), shown, strict=False):
        deal_create(
            customer=customer,
            title="Fleet renewal for the northern and north-western regions",
            amount=Decimal("1250000"),
            stage=stage,
            owner=owner,
            closing_reason=reason if stage.outcome == Stage.Outcome.LOST else None,
        )
    return shown


def _open_grid(page, customers):
    page.goto("/customers/")


def _open_record(page, customers):
    page.goto(f"/customers/{customers[0].pk}/")


def _open_dialog(page, opener):
    opener.click()
    expect(page.get_by_role("dialog")).to_be_visible()


def _new_customer_dialog(page, customers):
    _open_grid(page, customers)
    _open_dialog(page, page.get_by_role("link", name="New customer"))


def _delete_dialog(page, customers):
    _open_grid(page, customers)
    row = page.locator(f"#customer-{customers[0].pk}")
    _open_dialog(page, row.get_by_role("link", name="Delete"))


def _history_dialog(page, customers):
    _open_record(page, customers)
    _open_dialog(page, page.get_by_role("link", name="History", exact=True))


def _columns_chooser(page, customers):
    _open_grid(page, customers)
    CustomerGrid(page).columns()


def _edit_row(page, customers):
    _open_grid(page, customers)
    grid = CustomerGrid(page)
    grid.edit(grid.row(customers[0]))


PAGES = {
    "grid": _open_grid,
    "record": _open_record,
    "deal board": lambda page, customers: page.goto("/deals/"),
    "deal list": lambda page, customers: page.goto("/deals/list/"),
    "trash": lambda page, customers: page.goto("/trash/"),
    "history page": lambda page, customers: page.goto(f"/customers/{customers[0].pk}/history/"),
    "new customer dialog": _new_customer_dialog,
    "delete dialog": _delete_dialog,
    "history dialog": _history_dialog,
    "columns chooser": _columns_chooser,
    "edit row": _edit_row,
}

# What sticks out past the right edge of the window, for the failure message.
STICKING_OUT = """() => Array.from(document.querySelectorAll("body *"))
  .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(-5)
  .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_the_page_never_scrolls_sideways(logged_in_page, crowded, name, width):
    """The document is never wider than the window: what is wider (the grid, the board's
    columns) scrolls inside its own box."""
    page = logged_in_page
    page.set_viewport_size({"width": width, "height": 768})
    PAGES[name](page, crowded)
    page.wait_for_load_state()

    wide, window = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")

    assert wide <= window, f"{name} at {width} px is {wide} px wide: {page.evaluate(STICKING_OUT)}"


def in_view(locator) -> dict:
    """Whether `locator` is wholly on screen: inside the window, and inside the box
    of each scrolling ancestor (the grid's) rather than scrolled out of it."""
    return locator.evaluate(
        """(element) => {
          const box = element.getBoundingClientRect();
          // A pixel's leeway: scrolled into view, a box may end a fraction past the edge.
          let inside = box.left >= -1 && box.top >= -1 && box.right <= window.innerWidth + 1
            && box.bottom <= window.innerHeight + 1 && box.width > 0;
          for (let up = element.parentElement; up; up = up.parentElement) {
            if (getComputedStyle(up).overflowX === "visible") continue;
            const frame = up.getBoundingClientRect();
            inside = inside && box.left >= frame.left - 1 && box.right <= frame.right + 1;
          }
          return {inside, left: Math.round(box.left), right: Math.round(box.right)};
        }"""
    )


def test_at_1366_the_grid_fits_with_every_rows_actions(grid, crowded):
    grid.page.set_viewport_size({"width": 1366, "height": 768})
    grid.open()
    expect(grid.rows).to_have_count(25)

    table, box, window = grid.page.evaluate(
        """() => [document.querySelector("table.grid").getBoundingClientRect().width,
                  document.querySelector(".table-scroll").scrollWidth, window.innerWidth]"""
    )

    assert table <= window and box <= window, f"the grid is {table} px wide, its box {box} px"
    for row in grid.rows.all():
        for action in ("Edit", "Delete"):
            link = row.get_by_role("link", name=action)
            link.scroll_into_view_if_needed()
            assert in_view(link)["inside"], f"{action} is off screen: {in_view(link)}"


@pytest.mark.parametrize("width", [1366, 768, 375])
def test_an_edit_rows_error_and_save_are_in_view_together(grid, crowded, width):
    grid.page.set_viewport_size({"width": width, "height": 768})
    grid.open()
    row = grid.edit(grid.row(crowded[2]))

    row.fill(email="not an email").save()

    error = row.errors("Email")
    expect(error).to_have_text("Enter a valid email address, like name@example.com.")
    row.save_button.scroll_into_view_if_needed()
    assert in_view(row.save_button)["inside"]
    assert in_view(error)["inside"], f"the error is out of view beside Save: {in_view(error)}"


@pytest.mark.parametrize("width", [1366, 768])
def test_the_conflicts_choices_are_in_view_whole(
    page, new_context, user, password, log_in, crowded, width
):
    """Someone saved the same field meanwhile: the notice, their value beside mine,
    "Keep mine" and "Take theirs" are all on screen, none cut off by the grid's box."""
    alice = get_user_model().objects.create_user(
        username="alice", password=password, first_name="Alice", is_superuser=True
    )
    mine = CustomerGrid(log_in(page, user))
    hers = CustomerGrid(log_in(new_context().new_page(), alice))
    mine.page.set_viewport_size({"width": width, "height": 768})
    customer = crowded[1]
    mine.open()
    hers.open()
    my_row = mine.edit(mine.row(customer))
    her_row = hers.edit(hers.row(customer))
    her_row.fill(company="Globex").save()
    expect(hers.row(customer)).not_to_have_class(re.compile(r"\bediting\b"))

    my_row.fill(company="Initech").save()

    row = mine.row(customer)
    notice = row.get_by_role("alert")
    expect(notice).to_contain_text("saved this customer while you were editing")
    keep, take = (row.get_by_role("button", name=name) for name in ("Keep mine", "Take theirs"))
    take.scroll_into_view_if_needed()
    for shown in (notice, keep, take, row.get_by_text("Saved meanwhile by Alice: Globex")):
        assert in_view(shown)["inside"], f"{shown} is cut off: {in_view(shown)}"
    assert mine.page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")
