"""Story: a typed tag name becomes a new tag, which everyone then sees in the grid's Tag
filter, only when the user says so, and only if they may make tags."""

import re

import pytest
from playwright.sync_api import expect

from customers.core.services import tag_get_or_create
from customers.models import Customer, Tag
from e2e.conftest import grant
from e2e.pages.customers import CustomerGrid
from e2e.pages.record import RecordPage, record_url

MAY_MAKE_TAGS = ("view_tag", "add_tag")


@pytest.fixture
def ann(make_customer):
    return make_customer("Ann Smith", status=Customer.Status.ACTIVE)


def test_a_name_no_tag_has_is_offered_not_made(logged_in_page, user, ann):
    grant(user, *MAY_MAKE_TAGS)
    tag_get_or_create(name="Hot lead")
    record = RecordPage(logged_in_page).open(ann)
    record.mark_page()

    record.add_tag("Hot lead 2027")

    expect(record.tags.get_by_text("There is no tag called “Hot lead 2027”.")).to_be_visible()
    expect(record.tag_field).to_have_value("Hot lead 2027")
    expect(record.chip("Hot lead 2027")).to_have_count(0)
    assert not Tag.objects.filter(name="Hot lead 2027").exists()

    record.create_tag_button("Hot lead 2027").click()

    expect(record.chip("Hot lead 2027")).to_be_visible()
    expect(record.toast("Tag “Hot lead 2027” added.")).to_be_visible()
    expect(record.create_tag_button("Hot lead 2027")).to_have_count(0)
    assert record.is_same_page(), "creating a tag reloaded the page"
    assert [tag.name for tag in ann.tags.all()] == ["Hot lead 2027"]

    grid = CustomerGrid(record.page).open()
    tags = grid.filters.get_by_label("Tag", exact=True)
    expect(tags.get_by_role("option", name="Hot lead 2027", exact=True)).to_be_attached()


def test_a_user_who_may_not_make_tags_is_told_and_offered_nothing(logged_in_page, user, ann):
    grant(user, "view_tag")
    record = RecordPage(logged_in_page).open(ann)

    record.add_tag("Hot lead 2027")

    refusal = "There is no tag called “Hot lead 2027”, and you may not create new tags."
    expect(record.tags.get_by_text(refusal)).to_be_visible()
    expect(record.tag_field).to_have_value("Hot lead 2027")
    expect(record.tags.get_by_role("button", name=re.compile("^Create tag"))).to_have_count(0)
    assert not Tag.objects.exists()


def test_create_a_tag_without_javascript(page_without_js, user, ann):
    grant(user, *MAY_MAKE_TAGS)
    page = page_without_js
    record = RecordPage(page).open(ann)

    record.tag_field.fill("Hot lead 2027")
    record.tags.get_by_role("button", name="Add", exact=True).click()

    # The "Add tag" page, the name kept, and the choice to make it.
    expect(page.get_by_role("heading", name="Add a tag to Ann Smith", level=1)).to_be_visible()
    expect(page.get_by_text("There is no tag called “Hot lead 2027”.")).to_be_visible()
    expect(page.get_by_label("Add tag", exact=True)).to_have_value("Hot lead 2027")
    assert not Tag.objects.exists()

    page.get_by_role("button", name="Create tag “Hot lead 2027”", exact=True).click()

    expect(page).to_have_url(re.compile(rf"{record_url(ann)}#customer-tags$"))
    expect(record.chip("Hot lead 2027")).to_be_visible()
    expect(record.toast("Tag “Hot lead 2027” added.")).to_be_visible()
