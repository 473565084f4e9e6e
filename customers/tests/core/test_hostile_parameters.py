"""NUL characters and numbers no database takes, in query strings and forms: a 400 or
the form's own error, never a 500 (PostgreSQL refuses a NUL in text outright)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor(user_client):
    user_client.raise_request_exception = False
    return user_client


@pytest.mark.parametrize(
    "url",
    [
        "/deals/customers/suggest/?customer=a%00b",
        "/tags/suggest/?name=a%00b",
    ],
)
def test_a_nul_in_a_suggestion_box_is_a_bad_request(visitor, make_customer, url):
    make_customer()

    response = visitor.get(url)

    assert response.status_code == 400
    assert "That request was not understood" in response.content.decode()


def test_a_nul_as_the_deals_customer_is_the_forms_own_error(visitor, make_customer):
    make_customer()

    response = visitor.post("/deals/create/", {"customer": "\x00", "title": "T", "amount": "1"})

    assert response.status_code == 422
    assert "Null characters are not allowed." in response.content.decode()


@pytest.mark.parametrize("before", ["9" * 5000, "9" * 20, "99999999999999999999", "0"])
def test_an_activity_cursor_that_is_no_id_is_a_bad_request(visitor, make_customer, before):
    customer = make_customer()

    response = visitor.get(f"/customers/{customer.pk}/activity/?before={before}")

    assert response.status_code == 400
    assert "must be the number of an activity" in response.content.decode()


def test_a_version_of_5000_digits_is_no_500(visitor, make_customer):
    customer = make_customer()
    data = {"name": "Renamed", "email": customer.email, "status": customer.status}

    response = visitor.post(f"/customers/{customer.pk}/edit/", {**data, "version": "9" * 5000})

    assert response.status_code < 500


@pytest.mark.parametrize("next_url", ["0", "home", "customer_list", "?page=2"])
def test_a_next_that_is_no_path_on_this_site_falls_back_to_the_default(
    visitor, make_customer, next_url
):
    make_customer()

    response = visitor.post("/trash/restore/", {"ids": "bogus", "next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/trash/"
