"""What each role is offered, and what it is told when it is refused.

The permission matrix (test_permission_matrix.py) checks the status codes; these check
what a person sees: the buttons that are there or not, the toasts, the owner field.
"""

import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from customers.core.services import customer_create
from customers.deals.services import deal_create
from customers.models import Customer, Deal, Interaction, Stage
from customers.record.services import contact_create
from customers.timeline.services import interaction_create
from ui.testing import HX

pytestmark = pytest.mark.django_db


@pytest.fixture
def customers(sales_rep, other_rep):
    """Rita's (the sales rep's), Otto's and nobody's customer."""
    return {
        "own": customer_create(name="Rita Ltd", email="rita@example.com", owner=sales_rep),
        "others": customer_create(name="Otto Ltd", email="otto@example.com", owner=other_rep),
        "unowned": customer_create(name="Nobody Ltd", email="nobody@example.com"),
    }


def row(body: str, customer) -> str:
    """The grid row of `customer`, as HTML."""
    match = re.search(rf'<tr id="customer-{customer.pk}".*?</tr>', body, re.S)
    assert match, f"no row for {customer.name}"
    return match.group(0)


def toasts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- The grid ------------------------------------------------------------------------


def test_a_sales_rep_is_offered_edit_and_delete_only_on_their_own_and_unowned_rows(
    client, sales_rep, customers
):
    client.force_login(sales_rep)

    body = client.get("/customers/").content.decode()

    for whose in ("own", "unowned"):
        assert ">Edit<" in row(body, customers[whose])
        assert ">Delete<" in row(body, customers[whose])
    assert ">Edit<" not in row(body, customers["others"])
    assert ">Delete<" not in row(body, customers["others"])
    # Both can still be ticked for a bulk action; it then skips what is not theirs.
    assert 'value="set_status"' in body
    assert "Assign owner</button>" not in body
    assert "New customer</a>" in body


def test_a_support_agent_gets_no_bulk_bar_no_edit_no_delete(client, support_agent, customers):
    client.force_login(support_agent)

    body = client.get("/customers/").content.decode()

    assert "Rita Ltd" in body and "Otto Ltd" in body
    assert 'id="bulk-actions"' not in body
    assert 'name="ids"' not in body
    assert ">Edit<" not in body
    assert ">Delete<" not in body
    assert "New customer" not in body


def test_a_manager_is_offered_everything(client, manager, customers):
    client.force_login(manager)

    body = client.get("/customers/").content.decode()

    for customer in customers.values():
        assert ">Edit<" in row(body, customer) and ">Delete<" in row(body, customer)
    assert "Assign owner</button>" in body
    assert "Delete selected</button>" in body


def test_the_rows_rights_cost_no_query_per_row(client, sales_rep, other_rep):
    client.force_login(sales_rep)

    def count_queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/customers/").status_code == 200
        return len(context.captured_queries)

    customer_create(name="First", email="first@example.com", owner=other_rep)
    with_one = count_queries()
    for n in range(20):
        owner = (sales_rep, other_rep, None)[n % 3]
        customer_create(name=f"Customer {n}", email=f"c{n}@example.com", owner=owner)
    assert count_queries() == with_one


# --- Bulk actions ---------------------------------------------------------------------


def test_bulk_acts_only_on_rows_the_rep_may_change_and_says_how_many_were_skipped(
    client, sales_rep, other_rep, customers
):
    second = customer_create(name="Otto Two", email="otto2@example.com", owner=other_rep)
    client.force_login(sales_rep)
    ids = [customers["own"].pk, customers["others"].pk, second.pk, customers["unowned"].pk]

    response = client.post(
        "/customers/bulk/", {"ids": ids, "action": "set_status", "status": "active"}, headers=HX
    )

    assert response.status_code == 200
    assert toasts(response) == [
        "2 customers set to Active. 2 customers you may not change were skipped."
    ]
    statuses = dict(Customer.objects.values_list("name", "status"))
    assert statuses == {
        "Rita Ltd": "active",
        "Nobody Ltd": "active",
        "Otto Ltd": "lead",
        "Otto Two": "lead",
    }


def test_bulk_on_only_others_rows_is_refused_with_the_reason(client, sales_rep, customers):
    client.force_login(sales_rep)

    response = client.post(
        "/customers/bulk/",
        {"ids": [customers["others"].pk], "action": "set_status", "status": "active"},
        headers=HX,
    )

    assert response.status_code == 403
    assert "1 customer you may not change was skipped." in response.content.decode()
    assert Customer.objects.get(pk=customers["others"].pk).status == "lead"


def test_bulk_delete_asks_first_and_says_what_it_will_skip(client, sales_rep, customers):
    client.force_login(sales_rep)
    ids = [customers["own"].pk, customers["others"].pk]

    dialog = client.post("/customers/bulk/", {"ids": ids, "action": "delete"}, headers=HX)

    body = dialog.content.decode()
    assert "Delete 1 customer?" in body
    assert "Rita Ltd" in body and "Otto Ltd" not in body
    assert "1 customer you may not delete will be skipped." in body

    done = client.post(
        "/customers/bulk/", {"ids": ids, "action": "delete", "confirm": "true"}, headers=HX
    )

    assert done.status_code == 200
    assert toasts(done)[-1].endswith("1 customer you may not delete was skipped.")
    assert sorted(Customer.objects.values_list("name", flat=True)) == ["Nobody Ltd", "Otto Ltd"]


def test_bulk_assign_owner_needs_the_right_to_reassign(client, sales_rep, customers):
    client.force_login(sales_rep)

    response = client.post(
        "/customers/bulk/",
        {"ids": [customers["own"].pk], "action": "assign_owner", "owner": ""},
        headers=HX,
    )

    assert response.status_code == 403
    assert "Your role does not allow you to assign owners." in response.content.decode()
    assert Customer.objects.get(pk=customers["own"].pk).owner_id is not None


# --- The owner field ------------------------------------------------------------------


def test_a_reps_new_customer_is_theirs_whatever_the_post_says(client, sales_rep, other_rep):
    client.force_login(sales_rep)

    form = client.get("/customers/create/").content.decode()
    response = client.post(
        "/customers/create/",
        {"name": "Newco", "email": "newco@example.com", "status": "lead", "owner": other_rep.pk},
    )

    assert 'name="owner"' not in form
    assert response.status_code == 302
    assert Customer.objects.get(name="Newco").owner == sales_rep


def test_a_reps_edit_leaves_the_owner_as_it_is(client, sales_rep, other_rep, customers):
    client.force_login(sales_rep)
    own = customers["own"]

    form = client.get(f"/customers/update/{own.pk}/", headers=HX).content.decode()
    response = client.post(
        f"/customers/update/{own.pk}/",
        {
            "name": "Rita Renamed",
            "email": own.email,
            "status": "lead",
            "owner": other_rep.pk,
            "version": own.version,
        },
        headers=HX,
    )

    assert 'name="owner"' not in form
    assert "Rita" in row(form, own)  # the owner shown as text in the edit row
    assert response.status_code == 200
    saved = Customer.objects.get(pk=own.pk)
    assert (saved.name, saved.owner) == ("Rita Renamed", sales_rep)


def test_a_manager_chooses_the_owner(client, manager, other_rep):
    client.force_login(manager)

    form = client.get("/customers/create/").content.decode()
    client.post(
        "/customers/create/",
        {"name": "Newco", "email": "newco@example.com", "status": "lead", "owner": other_rep.pk},
    )
    client.post(
        "/customers/create/",
        {"name": "Nobodys", "email": "nobodys@example.com", "status": "lead", "owner": ""},
    )

    assert 'name="owner"' in form
    assert Customer.objects.get(name="Newco").owner == other_rep
    assert Customer.objects.get(name="Nobodys").owner is None


def test_a_reps_new_deal_is_theirs_and_a_managers_goes_to_whom_they_choose(
    client, sales_rep, manager, other_rep, customers
):
    stage = Stage.objects.first()
    data = {
        "customer": "otto@example.com",
        "title": "Rollout",
        "amount": "100",
        "currency": "USD",
        "stage": stage.pk,
        "owner": other_rep.pk,
    }
    client.force_login(sales_rep)
    assert 'name="owner"' not in client.get("/deals/create/").content.decode()
    client.post("/deals/create/", data)
    client.force_login(manager)
    client.post("/deals/create/", {**data, "title": "Upgrade"})

    assert Deal.objects.get(title="Rollout").owner == sales_rep
    assert Deal.objects.get(title="Upgrade").owner == other_rep


# --- The record page ------------------------------------------------------------------


@pytest.fixture
def request_of(sales_rep):
    def make(customer):
        contact_create(customer=customer, name=f"{customer.name} Contact")
        return interaction_create(
            customer=customer,
            kind=Interaction.Kind.SUPPORT,
            subject="Cannot log in",
            recorded_by=None,
        )

    return make


def test_a_rep_on_another_reps_record_may_add_but_not_change(
    client, sales_rep, customers, request_of
):
    request_of(customers["others"])
    client.force_login(sales_rep)

    body = client.get(f"/customers/{customers['others'].pk}/").content.decode()

    assert f"/customers/{customers['others'].pk}/edit/" not in body  # the header's Edit
    assert "record-tags__add" not in body
    assert ">Edit<span" not in body and ">Delete<span" not in body  # contacts
    assert 'aria-label="Resolve Cannot log in"' not in body
    assert "Add activity</button>" in body
    assert 'id="contact-add-form"' in body
    assert "New deal</a>" in body


def test_a_rep_on_their_own_record_may_change_everything(client, sales_rep, customers, request_of):
    request_of(customers["own"])
    client.force_login(sales_rep)

    body = client.get(f"/customers/{customers['own'].pk}/").content.decode()

    assert f"/customers/{customers['own'].pk}/edit/" in body
    assert "record-tags__add" in body
    assert ">Edit<span" in body and ">Delete<span" in body
    assert 'aria-label="Resolve Cannot log in"' in body


def test_a_support_agent_resolves_but_changes_nothing_else(
    client, support_agent, customers, request_of
):
    support = request_of(customers["others"])
    client.force_login(support_agent)
    record = f"/customers/{customers['others'].pk}/"

    body = client.get(record).content.decode()

    assert 'aria-label="Resolve Cannot log in"' in body
    assert f"{record}edit/" not in body
    assert ">Delete" not in body and ">Edit<span" not in body
    assert "New deal" not in body
    assert "Add activity</button>" in body

    response = client.post(f"/activity/{support.pk}/status/", {"status": "resolved"}, headers=HX)
    assert response.status_code == 200
    assert 'aria-label="Reopen Cannot log in"' in response.content.decode()
    assert Interaction.objects.get(pk=support.pk).support_status == "resolved"


# --- Deals ----------------------------------------------------------------------------


def test_the_board_and_list_offer_changes_only_on_deals_the_rep_may_change(
    client, sales_rep, customers
):
    stage = Stage.objects.first()
    mine = deal_create(
        customer=customers["own"], title="Mine", amount=Decimal(1), stage=stage, owner=sales_rep
    )
    theirs = deal_create(
        customer=customers["others"],
        title="Theirs",
        amount=Decimal(1),
        stage=stage,
        owner=customers["others"].owner,
    )
    client.force_login(sales_rep)

    board = client.get("/deals/").content.decode()
    listing = client.get("/deals/list/").content.decode()

    assert f'id="deal-{mine.pk}-stage"' in board
    assert f'id="deal-{theirs.pk}-stage"' not in board
    assert f"/deals/{mine.pk}/edit/" in listing and f"/deals/{mine.pk}/delete/" in listing
    assert f"/deals/{theirs.pk}/edit/" not in listing
    assert f"/deals/{theirs.pk}/delete/" not in listing


# --- Refusals that say why --------------------------------------------------------------


def test_a_refused_page_says_why(client, sales_rep, customers):
    client.force_login(sales_rep)

    response = client.post(
        f"/customers/update/{customers['others'].pk}/",
        {"name": "Mine now", "email": "otto@example.com", "status": "lead"},
    )

    assert response.status_code == 403
    body = response.content.decode()
    assert "<html" in body
    assert "Only the owner or a manager can change “Otto Ltd”." in body
    assert Customer.objects.get(pk=customers["others"].pk).name == "Otto Ltd"


def test_a_refused_htmx_request_gets_the_reason_for_its_toast(client, sales_rep, customers):
    client.force_login(sales_rep)

    response = client.get(f"/customers/delete/{customers['others'].pk}/", headers=HX)

    assert response.status_code == 403
    body = response.content.decode()
    assert "<html" not in body
    assert re.search(
        r"<p data-error-message>Only the owner or a manager can delete “Otto Ltd”.</p>", body
    )


def test_a_role_without_the_right_is_told_so(client, support_agent, customers):
    client.force_login(support_agent)

    response = client.get(f"/customers/update/{customers['own'].pk}/", headers=HX)

    assert response.status_code == 403
    assert "Your role does not allow you to change customers." in response.content.decode()


def test_a_refused_name_is_escaped(client, sales_rep, other_rep):
    evil = customer_create(name="<b>Evil</b>", email="evil@example.com", owner=other_rep)
    client.force_login(sales_rep)

    body = client.get(f"/customers/update/{evil.pk}/", headers=HX).content.decode()

    assert "&lt;b&gt;Evil&lt;/b&gt;" in body and "<b>Evil" not in body


@pytest.mark.parametrize("url", ["/customers/", "/deals/", "/"])
def test_a_user_without_a_role_is_asked_to_see_their_administrator(
    client, no_role_user, customers, url
):
    client.force_login(no_role_user)

    response = client.get(url, follow=True)

    assert response.status_code == 403
    body = response.content.decode()
    assert "You don't have access yet" in body
    assert "ask your administrator to give you a role" in body
    assert "Rita Ltd" not in body


def test_a_user_without_a_role_gets_the_same_words_as_a_toast(client, no_role_user, customers):
    client.force_login(no_role_user)

    response = client.get("/customers/", headers=HX)

    assert response.status_code == 403
    body = response.content.decode()
    assert "<html" not in body
    assert "data-error-message" in body and "ask your administrator" in body


def test_a_user_with_some_role_is_not_told_they_have_none(client, support_agent, customers):
    client.force_login(support_agent)

    body = client.get("/customers/create/").content.decode()

    assert "You can't do that" in body
    assert "You don't have access yet" not in body


# --- The admin ------------------------------------------------------------------------


def test_the_admin_role_manages_users_and_roles_in_the_admin(client, admin_user):
    client.force_login(admin_user)

    assert 'href="/admin/"' in client.get("/customers/").content.decode()
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 200
    assert client.get("/admin/auth/group/").status_code == 200
    assert client.get(f"/admin/auth/user/{admin_user.pk}/change/").status_code == 200


@pytest.mark.parametrize("role", ["manager", "sales_rep", "support_agent", "no_role_user"])
def test_other_roles_get_no_admin(client, request, role):
    client.force_login(request.getfixturevalue(role))

    assert 'href="/admin/"' not in client.get("/accounts/password/").content.decode()
    assert client.get("/admin/").status_code == 302


def test_the_admin_role_signs_in_through_the_admins_own_page(client, admin_user, password):
    assert not admin_user.is_staff

    response = client.post(
        "/admin/login/",
        {"username": admin_user.username, "password": password, "next": "/admin/"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == "/admin/"
    assert "Site administration" in response.content.decode()


# --- The trash ------------------------------------------------------------------------


def test_contacts_and_requests_of_a_trashed_customer_are_not_there(
    client, manager, customers, request_of
):
    support = request_of(customers["unowned"])
    contact = customers["unowned"].contacts.get()
    Customer.all_objects.filter(pk=customers["unowned"].pk).update(deleted_at=timezone.now())
    client.force_login(manager)

    assert client.get(f"/contacts/{contact.pk}/", headers=HX).status_code == 404
    assert client.get(f"/contacts/{contact.pk}/edit/", headers=HX).status_code == 404
    assert client.post(f"/contacts/{contact.pk}/delete/").status_code == 404
    status = client.post(f"/activity/{support.pk}/status/", {"status": "resolved"})
    assert status.status_code == 404
    assert Interaction.objects.get(pk=support.pk).support_status == "open"


def test_a_bulk_delete_refused_by_role_names_deleting(client, support_agent, customers):
    client.force_login(support_agent)

    response = client.post(
        "/customers/bulk/",
        {"ids": [customers["own"].pk], "action": "delete"},
        headers=HX,
    )

    assert response.status_code == 403
    assert "Your role does not allow you to delete customers." in response.content.decode()
