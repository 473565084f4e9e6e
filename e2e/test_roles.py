"""Stories: what a sales rep and a support agent may do, and that the server holds the
line when the page is bypassed.

The users have the roles of the roles migration (groups), as an administrator gives
them in /admin/.
"""

import importlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from playwright.sync_api import Page, expect

from customers.core.services import customer_update
from customers.models import Customer, Interaction
from customers.timeline.services import interaction_create
from e2e.pages.customers import CustomerGrid
from e2e.pages.record import RecordPage
from e2e.pages.timeline import Timeline

ANY_DELETE = re.compile(r"^Delete")


# The roles as the migration defines them. Browser tests empty the database after
# each test (transactional_db), which takes the migration's groups with it.
ROLES = importlib.import_module("customers.migrations.0007_roles").ROLES


def role(name: str) -> Group:
    group, created = Group.objects.get_or_create(name=name)
    if created:
        group.permissions.set(
            Permission.objects.filter(content_type__app_label="customers", codename__in=ROLES[name])
        )
    return group


@pytest.fixture
def member(live_server, transactional_db, password):
    """member("Sales rep", "rita"): a user with that role who can sign in."""

    def make(role_name: str, username: str):
        user = get_user_model().objects.create_user(
            username=username, email=f"{username}@example.com", password=password
        )
        user.groups.add(role(role_name))
        return user

    return make


@pytest.fixture
def rita(member):
    return member("Sales rep", "rita")


@pytest.fixture
def otto(member):
    return member("Sales rep", "otto")


def csrf_token(page: Page) -> str:
    """The CSRF token of the page (every signed-in page has the log-out form)."""
    return page.locator("input[name='csrfmiddlewaretoken']").first.input_value()


def test_a_sales_rep_gets_no_edit_on_another_reps_customer_and_a_forced_post_is_refused(
    page, log_in, rita, otto, make_customer
):
    mine = make_customer("Rita Bakery", owner=rita)
    theirs = make_customer("Otto Garage", owner=otto)
    log_in(page, rita)
    grid = CustomerGrid(page)

    expect(grid.row(mine.name).get_by_role("link", name=re.compile("^Edit"))).to_be_visible()
    expect(grid.row(theirs.name)).to_be_visible()
    expect(grid.row(theirs.name).get_by_role("link", name=re.compile("^Edit"))).to_have_count(0)
    expect(grid.row(theirs.name).get_by_role("link", name=ANY_DELETE)).to_have_count(0)

    response = page.request.post(
        f"/customers/update/{theirs.pk}/",
        form={"name": "Rita now", "email": theirs.email, "status": "active"},
        headers={"X-CSRFToken": csrf_token(page)},
    )

    assert response.status == 403
    assert "Only the owner or a manager can change “Otto Garage”." in response.text()
    assert Customer.objects.get(pk=theirs.pk).name == "Otto Garage"


def test_a_rep_whose_customer_was_reassigned_meanwhile_is_told_why_in_a_toast(
    page, log_in, rita, otto, make_customer
):
    customer = make_customer("Changing Hands", owner=rita)
    log_in(page, rita)
    grid = CustomerGrid(page)
    edit = grid.row(customer.name).get_by_role("link", name=re.compile("^Edit"))
    expect(edit).to_be_visible()

    customer_update(customer=customer, data={"owner": otto})  # a manager, elsewhere
    edit.click()

    expect(
        grid.toasts.get_by_text("Only the owner or a manager can change “Changing Hands”.")
    ).to_be_visible()
    expect(grid.row(customer.name).locator("input[name='name']")).to_have_count(0)


def test_a_support_agent_resolves_a_request_but_can_delete_nothing(
    page, log_in, member, otto, make_customer
):
    agent = member("Support agent", "sue")
    customer = make_customer("Otto Client", owner=otto)
    interaction_create(
        customer=customer,
        kind=Interaction.Kind.SUPPORT,
        subject="Export fails",
        recorded_by=None,
    )
    log_in(page, agent)
    grid = CustomerGrid(page)
    expect(grid.row(customer.name)).to_be_visible()
    expect(page.get_by_role("form", name="Bulk actions")).to_have_count(0)
    expect(page.get_by_role("link", name=ANY_DELETE)).to_have_count(0)

    RecordPage(page).open(customer)
    timeline = Timeline(page)
    timeline.item("Export fails").get_by_role("button", name="Resolve Export fails").click()

    expect(timeline.status("Export fails")).to_have_text("Resolved")
    expect(page.get_by_role("link", name=ANY_DELETE)).to_have_count(0)
    expect(page.get_by_role("button", name=ANY_DELETE)).to_have_count(0)
    expect(RecordPage(page).edit_link).to_have_count(0)

    response = page.request.post(
        f"/customers/delete/{customer.pk}/", headers={"X-CSRFToken": csrf_token(page)}
    )

    assert response.status == 403
    assert Customer.objects.filter(pk=customer.pk).exists()
    support = Interaction.objects.get(customer=customer)
    assert support.support_status == Interaction.SupportStatus.RESOLVED
