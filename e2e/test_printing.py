"""Story: a manager prints what they found, the grid as a report and a customer as a
dossier, and gets clean sheets: the title says what was printed, when and by whom,
every row is there with the table's header on each page, and nothing of the app's
navigation or controls is on paper. The PDFs are Chromium's own (what "Save as PDF"
gives), read back with pypdf."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from customers.deals.services import deal_create
from customers.followups.services import task_create
from customers.models import Stage
from customers.record.services import contact_create
from customers.timeline.services import interaction_create
from e2e.conftest import grant
from e2e.pages.customers import CustomerGrid
from e2e.pages.printing import Pdf, Printout
from e2e.pages.record import RecordPage, record_url

# What the app shows around a page, and never on paper.
APP_ONLY = ("Deals", "Trash", "Imports", "Log out", "Change password", "Back to", "Export")
SEEN = ("view_contact", "view_deal", "view_interaction", "view_followup")


@pytest.fixture
def user(user):
    """The demo user, who also sees deals, contacts, activity and tasks (the nav's
    "Deals", the record's sections)."""
    return grant(user, *SEEN)


def names(count: int) -> list[str]:
    return [f"Printed customer {n:02}" for n in range(count)]


def test_on_paper_the_app_shows_no_navigation_or_controls(logged_in_page, make_customer):
    make_customer("Ann Lee", company="Acme")
    grid = CustomerGrid(logged_in_page).open()
    main_nav = logged_in_page.get_by_role("navigation", name="Main")
    expect(main_nav).to_be_visible()

    logged_in_page.emulate_media(media="print")

    expect(main_nav).to_be_hidden()
    expect(grid.filters).to_be_hidden()
    expect(grid.new_customer_button).to_be_hidden()
    expect(logged_in_page.get_by_role("link", name="Print", exact=True)).to_be_hidden()
    expect(grid.table).to_be_visible()
    expect(grid.table.get_by_role("link", name="Edit")).to_be_hidden()  # the actions column
    text = Pdf.of(logged_in_page).text
    assert "Ann Lee" in text
    for app_only in APP_ONLY:
        assert app_only not in text


def test_the_grid_prints_as_a_report_of_what_it_shows(logged_in_page, make_customer):
    for name in names(60):
        make_customer(name, company="Acme", status="active")
    make_customer("Someone else", company="Globex")
    grid = CustomerGrid(logged_in_page).open()
    grid.search("printed")
    grid.sort_by("Name")
    expect(grid.count).to_have_text("60 customers")

    printout = Printout(logged_in_page).open_from(
        logged_in_page.get_by_role("link", name="Print", exact=True)
    )

    expect(printout.heading).to_have_text("Customers")
    what = logged_in_page.get_by_text("Search “printed”; sorted by Name, ascending.")
    expect(what).to_be_visible()
    expect(printout.print_button).to_be_visible()  # on screen, with JavaScript
    logged_in_page.emulate_media(media="print")
    expect(printout.toolbar).to_be_hidden()

    pdf = printout.pdf()  # A4: the list turns the sheet sideways for its eleven columns
    assert len(pdf.pages) == 3
    for number in range(1, 4):
        sheet = pdf.page_text(number - 1)
        assert f"Page {number} of 3" in sheet
        assert "Name Email Phone Company Owner Tags Status" in sheet  # the header repeats
    first = pdf.page_text(0)
    assert "Search “printed”; sorted by Name, ascending." in first
    assert f"Printed {timezone.localdate():%b} " in first and "by demo" in first
    assert "60 customers" in first
    text = pdf.text
    positions = [text.index(name) for name in names(60)]
    assert positions == sorted(positions)  # every one, in the grid's order
    assert "Someone else" not in text
    for app_only in APP_ONLY:
        assert app_only not in text

    # On Letter paper too, every row and the page numbers
    letter = printout.pdf(format="Letter")
    assert all(name in letter.text for name in names(60))
    assert f"Page {len(letter.pages)} of {len(letter.pages)}" in letter.page_text(-1)


def test_the_list_prints_with_each_customers_contacts(logged_in_page, make_customer):
    ann = make_customer("Ann Lee", company="Acme")
    make_customer("Bob Stone", company="Acme")
    contact_create(customer=ann, name="Anna Boss", title="CEO", is_primary=True)
    CustomerGrid(logged_in_page).open("?q=acme&sort=name")
    printout = Printout(logged_in_page).open_from(
        logged_in_page.get_by_role("link", name="Print", exact=True)
    )

    printout.with_contacts.check()
    printout.update.click()

    expect(printout.with_contacts).to_be_checked()
    expect(logged_in_page.get_by_text("Anna Boss (primary), CEO")).to_be_visible()
    text = printout.pdf().text
    assert text.index("Ann Lee") < text.index("Anna Boss") < text.index("Bob Stone")
    assert "No contacts." in text.split("Bob Stone")[1]


def test_a_customers_record_prints_as_a_one_page_dossier(
    logged_in_page, make_customer, pipeline, user
):
    ann = make_customer("Ann Lee", company="Acme", phone="+442079460958", owner=user)
    contact_create(customer=ann, name="Anna Boss", title="CEO", is_primary=True)
    stage = Stage.objects.filter(outcome=Stage.Outcome.OPEN).first()
    deal_create(customer=ann, title="Big renewal", amount=Decimal("1200"), stage=stage)
    task_create(
        customer=ann,
        title="Send the quote",
        due_date=timezone.localdate() + datetime.timedelta(days=2),
        created_by=user,
    )
    interaction_create(customer=ann, recorded_by=user, kind="support", subject="Cannot log in")
    interaction_create(customer=ann, recorded_by=user, kind="call", subject="Intro call")
    record = RecordPage(logged_in_page)
    logged_in_page.goto(record_url(ann))

    printout = Printout(logged_in_page).open_from(
        logged_in_page.get_by_role("link", name="Print", exact=True)
    )

    expect(printout.heading).to_have_text("Ann Lee")
    logged_in_page.emulate_media(media="print")
    for paper in ("A4", "Letter"):
        pdf = printout.pdf(format=paper)
        assert len(pdf.pages) == 1, paper
        text = pdf.text
        assert "Page 1 of 1" in text
        for expected in (
            "Ann Lee",
            "Customer record",
            "+44 20 7946 0958",
            "Acme",
            "Anna Boss (primary)",
            "Big renewal",
            "$1,200.00",
            "Send the quote",
            "Cannot log in",
            "Intro call",
            "by demo",
        ):
            assert expected in text, (paper, expected)
        for app_only in (*APP_ONLY, "History", "Edit", "Add tag"):
            assert app_only not in text, (paper, app_only)
    assert record  # the record page the printout came from


def test_without_javascript_the_printout_works_and_offers_no_dead_button(
    page_without_js, make_customer
):
    ann = make_customer("Ann Lee", company="Acme")
    contact_create(customer=ann, name="Anna Boss")
    page = page_without_js
    CustomerGrid(page).open("?q=acme")

    printout = Printout(page).open_from(page.get_by_role("link", name="Print", exact=True))
    printout.with_contacts.check()
    printout.update.click()

    expect(page.get_by_text("Anna Boss")).to_be_visible()
    expect(printout.print_button).to_be_hidden()  # only the browser's own Print, then
    printout.toolbar.get_by_role("link", name="Back to customers").click()
    expect(page).to_have_url(re.compile(r"/customers/\?q=acme$"))
