"""Writes need the CSRF token, which htmx sends as the X-CSRFToken header."""

import re

import pytest

from customers.models import Customer
from ui.testing import HX

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"""hx-headers='\{"X-CSRFToken": "([^"]+)"\}'""")
DATA = {
    "name": "Ann Smith",
    "email": "ann@example.com",
    "phone": "",
    "company": "",
    "status": "lead",
}


def token_from_page(client) -> str:
    """The token the page hands to htmx, as a browser would find it."""
    return TOKEN.search(client.get("/customers/").content.decode()).group(1)


def writes(ann):
    return {
        "create": ("/customers/create/", {**DATA, "email": "new@example.com"}),
        "update": (f"/customers/update/{ann.pk}/", DATA),
        "delete": (f"/customers/delete/{ann.pk}/", {}),
    }


@pytest.mark.parametrize("action", ["create", "update", "delete"])
def test_post_without_a_token_is_refused(csrf_client, ann, action):
    url, data = writes(ann)[action]
    csrf_client.get("/customers/")  # has the CSRF cookie, but sends no token

    assert csrf_client.post(url, data, headers=HX).status_code == 403
    assert csrf_client.post(url, data).status_code == 403
    assert list(Customer.objects.values_list("name", flat=True)) == ["Ann Lee"]


@pytest.mark.parametrize("action", ["create", "update", "delete"])
def test_post_with_a_wrong_token_is_refused(csrf_client, ann, action):
    url, data = writes(ann)[action]
    csrf_client.get("/customers/")

    response = csrf_client.post(url, data, headers={**HX, "X-CSRFToken": "x" * 32})

    assert response.status_code == 403
    assert list(Customer.objects.values_list("name", flat=True)) == ["Ann Lee"]


def test_htmx_posts_with_the_page_token_succeed(csrf_client, ann):
    headers = {**HX, "X-CSRFToken": token_from_page(csrf_client)}

    created = csrf_client.post(
        "/customers/create/", {**DATA, "email": "new@example.com"}, headers=headers
    )
    assert created.status_code == 200
    updated = csrf_client.post(
        f"/customers/update/{ann.pk}/", {**DATA, "version": ann.version}, headers=headers
    )
    assert updated.status_code == 200
    assert sorted(Customer.objects.values_list("name", flat=True)) == ["Ann Smith", "Ann Smith"]

    deleted = csrf_client.post(f"/customers/delete/{ann.pk}/", headers=headers)
    assert deleted.status_code == 200
    assert Customer.objects.count() == 1


def test_plain_form_post_with_the_form_token_succeeds(csrf_client, ann):
    page = csrf_client.get(f"/customers/update/{ann.pk}/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    response = csrf_client.post(
        f"/customers/update/{ann.pk}/",
        {**DATA, "version": ann.version, "csrfmiddlewaretoken": token},
    )

    assert response.status_code == 302
    assert Customer.objects.get().name == "Ann Smith"
