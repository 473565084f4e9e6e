"""Bulk actions on the ticked rows of the grid: one POST, one transaction, one toast."""

import json

import pytest
from django.test import Client

from customers.models import Customer, Tag
from ui.testing import HX

pytestmark = pytest.mark.django_db

URL = "/customers/bulk/"
NEXT = "/customers/?q=customer&page=1"


@pytest.fixture
def three(make_customer):
    """Ann, Bob and Cy, three leads nobody owns."""
    return [
        make_customer(name="Ann Lee", email="ann@example.com"),
        make_customer(name="Bob Ray", email="bob@example.com"),
        make_customer(name="Cy Young", email="cy@example.com"),
    ]


@pytest.fixture
def dana(make_user):
    return make_user("dana", first_name="Dana", last_name="Scully")


@pytest.fixture
def vip(db):
    return Tag.objects.create(name="VIP", colour=Tag.Colour.PURPLE)


def ids(customers) -> list[int]:
    return [c.pk for c in customers]


def bulk(client, *, htmx=True, **data):
    return client.post(URL, {"next": NEXT, **data}, headers=HX if htmx else {})


def triggers(response) -> set[str]:
    return set(json.loads(response["HX-Trigger"]))


def statuses(customers) -> list[str]:
    return list(
        Customer.objects.filter(pk__in=ids(customers))
        .order_by("name")
        .values_list("status", flat=True)
    )


def owners(customers) -> list[int | None]:
    return list(
        Customer.objects.filter(pk__in=ids(customers))
        .order_by("name")
        .values_list("owner", flat=True)
    )


def assert_done(response, toast: str) -> None:
    """An htmx action that worked: nothing swapped, the grid and dialog told, a toast."""
    body = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Reswap"] == "none"
    assert triggers(response) == {"customers-changed", "close-dialog"}
    assert "<html" not in body
    assert 'class="toast toast-success"' in body
    assert toast in body


def assert_refused(response, toast: str) -> None:
    """An htmx action refused: 422, nothing swapped (the ticks stay), an error toast."""
    body = response.content.decode()
    assert response.status_code == 422
    assert response["HX-Reswap"] == "none"
    assert "HX-Trigger" not in response
    assert 'class="toast toast-error"' in body
    assert toast in body


def assert_plain_done(client, response, toast: str) -> None:
    """A plain POST that worked goes back to the grid it came from, which shows the toast."""
    assert response.status_code == 302
    assert response["Location"] == NEXT
    page = client.get(response["Location"]).content.decode()
    assert toast in page
    assert toast not in client.get(NEXT).content.decode()  # shown once


# --- Assign owner -------------------------------------------------------------------


def test_htmx_assign_owner(user_client, three, dana):
    response = bulk(user_client, ids=ids(three), action="assign_owner", owner=dana.pk)

    assert_done(response, "3 customers assigned to Dana Scully.")
    assert owners(three) == [dana.pk] * 3


def test_plain_assign_owner_goes_back_with_the_toast(user_client, three, dana):
    response = bulk(user_client, htmx=False, ids=ids(three), action="assign_owner", owner=dana.pk)

    assert_plain_done(user_client, response, "3 customers assigned to Dana Scully.")
    assert owners(three) == [dana.pk] * 3


def test_assign_no_owner_takes_the_customers_from_everyone(user_client, three, dana):
    Customer.objects.update(owner=dana)

    response = bulk(user_client, ids=ids(three[:2]), action="assign_owner", owner="")

    assert_done(response, "2 customers assigned to nobody.")
    assert owners(three) == [None, None, dana.pk]


def test_assign_owner_says_who_already_had_that_owner(user_client, three, dana):
    Customer.objects.filter(pk=three[0].pk).update(owner=dana)

    response = bulk(user_client, ids=ids(three), action="assign_owner", owner=dana.pk)

    assert_done(response, "2 customers assigned to Dana Scully. 1 customer already had it.")


def test_an_inactive_user_cannot_be_given_customers(user_client, three, make_user):
    gone = make_user("gone", is_active=False)

    response = bulk(user_client, ids=ids(three), action="assign_owner", owner=gone.pk)

    assert_refused(response, "Select a valid choice.")
    assert owners(three) == [None] * 3


# --- Add tag --------------------------------------------------------------------------


def test_htmx_add_tag(user_client, three, vip):
    three[0].tags.add(vip)

    response = bulk(user_client, ids=ids(three), action="add_tag", tag=vip.pk)

    assert_done(response, "Tag “VIP” added to 2 customers. 1 customer already had it.")
    assert set(vip.customers.all()) == set(three)


def test_plain_add_tag(user_client, three, vip):
    response = bulk(user_client, htmx=False, ids=ids(three), action="add_tag", tag=vip.pk)

    assert_plain_done(user_client, response, "Tag “VIP” added to 3 customers.")
    assert set(vip.customers.all()) == set(three)


def test_add_tag_without_a_tag_is_refused(user_client, three, vip):
    response = bulk(user_client, ids=ids(three), action="add_tag", tag="")

    assert_refused(response, "Choose the tag to add.")
    assert not vip.customers.exists()


def test_a_tag_name_in_the_toast_is_escaped(user_client, three):
    tag = Tag.objects.create(name="<b>hot</b>")

    response = bulk(user_client, ids=ids(three), action="add_tag", tag=tag.pk)

    body = response.content.decode()
    assert "Tag “&lt;b&gt;hot&lt;/b&gt;” added to 3 customers." in body
    assert "<b>hot" not in body


# --- Set status -----------------------------------------------------------------------


def test_htmx_set_status(user_client, three):
    response = bulk(user_client, ids=ids(three), action="set_status", status="active")

    assert_done(response, "3 customers set to Active.")
    assert statuses(three) == ["active"] * 3


def test_plain_set_status(user_client, three):
    response = bulk(
        user_client, htmx=False, ids=ids(three[1:]), action="set_status", status="inactive"
    )

    assert_plain_done(user_client, response, "2 customers set to Inactive.")
    assert statuses(three) == ["lead", "inactive", "inactive"]


def test_set_status_without_a_status_is_refused(user_client, three):
    response = bulk(user_client, ids=ids(three), action="set_status", status="")

    assert_refused(response, "Choose the new status.")
    assert statuses(three) == ["lead"] * 3


def test_an_unknown_status_is_refused(user_client, three):
    response = bulk(user_client, ids=ids(three), action="set_status", status="vip")

    assert_refused(response, "Select a valid choice.")
    assert statuses(three) == ["lead"] * 3


# --- Delete ---------------------------------------------------------------------------


def test_htmx_delete_first_asks_in_a_dialog_naming_them(user_client, three):
    response = bulk(user_client, ids=ids(three), action="delete")
    body = response.content.decode()

    assert response.status_code == 200
    assert response["HX-Retarget"] == "body"
    assert response["HX-Reswap"] == "beforeend"
    assert body.lstrip().startswith(
        '<dialog class="dialog" data-modal aria-labelledby="bulk-delete-title">'
    )
    assert '<h1 id="bulk-delete-title" class="dialog__title">Delete 3 customers?</h1>' in body
    assert "<html" not in body
    for customer in three:
        assert f"<li>{customer.name} ({customer.email})</li>" in body
        assert f'<input type="hidden" name="ids" value="{customer.pk}">' in body
    assert '<input type="hidden" name="confirm" value="true">' in body
    assert f'hx-post="{URL}"' in body
    assert "Confirm delete</button>" in body
    assert Customer.objects.count() == 3


def test_plain_delete_first_asks_on_a_page(user_client, three):
    response = bulk(user_client, htmx=False, ids=ids(three[:2]), action="delete")
    body = response.content.decode()

    assert response.status_code == 200
    assert "<html" in body
    assert "<dialog" not in body
    assert "<title>Delete 2 customers" in body
    assert "Delete 2 customers?</h1>" in body
    assert "Ann Lee (ann@example.com)" in body
    assert "Bob Ray (bob@example.com)" in body
    assert "Cy Young" not in body
    assert f'<form method="post" action="{URL}"' in body
    assert "hx-post" not in body.split('id="bulk-delete-title"')[1]  # works without htmx
    assert f'<input type="hidden" name="next" value="{NEXT.replace("&", "&amp;")}">' in body
    assert f'<a href="{NEXT.replace("&", "&amp;")}" data-close-dialog autofocus>Cancel</a>' in body
    assert Customer.objects.count() == 3


def test_the_confirmation_names_ten_and_counts_the_rest(user_client, make_customer):
    customers = [make_customer(name=f"Customer {n:02}") for n in range(12)]

    body = bulk(user_client, ids=ids(customers), action="delete").content.decode()

    assert "Delete 12 customers?" in body
    assert "Customer 09 (" in body
    assert "Customer 10 (" not in body
    assert "<li>and 2 more</li>" in body
    assert body.count('name="ids"') == 12  # the confirmation still deletes all twelve


def test_the_confirmation_escapes_names(user_client, make_customer):
    evil = make_customer(name="<script>alert(1)</script>")

    body = bulk(user_client, ids=[evil.pk], action="delete").content.decode()

    assert "Delete 1 customer?" in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<script>" not in body


def test_htmx_confirmed_delete(user_client, three, make_customer):
    keep = make_customer(name="Keep Me")

    response = bulk(user_client, ids=ids(three), action="delete", confirm="true")

    assert_done(response, "3 customers moved to the trash.")
    assert list(Customer.objects.all()) == [keep]


def test_plain_confirmed_delete(user_client, three):
    response = bulk(user_client, htmx=False, ids=ids(three), action="delete", confirm="true")

    assert_plain_done(user_client, response, "3 customers moved to the trash.")
    assert not Customer.objects.exists()


def test_plain_delete_ignores_a_next_url_elsewhere(user_client, three):
    response = user_client.post(
        URL,
        {"ids": ids(three), "action": "delete", "confirm": "true", "next": "https://evil.example/"},
    )

    assert response["Location"] == "/customers/"
    assert not Customer.objects.exists()


# --- What was selected ----------------------------------------------------------------


def test_nothing_selected_is_refused_and_changes_nothing(user_client, three):
    response = bulk(user_client, action="set_status", status="active")

    assert_refused(response, "Select at least one customer first.")
    assert statuses(three) == ["lead"] * 3


def test_plain_nothing_selected_goes_back_with_the_error(user_client, three):
    response = bulk(user_client, htmx=False, action="delete", confirm="true")

    assert response.status_code == 302
    assert response["Location"] == NEXT
    page = user_client.get(NEXT).content.decode()
    assert 'class="toast toast-error"' in page
    assert "Select at least one customer first." in page
    assert Customer.objects.count() == 3


def test_no_action_is_refused(user_client, three):
    response = bulk(user_client, ids=ids(three))

    assert_refused(response, "This field is required.")
    assert Customer.objects.count() == 3


def test_customers_deleted_meanwhile_are_reported(user_client, three):
    selected = ids(three)
    three[2].delete()  # by someone else, after the grid was drawn

    response = bulk(user_client, ids=selected, action="set_status", status="active")

    assert_done(response, "2 customers set to Active. 1 customer had already been deleted.")
    assert statuses(three[:2]) == ["active", "active"]


def test_all_of_them_deleted_meanwhile_is_refused(user_client):
    response = bulk(user_client, ids=[998, 999], action="set_status", status="active")

    assert_refused(response, "The selected customers are no longer there.")


def test_a_hundred_at_once_is_fine(user_client, make_customer):
    customers = Customer.objects.bulk_create(
        Customer(name=f"Many {n}", email=f"many{n}@example.com") for n in range(100)
    )

    response = bulk(user_client, ids=ids(customers), action="set_status", status="active")

    assert_done(response, "100 customers set to Active.")
    assert Customer.objects.filter(status="active").count() == 100


def test_more_than_a_hundred_at_once_is_refused(user_client, three):
    response = bulk(
        user_client,
        ids=[*ids(three), *range(10_000, 10_098)],
        action="set_status",
        status="active",
    )

    assert_refused(response, "Select at most 100 customers at a time.")
    assert statuses(three) == ["lead"] * 3


@pytest.mark.parametrize(
    "bad", ["abc", "1.5", "", "-1", "0", "1; DROP TABLE customers_customer", "9" * 30], ids=repr
)
def test_ids_that_are_not_ids_are_refused_not_a_crash(user_client, three, bad):
    response = bulk(user_client, ids=[three[0].pk, bad], action="delete", confirm="true")

    assert response.status_code == 422
    assert 'class="toast toast-error"' in response.content.decode()
    assert Customer.objects.count() == 3


def test_the_same_id_twice_counts_once(user_client, three):
    pk = three[0].pk

    response = bulk(user_client, ids=[pk, pk, str(pk)], action="set_status", status="active")

    assert_done(response, "1 customer set to Active.")


# --- One transaction ------------------------------------------------------------------


@pytest.fixture
def broken(make_customer):
    """A customer whose stored email no longer passes validation (an old import, say).
    Named to sort last, so the valid ones are changed before it fails."""
    customer = make_customer(name="Zed Broken", email="zed@example.com")
    customer.email = "not-an-email"
    Customer.objects.bulk_update([customer], ["email"])
    return customer


def test_a_status_change_that_fails_on_one_customer_changes_none(user_client, three, broken):
    before = list(Customer.objects.order_by("pk").values_list("status", "updated_at"))

    response = bulk(user_client, ids=[*ids(three), broken.pk], action="set_status", status="active")

    assert_refused(response, "Nothing was changed.")
    assert "“Zed Broken” could not be changed: Enter a valid email address." in (
        response.content.decode()
    )
    assert list(Customer.objects.order_by("pk").values_list("status", "updated_at")) == before


def test_plain_status_change_that_fails_goes_back_and_says_who(user_client, three, broken):
    response = bulk(
        user_client, htmx=False, ids=[*ids(three), broken.pk], action="set_status", status="active"
    )

    assert response.status_code == 302
    page = user_client.get(response["Location"]).content.decode()
    assert "Nothing was changed. “Zed Broken” could not be changed" in page
    assert statuses(three) == ["lead"] * 3


def test_an_owner_assignment_that_fails_on_one_customer_changes_none(
    user_client, three, broken, dana
):
    response = bulk(user_client, ids=[*ids(three), broken.pk], action="assign_owner", owner=dana.pk)

    assert_refused(response, "“Zed Broken” could not be changed")
    assert owners([*three, broken]) == [None] * 4


# Deleting has no failure mode to show without faking one: nothing protects a customer
# from deletion (every relation to it cascades or is set null), so there is no test of
# a half-done bulk delete.


# --- Who may ----------------------------------------------------------------------------


CHANGES = [
    {"action": "assign_owner", "owner": ""},
    {"action": "add_tag", "tag": "VIP"},
    {"action": "set_status", "status": "active"},
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c["action"])
def test_changing_needs_the_change_permission(client, make_user, three, vip, change):
    client.force_login(make_user("deleter", perms=("view_customer", "delete_customer")))
    data = {**change, "tag": vip.pk} if "tag" in change else change

    assert bulk(client, ids=ids(three), **data).status_code == 403
    assert bulk(client, htmx=False, ids=ids(three), **data).status_code == 403
    assert statuses(three) == ["lead"] * 3
    assert not vip.customers.exists()


def test_deleting_needs_the_delete_permission(client, make_user, three):
    client.force_login(make_user("changer", perms=("view_customer", "change_customer")))

    assert bulk(client, ids=ids(three), action="delete").status_code == 403
    assert bulk(client, ids=ids(three), action="delete", confirm="true").status_code == 403
    assert Customer.objects.count() == 3


def test_a_deleter_may_delete_without_the_change_permission(client, make_user, three):
    client.force_login(make_user("deleter", perms=("view_customer", "delete_customer")))

    response = bulk(client, ids=ids(three), action="delete", confirm="true")

    assert_done(response, "3 customers moved to the trash.")
    assert not Customer.objects.exists()


def test_anonymous_is_sent_to_log_in(client, three):
    response = bulk(client, htmx=False, ids=ids(three), action="delete", confirm="true")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert Customer.objects.count() == 3


def test_anonymous_htmx_is_told_to_log_in(client, three):
    response = client.post(
        URL,
        {"ids": ids(three), "action": "delete", "confirm": "true"},
        headers={**HX, "HX-Current-URL": "http://testserver/customers/?q=ann"},
    )

    assert response.status_code == 401
    assert response["HX-Redirect"].startswith("/accounts/login/?next=")
    assert Customer.objects.count() == 3


def test_only_post_is_spoken(user_client, three):
    assert user_client.get(URL).status_code == 405
    assert (
        user_client.get(URL, {"ids": ids(three), "action": "delete", "confirm": "true"}).status_code
        == 405
    )
    assert Customer.objects.count() == 3


def test_csrf_token_is_required(csrf_client, three):
    data = {"ids": ids(three), "action": "delete", "confirm": "true"}

    assert csrf_client.post(URL, data, headers=HX).status_code == 403
    assert Customer.objects.count() == 3

    csrf_client.get("/customers/")  # sets the CSRF cookie, as the grid page does
    token = csrf_client.cookies["csrftoken"].value
    response = csrf_client.post(URL, data, headers={**HX, "X-CSRFToken": token})
    assert response.status_code == 200
    assert not Customer.objects.exists()


# --- The bar in the grid ----------------------------------------------------------------


def grid(client: Client, **headers) -> str:
    response = client.get("/customers/", headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def test_the_grid_has_the_bulk_bar_with_every_action(user_client, three, vip):
    body = grid(user_client)

    assert '<form id="bulk-actions" class="bulk" method="post" action="/customers/bulk/"' in body
    assert 'hx-post="/customers/bulk/"' in body
    # Not the results region's target and sync: its refresh would abort the POST.
    bar = body.split('<form id="bulk-actions"')[1].split(">")[0]
    assert 'hx-target="this"' in bar
    assert 'hx-sync="this:drop"' in bar
    assert '<label for="bulk-select-all">Select all on this page</label>' in body
    for label, button in [
        ('<label for="bulk-owner">New owner</label>', 'value="assign_owner">Assign owner</button>'),
        ('<label for="bulk-tag">Tag to add</label>', 'value="add_tag">Add tag</button>'),
        ('<label for="bulk-status">New status</label>', 'value="set_status">Set status</button>'),
    ]:
        assert label in body
        assert button in body

    assert 'value="delete" class="danger">Delete selected</button>' in body
    assert '<option value="">No owner</option>' in body or "No owner</option>" in body
    assert f'<option value="{vip.pk}">VIP</option>' in body
    for customer in three:
        assert (
            f'<input type="checkbox" name="ids" value="{customer.pk}" form="bulk-actions" '
            f'aria-label="Select {customer.name}">'
        ) in body


def test_a_search_swaps_the_rows_and_leaves_the_bulk_bar_as_it_is(user_client, three, vip):
    """The bar sits outside the results region, so htmx's answer need not carry it."""
    page = grid(user_client)
    results = grid(user_client, **HX)

    assert page.index('<form id="bulk-actions"') < page.index('<section id="results"')
    assert 'id="bulk-actions"' not in results
    assert "<html" not in results
    assert 'form="bulk-actions"' in results  # the rows' boxes still belong to it


def test_the_bar_offers_only_what_the_user_may_do(client, make_user, three):
    client.force_login(make_user("changer", perms=("view_customer", "change_customer")))
    body = grid(client)
    assert "Set status</button>" in body
    assert "Assign owner</button>" not in body  # that needs reassign_owner too
    assert "Delete selected</button>" not in body

    client.force_login(make_user("deleter", perms=("view_customer", "delete_customer")))
    body = grid(client)
    assert "Assign owner</button>" not in body
    assert "Delete selected</button>" in body


def test_a_viewer_gets_no_bar_and_no_checkboxes(client, make_user, three):
    client.force_login(make_user("viewer", perms=("view_customer",)))

    body = grid(client)

    assert "Ann Lee" in body
    assert 'id="bulk-actions"' not in body
    assert 'name="ids"' not in body
    assert "Select all on this page" not in body
