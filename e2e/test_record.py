"""Story: a support agent opens a customer's record, corrects it in place and tags it,
with and without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from customers.core.services import customer_tag_add, tag_get_or_create
from customers.models import Customer, Tag
from e2e.conftest import grant
from e2e.pages.customers import CustomerGrid
from e2e.pages.record import HeaderForm, RecordPage, record_url

RECORD_PERMISSIONS = ("view_contact", "add_contact", "change_contact", "view_tag", "add_tag")


@pytest.fixture
def user(user):
    """The story's user may also see tags and contacts, and make new tags."""
    return grant(user, *RECORD_PERMISSIONS)


@pytest.fixture
def ann(make_customer, user):
    return make_customer(
        "Ann Smith",
        email="ann@example.com",
        phone="+442079460958",
        company="Acme",
        status=Customer.Status.ACTIVE,
        owner=user,
    )


@pytest.fixture
def record(logged_in_page) -> RecordPage:
    return RecordPage(logged_in_page)


def test_open_a_customer_from_the_grid(grid, ann, make_customer):
    make_customer("Bob Jones")
    grid.open()

    grid.table.get_by_role("link", name="Ann Smith", exact=True).click()

    record = RecordPage(grid.page)
    expect(grid.page).to_have_url(re.compile(rf"{record_url(ann)}$"))
    expect(record.heading).to_have_text("Ann Smith")
    expect(grid.page).to_have_title(re.compile(r"^Ann Smith"))


def test_the_header_shows_the_customer(record, ann, user):
    record.open(ann)

    expect(record.fact("Email").get_by_role("link")).to_have_attribute(
        "href", "mailto:ann@example.com"
    )
    expect(record.fact("Phone")).to_have_text("+44 20 7946 0958")
    expect(record.fact("Company")).to_have_text("Acme")
    expect(record.fact("Status")).to_have_text("Active")
    expect(record.fact("Owner")).to_have_text(user.username)
    for section in ("Tags", "Contacts"):
        expect(record.page.get_by_role("heading", name=section, exact=True)).to_be_visible()


def test_edit_the_header_in_place_without_a_reload(record, ann):
    record.open(ann)
    record.mark_page()

    form = record.edit_header()
    expect(form.field("Email")).to_have_value("ann@example.com")
    form.fill(name="Ann Smith-Jones", company="Globex", status="Prospect")
    form.save()

    expect(record.heading).to_have_text("Ann Smith-Jones")
    expect(form.save_button).to_have_count(0)
    expect(record.fact("Company")).to_have_text("Globex")
    expect(record.fact("Status")).to_have_text("Prospect")
    expect(record.toast("Customer “Ann Smith-Jones” saved.")).to_be_visible()
    expect(record.page).to_have_title(re.compile(r"^Ann Smith-Jones"))
    assert record.is_same_page(), "saving the header reloaded the page"
    ann.refresh_from_db()
    assert (ann.name, ann.company, ann.status) == ("Ann Smith-Jones", "Globex", "prospect")


def test_a_refused_header_edit_keeps_what_was_typed_and_cancel_puts_it_back(
    record, ann, make_customer
):
    make_customer("Taken", email="taken@example.com")
    record.open(ann)
    record.mark_page()

    form = record.edit_header()
    form.fill(email="taken@example.com", company="Globex")
    form.save()

    expect(
        record.header.get_by_text("Another customer already has this email address.")
    ).to_be_visible()
    expect(form.field("Company")).to_have_value("Globex")
    expect(form.field("Email")).to_have_value("taken@example.com")

    form.cancel_link.click()

    expect(form.save_button).to_have_count(0)
    expect(record.fact("Company")).to_have_text("Acme")
    assert record.is_same_page()
    assert Customer.objects.get(pk=ann.pk).email == "ann@example.com"


def test_add_a_suggested_tag_by_typing_and_pressing_enter(record, ann):
    tag_get_or_create(name="Key account")
    record.open(ann)
    record.mark_page()

    # Typing asks the server for matching tags, offered by the field's datalist.
    record.tag_field.press_sequentially("key")
    expect(record.tags.locator("datalist option")).to_have_attribute("value", "Key account")

    record.add_tag("Key account")

    expect(record.chip("Key account")).to_be_visible()
    expect(record.tag_field).to_have_value("")
    expect(record.toast("Tag “Key account” added.")).to_be_visible()
    assert record.is_same_page(), "adding a tag reloaded the page"
    assert [tag.name for tag in ann.tags.all()] == ["Key account"]


def test_an_existing_tag_in_another_case_is_reused_and_a_tag_can_be_removed(record, ann):
    vip = tag_get_or_create(name="VIP")
    customer_tag_add(customer=ann, tag=tag_get_or_create(name="Churn risk"))
    record.open(ann)
    record.mark_page()

    record.add_tag("vip")
    expect(record.chip("VIP")).to_be_visible()

    record.remove_tag("Churn risk")
    expect(record.chip("Churn risk")).to_have_count(0)
    expect(record.toast("Tag “Churn risk” removed.")).to_be_visible()
    expect(record.chip("VIP")).to_be_visible()

    assert record.is_same_page()
    assert list(ann.tags.all()) == [vip]
    assert Tag.objects.filter(name__iexact="vip").count() == 1


def test_an_empty_tag_name_is_refused(record, ann):
    record.open(ann)

    record.tag_field.press("Enter")

    expect(record.tags.get_by_text("Enter a tag name.")).to_be_visible()
    assert not ann.tags.exists()


# --- Without JavaScript -----------------------------------------------------------


def test_edit_the_header_without_javascript(record_without_js, ann):
    record = record_without_js
    page = record.page
    record.open(ann)

    record.edit_link.click()

    # The record page again, its header a form.
    expect(page).to_have_url(re.compile(rf"/customers/{ann.pk}/edit/$"))
    form = HeaderForm(record.header)
    expect(form.field("Email")).to_have_value("ann@example.com")
    form.fill(email="not-an-email")
    form.save()

    error = record.header.get_by_text("Enter a valid email address, like name@example.com.")
    expect(error).to_be_visible()
    expect(form.field("Email")).to_have_value("not-an-email")

    form.fill(email="ann.smith@example.org")
    form.save()

    expect(page).to_have_url(re.compile(rf"{record_url(ann)}$"))
    expect(record.toast("Customer “Ann Smith” saved.")).to_be_visible()
    expect(record.fact("Email")).to_have_text("ann.smith@example.org")
    ann.refresh_from_db()
    assert ann.email == "ann.smith@example.org"


def test_add_a_tag_without_javascript(record_without_js, ann):
    tag_get_or_create(name="Partner")
    record = record_without_js
    record.open(ann)

    record.tag_field.fill("Partner")
    record.tags.get_by_role("button", name="Add", exact=True).click()

    expect(record.page).to_have_url(re.compile(rf"{record_url(ann)}#customer-tags$"))
    expect(record.chip("Partner")).to_be_visible()
    expect(record.toast("Tag “Partner” added.")).to_be_visible()


def test_a_tag_added_on_the_record_filters_the_grid(record, ann, make_customer):
    make_customer("Bob Jones")
    record.open(ann)

    record.create_tag("Early adopter")
    expect(record.chip("Early adopter")).to_be_visible()

    grid = CustomerGrid(record.page).open()
    expect(grid.rows).to_have_count(2)
    grid.filters.get_by_label(re.compile(r"^Tags?$")).select_option(label="Early adopter")

    expect(grid.rows).to_have_count(1)
    grid.expect_names(["Ann Smith"])
