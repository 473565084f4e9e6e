"""Editing a customer: the grid row turns into a form with htmx, or a page of its own."""

import datetime

import pytest
from django.utils import timezone

from customers.models import Customer
from customers.tests.posting import CUSTOMER_FIELDS
from customers.tests.posting import customer_form as form_data
from ui.testing import HX

pytestmark = pytest.mark.django_db


# The `ann` fixture's name, email, phone and company, as stored.
ANN_AS_MADE = ("Ann Lee", "ann@example.com", "+442079460958", "Acme")


def url(customer):
    return f"/customers/update/{customer.pk}/"


def test_htmx_get_turns_the_row_into_a_form(user_client, ann):
    response = user_client.get(url(ann), headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert body.lstrip().startswith(f'<tr id="customer-{ann.pk}"')
    assert "<html" not in body
    for field in CUSTOMER_FIELDS:
        field_id = f"customer-{ann.pk}-{field}"
        assert f'<label for="{field_id}"' in body
        assert f'id="{field_id}"' in body
        assert f'form="customer-{ann.pk}-form"' in body
    assert 'value="Ann Lee"' in body
    assert 'value="+44 20 7946 0958"' in body  # as people write it, not as stored
    assert f'hx-post="{url(ann)}"' in body


def test_plain_get_is_a_page_with_the_form(user_client, ann):
    body = user_client.get(url(ann), {"next": "/customers/?q=ann"}).content.decode()

    assert "<html" in body
    assert "Edit Ann Lee" in body
    assert 'value="Ann Lee"' in body
    assert '<input type="hidden" name="next" value="/customers/?q=ann">' in body


def test_htmx_save_returns_the_display_row_and_saves(user_client, ann):
    response = user_client.post(
        url(ann), form_data(ann, name="Ann Smith", phone="(202) 555-0143"), headers=HX
    )
    body = response.content.decode()

    assert response.status_code == 200
    assert body.lstrip().startswith(f'<tr id="customer-{ann.pk}"')
    assert "Ann Smith" in body
    assert "+1 202-555-0143" in body
    assert 'name="name"' not in body.split("</tr>")[0]  # no edit fields left
    assert "Customer “Ann Smith” saved." in body  # toast, out of band
    ann.refresh_from_db()
    assert (ann.name, ann.phone) == ("Ann Smith", "+12025550143")


@pytest.mark.parametrize("action", ["save", "cancel"])
def test_redrawn_row_links_back_to_the_grid_page_the_user_is_on(user_client, ann, action):
    """Edit and Delete in a row drawn on its own keep ?next= like the grid's rows do,
    so opening them without htmx (a new tab) still returns to the same grid page."""
    headers = {**HX, "HX-Current-URL": "http://testserver/customers/?q=ann&page=2"}
    if action == "save":
        response = user_client.post(url(ann), form_data(ann, name="Ann Smith"), headers=headers)
    else:
        response = user_client.get(f"/customers/{ann.pk}/row/", headers=headers)

    body = response.content.decode()
    next_query = "?next=%2Fcustomers%2F%3Fq%3Dann%26page%3D2"
    assert f'href="{url(ann)}{next_query}"' in body
    assert f'href="/customers/delete/{ann.pk}/{next_query}"' in body


def test_plain_save_redirects_to_the_grid(user_client, ann):
    response = user_client.post(url(ann), form_data(ann, company="Globex"))

    assert response.status_code == 302
    assert response["Location"] == "/customers/"
    assert "Customer “Ann Lee” saved." in user_client.get("/customers/").content.decode()
    assert Customer.objects.get(pk=ann.pk).company == "Globex"


def test_plain_save_returns_to_the_grid_page_the_user_came_from(user_client, ann):
    # The edit page carries ?next= on to its form as a hidden field.
    response = user_client.post(url(ann), {**form_data(ann), "next": "/customers/?q=x"})

    assert response.status_code == 302
    assert response["Location"] == "/customers/?q=x"


def test_plain_save_honours_next_in_the_query_string(user_client, ann):
    response = user_client.post(url(ann) + "?next=%2Fcustomers%2F%3Fq%3Dx", form_data(ann))

    assert response.status_code == 302
    assert response["Location"] == "/customers/?q=x"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "https:///evil.example"]
)
def test_plain_save_ignores_a_next_url_elsewhere(user_client, ann, next_url):
    response = user_client.post(url(ann), {**form_data(ann), "next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/customers/"


INVALID = [
    pytest.param({"email": "nope"}, "Enter a valid email address", id="bad-email"),
    pytest.param(
        {"email": "TAKEN@example.com"},
        "Another customer already has this email address.",
        id="duplicate-email",
    ),
    pytest.param({"name": ""}, "Enter the customer&#x27;s name.", id="no-name"),
    pytest.param({"phone": "12 34"}, "Enter a valid phone number", id="bad-phone"),
]


@pytest.mark.parametrize("headers", [HX, {}], ids=["htmx", "page"])
@pytest.mark.parametrize(("change", "message"), INVALID)
def test_invalid_input_is_refused_with_422_and_kept(
    user_client, make_customer, ann, change, message, headers
):
    make_customer(name="Taken", email="taken@example.com")
    data = form_data(ann, company="Globex", **change)

    response = user_client.post(url(ann), data, headers=headers)

    assert response.status_code == 422
    body = response.content.decode()
    assert message in body
    for field in ("email", "phone", "company"):
        assert f'value="{data[field]}"' in body
    if headers:
        assert body.lstrip().startswith(f'<tr id="customer-{ann.pk}"')
    stored = Customer.objects.get(pk=ann.pk)
    assert (stored.name, stored.email, stored.phone, stored.company) == ANN_AS_MADE


def test_only_changed_fields_are_written(user_client, ann):
    long_ago = timezone.now() - datetime.timedelta(days=30)
    Customer.objects.filter(pk=ann.pk).update(updated_at=long_ago, created_at=long_ago)

    user_client.post(url(ann), form_data(ann, status="active"), headers=HX)

    stored = Customer.objects.get(pk=ann.pk)
    assert stored.status == "active"
    assert stored.updated_at > long_ago
    assert stored.created_at == long_ago
    assert (stored.name, stored.email, stored.phone, stored.company) == ANN_AS_MADE


def test_saving_a_number_typed_differently_changes_nothing(user_client, ann):
    long_ago = timezone.now() - datetime.timedelta(days=30)
    Customer.objects.filter(pk=ann.pk).update(updated_at=long_ago)

    response = user_client.post(url(ann), form_data(ann, phone="+44 (20) 7946-0958"), headers=HX)

    assert response.status_code == 200
    assert Customer.objects.get(pk=ann.pk).updated_at == long_ago


def test_cancel_puts_the_display_row_back(user_client, ann):
    response = user_client.get(f"/customers/{ann.pk}/row/", headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert body.lstrip().startswith(f'<tr id="customer-{ann.pk}"')
    assert "Ann Lee" in body
    assert 'name="name"' not in body  # no edit fields left


def test_row_url_without_htmx_goes_to_the_grid(user_client, ann):
    response = user_client.get(f"/customers/{ann.pk}/row/")

    assert response.status_code == 302
    assert response["Location"] == "/customers/"


def test_editing_a_deleted_customer_is_not_found(user_client, ann):
    pk = ann.pk
    ann.delete()

    assert user_client.get(f"/customers/update/{pk}/", headers=HX).status_code == 404
    assert user_client.post(f"/customers/update/{pk}/", {"name": "x"}).status_code == 404
