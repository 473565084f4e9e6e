"""Signing in and out, changing a password, and (when allowed) registering."""

import pytest
from django.contrib.auth.models import Group, User

pytestmark = pytest.mark.django_db

INACTIVE = "This account is waiting for an administrator to activate it."
NEW_USER = {
    "username": "newbie",
    "email": "newbie@example.com",
    "password1": "a sufficiently long passphrase",
    "password2": "a sufficiently long passphrase",
}


def test_login_page_needs_no_login(client):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_login_takes_the_user_to_the_grid(client, user, password):
    response = client.post("/accounts/login/", {"username": "clerk", "password": password})

    assert response.status_code == 302
    assert response["Location"] == "/customers/"
    assert client.get("/customers/").status_code == 200


def test_login_returns_to_next(client, user, password):
    response = client.post(
        "/accounts/login/",
        {"username": "clerk", "password": password, "next": "/customers/?q=ann"},
    )

    assert response["Location"] == "/customers/?q=ann"


def test_wrong_password_is_refused(client, user):
    response = client.post("/accounts/login/", {"username": "clerk", "password": "wrong"})

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert client.get("/customers/").status_code == 302


def test_logout_needs_a_post(user_client):
    assert user_client.get("/accounts/logout/").status_code == 405
    assert user_client.get("/customers/").status_code == 200

    response = user_client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert user_client.get("/customers/").status_code == 302


def test_password_change_needs_a_login(client):
    response = client.get("/accounts/password/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/password/"


def test_password_change(user_client, user, password):
    assert user_client.get("/accounts/password/").status_code == 200

    response = user_client.post(
        "/accounts/password/",
        {
            "old_password": password,
            "new_password1": "another long passphrase",
            "new_password2": "another long passphrase",
        },
    )

    assert response.status_code == 302
    assert user_client.get(response["Location"]).status_code == 200
    user.refresh_from_db()
    assert user.check_password("another long passphrase")


def test_registration_is_closed_by_default(client):
    for response in (
        client.get("/accounts/register/"),
        client.post("/accounts/register/", NEW_USER),
    ):
        assert response.status_code == 403
        assert "Registration is closed" in response.content.decode()
    assert not User.objects.filter(username="newbie").exists()
    assert 'href="/accounts/register/"' not in client.get("/accounts/login/").content.decode()


def test_open_registration_creates_an_inactive_account(client, settings):
    settings.REGISTRATION_OPEN = True
    assert 'href="/accounts/register/"' in client.get("/accounts/login/").content.decode()
    assert client.get("/accounts/register/").status_code == 200

    response = client.post("/accounts/register/", NEW_USER, follow=True)

    assert response.redirect_chain == [("/accounts/login/", 302)]
    assert "An administrator must activate your account" in response.content.decode()
    newbie = User.objects.get(username="newbie")
    assert not newbie.is_active
    assert not newbie.is_staff


def test_once_activated_and_given_a_role_a_registered_account_works_with_customers(
    client, settings, make_customer
):
    settings.REGISTRATION_OPEN = True
    make_customer(name="Visible Customer")
    client.post("/accounts/register/", NEW_USER)
    newbie = User.objects.get(username="newbie")  # as an administrator would, in the admin:
    newbie.is_active = True
    newbie.save()
    newbie.groups.add(Group.objects.get(name="Sales rep"))

    client.post("/accounts/login/", {"username": "newbie", "password": NEW_USER["password1"]})
    listing = client.get("/customers/")

    assert listing.status_code == 200
    assert "Visible Customer" in listing.content.decode()


def test_invalid_registration_is_refused_with_422(client, settings):
    settings.REGISTRATION_OPEN = True

    response = client.post("/accounts/register/", {**NEW_USER, "password2": "different"})

    assert response.status_code == 422
    assert not User.objects.filter(username="newbie").exists()


def test_inactive_account_is_told_to_wait_and_sees_no_customers(client, settings, make_customer):
    settings.REGISTRATION_OPEN = True
    make_customer(name="Secret Customer")
    client.post("/accounts/register/", NEW_USER)

    response = client.post(
        "/accounts/login/", {"username": "newbie", "password": NEW_USER["password1"]}
    )

    assert response.status_code == 200
    assert INACTIVE in response.content.decode()
    listing = client.get("/customers/")
    assert listing.status_code == 302
    assert listing["Location"].startswith("/accounts/login/")


def test_deactivated_user_with_a_session_sees_no_customers(client, user, make_customer):
    make_customer(name="Secret Customer")
    client.force_login(user)
    user.is_active = False
    user.save()

    for headers in ({}, {"HX-Request": "true"}):
        response = client.get("/customers/", headers=headers)
        assert response.status_code in (302, 401, 403)
        assert "Secret Customer" not in response.content.decode()


def test_deactivating_a_user_ends_their_session(client, user):
    """A deactivated user must not stay signed in, even on pages that need no permission."""
    client.force_login(user)
    user.is_active = False
    user.save()

    response = client.get("/accounts/password/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/password/"
    assert client.get("/accounts/login/").status_code == 200


def test_signed_in_user_visiting_register_goes_to_the_grid(user_client, settings):
    settings.REGISTRATION_OPEN = True

    response = user_client.get("/accounts/register/")

    assert response.status_code == 302
    assert response["Location"] == "/customers/"
