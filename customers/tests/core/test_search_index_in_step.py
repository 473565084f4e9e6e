"""Search follows every write at once, whichever road the write takes: the services, the
grid's forms, bulk actions, delete, undo and restore, purge, the admin, and the ORM's
bulk writes. Each test looks through `customer_search` and through the grid, which must
agree: what was written is found by its new words, and no longer by its old ones.
"""

import re

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone

from customers.core.selectors import customer_search
from customers.core.services import (
    customer_create,
    customer_delete,
    customer_restore,
    customer_update,
)
from customers.models import Customer
from customers.trash.services import customer_purge
from ui.testing import HX

pytestmark = pytest.mark.django_db

GRID_ROW = re.compile(r'id="customer-(\d+)"')
FIELDS = ("name", "email", "phone", "company", "status")


@pytest.fixture
def ann(make_customer):
    return make_customer(
        name="Ann Lee", email="ann@example.com", phone="+442079460958", company="Acme"
    )


@pytest.fixture
def bystander(make_customer):
    """Someone whose words the tests never search for, so a search that finds everyone
    (an index left blank, say) does not pass for one that finds the right customer."""
    return make_customer(name="Bo Bystander", email="bo@elsewhere.test")


def finds(client, query: str) -> set[int]:
    """The ids a search for `query` finds; the grid must show the same ones."""
    found = {c.pk for c in customer_search(queryset=Customer.objects.all(), query=query)}
    response = client.get("/customers/", {"q": query}, headers=HX)
    assert response.status_code == 200
    assert {int(pk) for pk in GRID_ROW.findall(response.content.decode())} == found
    return found


def signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def form_data(customer, **changes):
    """What an edit form posts: the customer as shown, with `changes` typed in."""
    data = {field: getattr(customer, field) for field in FIELDS}
    return {
        **data,
        "phone": customer.phone_display,
        "owner": "",
        "version": customer.version,
        **changes,
    }


def assert_found(client, customer, *, by: list[str], not_by: list[str] = ()):
    """`customer`, and only them, is found by each query in `by`; nobody by `not_by`."""
    for query in by:
        assert finds(client, query) == {customer.pk}, query
    for query in not_by:
        assert finds(client, query) == set(), query


# --- Creating ---------------------------------------------------------------------


def test_a_customer_created_by_the_service_is_found_at_once(user_client, bystander):
    zoe = customer_create(
        name="Zoë Quill", email="zq@example.com", phone="(202) 555-0143", company="Quillworks"
    )

    for query in ["quill", "ZOE", "zq@example", "quillworks", "555-0143", "zo", "qu", "1"]:
        assert finds(user_client, query) == {zoe.pk}, query


def test_a_customer_created_in_the_grid_is_found_at_once(user_client, bystander):
    new = {
        "name": "Zoë Quill",
        "email": "zq@example.com",
        "phone": "(202) 555-0143",
        "company": "Quillworks",
        "status": "lead",
    }
    assert user_client.post("/customers/create/", new, headers=HX).status_code == 200

    zoe = Customer.objects.get(email="zq@example.com")
    assert_found(user_client, zoe, by=["quill", "zoe", "2025550143", "qu"])


def test_customers_made_by_bulk_create_are_found_at_once(user_client, bystander):
    """The road a bulk load (the demo command, an import) takes: save() is not called."""
    zoe, max_ = Customer.objects.bulk_create(
        [
            Customer(
                name="Zoë Quill", email="zq@example.com", phone="+12025550143", company="Quillworks"
            ),
            Customer(name="Max Müller", email="max@mueller.test", company="Müller GmbH"),
        ]
    )

    for query in ["quill", "zoe", "zq@example", "quillworks", "555-0143", "zo", "qu"]:
        assert finds(user_client, query) == {zoe.pk}, query
    for query in ["muller", "MÜLLER", "mu", "gmbh", "max@"]:
        assert finds(user_client, query) == {max_.pk}, query


# --- Changing ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "old", "new"),
    [
        ("name", "Zoë Quill", ["lee", "ann lee"], ["quill", "zoe", "qu"]),
        ("email", "zq@quill.test", ["ann@example", "example"], ["zq@quill", "quill.test", "zq"]),
        ("phone", "+12025550143", ["7946", "+44", "44"], ["555-0143", "(202) 555", "12"]),
        ("company", "Quillworks", ["acme", "ac"], ["quillworks", "works", "qu"]),
    ],
)
def test_an_update_by_the_service_changes_what_finds_the_customer(
    user_client, ann, bystander, field, value, old, new
):
    customer_update(customer=ann, data={field: value})

    assert_found(user_client, ann, by=new, not_by=old)


def test_an_inline_edit_in_the_grid_changes_what_finds_the_customer(user_client, ann, bystander):
    response = user_client.post(
        f"/customers/update/{ann.pk}/",
        form_data(ann, name="Zoë Quill", phone="(202) 555-0143", company="Quillworks"),
        headers=HX,
    )

    assert response.status_code == 200
    assert_found(
        user_client, ann, by=["quill", "quillworks", "555-0143"], not_by=["lee", "acme", "7946"]
    )


def test_an_edit_merged_with_one_made_meanwhile_is_found_by_both(user_client, ann, bystander):
    """Two people edit from the same version: the second save is applied on top of the
    first (customers/core/concurrency.py), and search follows the merged row."""
    opened = form_data(ann)
    customer_update(customer=ann, data={"company": "Quillworks"}, version=ann.version)

    response = user_client.post(
        f"/customers/update/{ann.pk}/", {**opened, "name": "Zoë Quill"}, headers=HX
    )

    assert response.status_code == 200
    assert_found(user_client, ann, by=["quill zoe", "quillworks zoe"], not_by=["lee", "acme"])


def test_an_edit_of_the_record_header_changes_what_finds_the_customer(user_client, ann, bystander):
    response = user_client.post(
        f"/customers/{ann.pk}/edit/", form_data(ann, email="zq@quill.test"), headers=HX
    )

    assert response.status_code == 200
    assert_found(user_client, ann, by=["zq@quill", "quill.test"], not_by=["ann@example"])


def test_an_edit_in_the_admin_changes_what_finds_the_customer(
    user_client, ann, bystander, superuser
):
    admin = signed_in(superuser)
    response = admin.post(
        f"/admin/customers/customer/{ann.pk}/change/",
        {
            "name": "Zoë Quill",
            "email": "zq@quill.test",
            "phone": "(202) 555-0143",
            "company": "Quillworks",
            "status": "lead",
        },
    )

    assert response.status_code == 302
    assert_found(
        user_client,
        ann,
        by=["quill", "zq@quill", "quillworks", "555-0143"],
        not_by=["lee", "ann@example", "acme", "7946"],
    )


def test_a_bulk_status_change_leaves_the_customers_found(user_client, ann, bystander):
    response = user_client.post(
        "/customers/bulk/", {"ids": [ann.pk], "action": "set_status", "status": "active"}
    )

    assert response.status_code == 302
    assert finds(user_client, "ann lee") == {ann.pk}
    assert finds(user_client, "ac") == {ann.pk}


def test_bulk_update_of_searched_fields_changes_what_finds_the_customer(
    user_client, ann, bystander
):
    """`bulk_update` has the customers in hand, so it can keep search right too."""
    ann.name, ann.company = "Zoë Quill", "Quillworks"

    Customer.objects.bulk_update([ann], ["name", "company"])

    assert_found(user_client, ann, by=["quill", "quillworks"], not_by=["lee", "acme"])


# A queryset's update() writes the columns without save(), which is what keeps search
# in step, and SQL cannot fold accents as search_text needs: it is refused with an
# error that sends the developer to save() or the services.
@pytest.mark.parametrize("manager", ["objects", "all_objects"])
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Zoë Quill"),
        ("email", "zq@quill.test"),
        ("phone", "+12025550143"),
        ("company", "Quillworks"),
    ],
)
def test_a_queryset_update_of_a_searched_field_is_refused_clearly(
    user_client, ann, bystander, manager, field, value
):
    refused = pytest.raises(Exception, match=r"save\(\)|customer_update|services")
    with refused, transaction.atomic():  # atomic: an error from the database is undone too
        getattr(Customer, manager).filter(pk=ann.pk).update(**{field: value})

    assert getattr(Customer.objects.get(pk=ann.pk), field) != value
    assert finds(user_client, "ann lee acme 7946") == {ann.pk}


def test_a_queryset_update_of_other_fields_still_works(user_client, ann, bystander):
    """The fields search does not read may still be updated in bulk, as before."""
    Customer.objects.filter(pk=ann.pk).update(status="active", updated_at=timezone.now())

    assert finds(user_client, "ann lee") == {ann.pk}

    Customer.all_objects.filter(pk=ann.pk).update(deleted_at=timezone.now())

    assert finds(user_client, "ann lee") == set()


# --- Delete, undo, restore, purge -------------------------------------------------


def test_a_customer_deleted_by_the_service_is_no_longer_found(user_client, user, ann, bystander):
    customer_delete(customer=ann, by=user)

    for query in ["ann lee", "acme", "7946", "ac"]:
        assert finds(user_client, query) == set(), query


def test_a_customer_deleted_in_the_grid_is_no_longer_found(user_client, ann, bystander):
    assert user_client.post(f"/customers/delete/{ann.pk}/", headers=HX).status_code == 200

    assert finds(user_client, "ann lee") == set()
    assert finds(user_client, "ac") == set()


def test_bulk_delete_and_its_undo(user_client, ann, bystander, make_customer):
    ann_too = make_customer(name="Ann Other", email="other@example.com", company="Acme")
    bulk_delete = {"ids": [ann.pk, ann_too.pk], "action": "delete", "confirm": "true"}

    assert user_client.post("/customers/bulk/", bulk_delete, headers=HX).status_code == 200

    assert finds(user_client, "acme") == set()
    assert finds(user_client, "ann") == set()

    # The toast's Undo posts the same ids to the restore view.
    undo = {"ids": [ann.pk, ann_too.pk], "next": "/customers/"}
    assert user_client.post("/trash/restore/", undo, headers=HX).status_code == 200

    assert finds(user_client, "acme") == {ann.pk, ann_too.pk}
    assert finds(user_client, "ann lee") == {ann.pk}


def test_a_customer_restored_by_the_service_is_found_again(user_client, user, ann, bystander):
    customer_delete(customer=ann, by=user)

    customer_restore(customers=[Customer.all_objects.get(pk=ann.pk)], by=user)

    for query in ["ann lee", "acme", "7946", "ac"]:
        assert finds(user_client, query) == {ann.pk}, query


def test_a_customer_restored_from_the_trash_page_is_found_again(user_client, user, ann, bystander):
    customer_delete(customer=ann, by=user)

    assert user_client.post("/trash/restore/", {"ids": [ann.pk]}).status_code == 302

    assert finds(user_client, "ann lee") == {ann.pk}


def test_a_purged_customer_is_gone_for_good(user_client, user, ann, bystander, make_customer):
    customer_delete(customer=ann, by=user)

    customer_purge(customers=[Customer.all_objects.get(pk=ann.pk)])
    newcomer = make_customer(name="Ann Newcomer", email="ann.new@example.com", company="Acme")

    assert finds(user_client, "acme") == {newcomer.pk}
    assert finds(user_client, "7946") == set()
    assert not Customer.all_objects.filter(pk=ann.pk).exists()


def test_a_customer_purged_from_the_trash_page_is_gone_for_good(
    user_client, user, ann, bystander, make_user
):
    customer_delete(customer=ann, by=user)
    purger = make_user("purger", perms=("view_customer", "delete_customer", "purge_customer"))

    assert signed_in(purger).post(f"/trash/{ann.pk}/purge/").status_code == 302

    assert finds(user_client, "ann lee") == set()
    assert not Customer.all_objects.filter(pk=ann.pk).exists()
