"""Deleting a customer: confirm first (dialog or page), and only a POST deletes."""

import json

import pytest

from customers.models import Customer
from ui.testing import HX

pytestmark = pytest.mark.django_db


def url(customer):
    return f"/customers/delete/{customer.pk}/"


def test_htmx_get_is_a_dialog_naming_the_customer(user_client, ann):
    response = user_client.get(url(ann), headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert body.lstrip().startswith("<dialog")
    assert "<html" not in body
    assert "Delete Ann Lee?" in body
    assert "ann@example.com" in body
    assert "Confirm delete</button>" in body
    assert f'hx-post="{url(ann)}"' in body
    assert Customer.objects.filter(pk=ann.pk).exists()


def test_plain_get_is_a_confirmation_page(user_client, ann):
    body = user_client.get(url(ann), {"next": "/customers/?q=ann"}).content.decode()

    assert "<html" in body
    assert "<dialog" not in body
    assert "Delete Ann Lee?" in body
    assert "Confirm delete</button>" in body
    assert '<input type="hidden" name="next" value="/customers/?q=ann">' in body
    assert Customer.objects.filter(pk=ann.pk).exists()


def test_htmx_delete_refreshes_the_grid_and_toasts(user_client, ann, make_customer):
    other = make_customer()

    response = user_client.post(url(ann), headers=HX)

    assert response.status_code == 200
    assert set(json.loads(response["HX-Trigger"])) == {"customers-changed", "close-dialog"}
    assert response["HX-Reswap"] == "none"
    body = response.content.decode()
    assert "“Ann Lee” moved to the trash." in body
    # The row leaves at once, out of band, even while another row is being edited.
    assert f'<tr id="customer-{ann.pk}" hx-swap-oob="delete">' in body
    assert list(Customer.objects.all()) == [other]


def test_delete_method_is_not_spoken(user_client, ann):
    """Only GET and POST, as HTML forms speak: DELETE must not bypass the service."""
    response = user_client.delete(url(ann))

    assert response.status_code == 405
    assert Customer.objects.filter(pk=ann.pk).exists()


def test_plain_delete_redirects_and_toasts(user_client, ann):
    response = user_client.post(url(ann))

    assert response.status_code == 302
    assert response["Location"] == "/customers/"
    assert not Customer.objects.exists()
    page = user_client.get("/customers/").content.decode()
    assert "“Ann Lee” moved to the trash." in page


def test_plain_delete_returns_to_the_grid_the_user_came_from(user_client, ann):
    response = user_client.post(url(ann), {"next": "/customers/?q=x&page=2"})

    assert response["Location"] == "/customers/?q=x&page=2"


def test_plain_delete_ignores_a_next_url_elsewhere(user_client, ann):
    response = user_client.post(url(ann), {"next": "https://evil.example/"})

    assert response["Location"] == "/customers/"
    assert not Customer.objects.exists()


def test_deleting_twice_is_not_found(user_client, ann):
    user_client.post(url(ann), headers=HX)

    assert user_client.post(url(ann), headers=HX).status_code == 404
