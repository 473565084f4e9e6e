"""Signed-in users see and change customers only as far as their permissions allow."""

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from customers.models import Customer
from ui.testing import HX

pytestmark = pytest.mark.django_db

CHANGE = {
    "name": "Changed",
    "email": "changed@example.com",
    "phone": "",
    "company": "",
    "status": "lead",
}


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_user_without_permissions_is_refused_everywhere(
    client, user_without_permissions, customer_pages, headers
):
    client.force_login(user_without_permissions)

    for url in customer_pages:
        response = client.get(url, headers=headers)
        assert response.status_code == 403, url
        assert "Secret Customer" not in response.content.decode(), url


def test_user_without_permissions_cannot_write(client, user_without_permissions, customer):
    client.force_login(user_without_permissions)

    assert client.post("/customers/create/", CHANGE).status_code == 403
    assert client.post(f"/customers/update/{customer.pk}/", CHANGE).status_code == 403
    assert client.post(f"/customers/delete/{customer.pk}/", headers=HX).status_code == 403

    assert list(Customer.objects.values_list("name", flat=True)) == ["Secret Customer"]


def test_viewer_can_list_but_not_change(client, make_user, customer):
    client.force_login(make_user("viewer", perms=("view_customer",)))

    page = client.get("/customers/")
    assert page.status_code == 200
    assert "Secret Customer" in page.content.decode()
    assert "New customer" not in page.content.decode()
    assert client.get("/customers/create/").status_code == 403
    assert client.post(f"/customers/update/{customer.pk}/", CHANGE).status_code == 403
    assert client.post(f"/customers/delete/{customer.pk}/").status_code == 403
    assert Customer.objects.get().name == "Secret Customer"


def test_user_with_all_permissions_gets_every_page(user_client, customer_pages):
    for url in customer_pages:
        assert user_client.get(url, headers=HX).status_code == 200, url


def test_a_users_own_and_their_roles_permissions_are_read_in_one_query(make_user):
    """RoleBackend: what the role (a group) grants and what the user holds themselves,
    together, in one query; nothing for an inactive user, everything for a superuser."""
    rep = make_user("rep", perms=("purge_customer",))
    rep.groups.add(Group.objects.get(name="Sales rep"))
    rep = User.objects.get(pk=rep.pk)  # nothing read yet

    with CaptureQueriesContext(connection) as queries:
        granted = rep.get_all_permissions()

    assert len(queries) == 1
    assert {"customers.purge_customer", "customers.view_customer"} <= granted
    assert "customers.change_others_records" not in granted
    User.objects.filter(pk=rep.pk).update(is_active=False)
    assert User.objects.get(pk=rep.pk).get_all_permissions() == set()
    User.objects.filter(pk=rep.pk).update(is_superuser=True, is_active=True)
    assert "customers.change_others_records" in User.objects.get(pk=rep.pk).get_all_permissions()
