"""Requests nobody's browser sends, which anyone on the internet can: each gets a clear
4xx answer, never a 500. Run on both databases (PostgreSQL is the stricter one)."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
UTF16_FORM = "application/x-www-form-urlencoded; charset=utf-16"


def visitor() -> Client:
    """A client that checks CSRF as a real browser does and shows us a 500 as a status.
    It has the CSRF cookie (from the sign-in page), so CSRF checks the body's token.

    (It encodes a string body in the charset its content type declares.)"""
    visitor = Client(enforce_csrf_checks=True, raise_request_exception=False)
    visitor.get(LOGIN)
    return visitor


# --- A username longer than any account's ---------------------------------------------


def test_an_over_long_username_is_refused_by_the_sign_in_form(client):
    response = client.post(LOGIN, {"username": "a" * 256, "password": "guess"})

    assert response.status_code == 200  # the sign-in page again, as for any failure
    assert "No username is longer than 150 characters." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_over_long_username_still_counts_as_a_failure_of_that_address(client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "a" * 5000, "password": "guess"}, REMOTE_ADDR="192.0.2.9")

    attempt = AccessAttempt.objects.get()
    assert attempt.username == "a" * 150  # cut to the longest a user can have
    assert attempt.failures_since_start == settings.AXES_FAILURE_LIMIT
    locked = client.post(LOGIN, {"username": "b", "password": "x"}, REMOTE_ADDR="192.0.2.9")
    assert locked.status_code == 429


def test_the_admin_sign_in_refuses_an_over_long_username_too(client):
    response = client.post("/admin/login/", {"username": "a" * 300, "password": "guess"})

    assert response.status_code == 200
    assert "No username is longer than 150 characters." in response.content.decode()


# --- A form body we cannot read ---------------------------------------------------------


@pytest.mark.parametrize("path", [LOGIN, "/admin/login/", "/accounts/register/"])
def test_a_form_posted_in_utf16_is_a_bad_request_even_before_sign_in(path):
    response = visitor().post(path, "username=a&password=b", UTF16_FORM)

    assert response.status_code == 400
    assert "That request was not understood" in response.content.decode()


def test_a_form_posted_in_utf16_by_a_signed_in_user_is_a_bad_request(user, make_customer):
    customer = make_customer()
    signed_in = visitor()
    signed_in.force_login(user)

    for path in ("/customers/create/", f"/customers/{customer.pk}/edit/", "/deals/create/"):
        response = signed_in.post(path, "name=x", UTF16_FORM)

        assert response.status_code == 400, path


def test_a_utf16_form_without_the_csrf_cookie_is_refused_by_csrf_not_a_500():
    stranger = Client(enforce_csrf_checks=True, raise_request_exception=False)

    response = stranger.post(LOGIN, "username=a&password=b", UTF16_FORM)

    assert response.status_code == 403
