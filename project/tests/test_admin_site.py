"""The admin is for superusers only; staff work in the CRM itself."""

import pytest

pytestmark = pytest.mark.django_db


def test_superuser_gets_the_admin(client, superuser, make_customer):
    make_customer(name="Ann Lee")
    client.force_login(superuser)

    assert client.get("/admin/").status_code == 200
    response = client.get("/admin/customers/customer/", {"q": "ann"})
    assert response.status_code == 200
    assert "Ann Lee" in response.content.decode()


def test_grid_links_to_the_admin_for_superusers_only(client, superuser, user):
    client.force_login(superuser)
    assert 'href="/admin/"' in client.get("/customers/").content.decode()

    client.force_login(user)
    assert 'href="/admin/"' not in client.get("/customers/").content.decode()


@pytest.mark.parametrize("url", ["/admin/", "/admin/customers/customer/", "/admin/auth/user/"])
def test_staff_who_are_not_superusers_are_refused(client, make_user, url):
    staff = make_user(
        "staffer",
        is_staff=True,
        perms=("view_customer", "add_customer", "change_customer", "delete_customer"),
    )
    client.force_login(staff)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


def test_staff_signing_in_through_the_admin_login_still_get_no_admin(client, make_user, password):
    make_user("staffer", is_staff=True)

    response = client.post(
        "/admin/login/",
        {"username": "staffer", "password": password, "next": "/admin/"},
        follow=True,
    )

    assert response.redirect_chain[-1][0].startswith("/admin/login/")
    assert "not authorized to access this page" in response.content.decode()
    assert client.get("/admin/customers/customer/").status_code == 302


def test_anonymous_visitors_get_the_admin_login(client):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"
    assert client.get("/admin/login/").status_code == 200


def test_inactive_superuser_is_refused(client, superuser):
    superuser.is_active = False
    superuser.save()
    client.force_login(superuser)

    assert client.get("/admin/customers/customer/").status_code == 302
