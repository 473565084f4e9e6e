"""Adding a customer: in a dialog over the grid with htmx, or on a page of its own."""

import json

import pytest

from customers.models import Customer
from ui.testing import HX

pytestmark = pytest.mark.django_db

URL = "/customers/create/"
VALID = {
    "name": "Ann Lee",
    "email": "ann@example.com",
    "phone": "(202) 555-0143",
    "company": "Acme",
    "status": "active",
}


def test_htmx_get_is_a_dialog_with_the_form(user_client):
    response = user_client.get(URL, headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in body
    assert body.lstrip().startswith("<dialog")
    assert f'hx-post="{URL}"' in body
    for field in ("name", "email", "phone", "company", "status"):
        assert f'<label for="new-customer-{field}"' in body
        assert f'id="new-customer-{field}"' in body


def test_plain_get_is_a_page_with_the_form(user_client):
    body = user_client.get(URL).content.decode()

    assert "<html" in body
    assert "<dialog" not in body
    assert f'action="{URL}"' in body
    assert 'name="email"' in body


def test_htmx_create_closes_the_dialog_refreshes_the_grid_and_toasts(user_client):
    """`customer-created` resets the grid's filters, which reloads it newest first."""
    response = user_client.post(URL, VALID, headers=HX)

    assert response.status_code == 200
    assert set(json.loads(response["HX-Trigger"])) == {"customer-created", "close-dialog"}
    assert response["HX-Reswap"] == "none"
    body = response.content.decode()
    assert 'hx-swap-oob="beforeend"' in body
    assert "Customer “Ann Lee” created." in body

    customer = Customer.objects.get()
    assert (customer.name, customer.email, customer.phone, customer.company, customer.status) == (
        "Ann Lee",
        "ann@example.com",
        "+12025550143",
        "Acme",
        "active",
    )


def test_plain_create_redirects_to_the_grid_which_shows_the_toast(user_client):
    response = user_client.post(URL, VALID)

    assert response.status_code == 302
    assert response["Location"] == "/customers/"
    page = user_client.get("/customers/").content.decode()
    assert "Customer “Ann Lee” created." in page
    assert "Ann Lee" in page


INVALID = [
    pytest.param(
        {"email": "not-an-email"},
        "Enter a valid email address, like name@example.com.",
        id="bad-email",
    ),
    pytest.param(
        {"email": "TAKEN@example.com"},
        "Another customer already has this email address.",
        id="duplicate-email",
    ),
    pytest.param({"name": ""}, "Enter the customer&#x27;s name.", id="no-name"),
    pytest.param({"phone": "call me"}, "A phone number may contain only digits", id="bad-phone"),
    pytest.param({"phone": "+1 123"}, "Enter a valid phone number", id="invalid-phone"),
]


@pytest.mark.parametrize("headers", [HX, {}], ids=["htmx", "page"])
@pytest.mark.parametrize(("change", "message"), INVALID)
def test_invalid_input_is_refused_with_422_and_kept(
    user_client, make_customer, change, message, headers
):
    make_customer(name="Taken", email="taken@example.com")
    data = {**VALID, **change}

    response = user_client.post(URL, data, headers=headers)

    assert response.status_code == 422
    body = response.content.decode()
    assert message in body
    assert 'aria-invalid="true"' in body
    for field in ("email", "phone", "company"):
        assert f'value="{data[field]}"' in body
    assert list(Customer.objects.values_list("name", flat=True)) == ["Taken"]


def test_htmx_422_is_the_form_alone(user_client):
    body = user_client.post(URL, {**VALID, "name": ""}, headers=HX).content.decode()

    assert "<html" not in body
    assert body.lstrip().startswith("<form")
    assert f'hx-post="{URL}"' in body
