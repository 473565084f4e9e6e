"""Anonymous visitors are sent to the login page, in a way that works for htmx too."""

from urllib.parse import quote

import pytest

from customers.models import Customer
from ui.testing import HX

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
DATA = {
    "name": "Mallory",
    "email": "mallory@example.com",
    "phone": "",
    "company": "",
    "status": "lead",
}


@pytest.fixture
def urls(customer_pages):
    return ["/", "/customers/?q=secret", *customer_pages]


def test_normal_request_redirects_to_login_and_back(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{LOGIN}?next={quote(url, safe='/')}", url


def test_htmx_request_is_told_to_go_to_the_login_page_without_data(client, urls):
    for url in urls:
        response = client.get(url, headers=HX)
        assert response.status_code == 401, url
        assert response["HX-Redirect"].startswith(f"{LOGIN}?next="), url
        assert "Secret Customer" not in response.content.decode(), url
        assert "secret@example.com" not in response.content.decode(), url


def test_htmx_login_redirect_returns_to_the_page_not_the_fragment(client, customer):
    response = client.get(
        f"/customers/{customer.pk}/row/",
        headers={**HX, "HX-Current-URL": "http://testserver/customers/?q=secret&page=2"},
    )

    assert response.status_code == 401
    assert response["HX-Redirect"] == f"{LOGIN}?next=/customers/%3Fq%3Dsecret%26page%3D2"


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_anonymous_posts_change_nothing(client, customer, headers):
    posts = [
        "/customers/create/",
        f"/customers/update/{customer.pk}/",
        f"/customers/delete/{customer.pk}/",
    ]
    for url in posts:
        response = client.post(url, DATA, headers=headers)
        assert response.status_code == (401 if headers else 302), url
        assert "Secret Customer" not in response.content.decode()

    assert list(Customer.objects.values_list("name", "email")) == [
        ("Secret Customer", "secret@example.com")
    ]


def test_home_sends_a_signed_in_user_to_the_grid(user_client):
    response = user_client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/customers/"
