"""Editing the record's header in place: the grid's rules, the record's answers."""

import json

import pytest

from customers.models import Customer
from customers.tests.posting import CUSTOMER_FIELDS, customer_form
from ui.testing import HX

pytestmark = pytest.mark.django_db


def form_data(customer, **changes):
    return customer_form(customer, **{"owner": "", **changes})


def edit_url(customer):
    return f"/customers/{customer.pk}/edit/"


def test_htmx_get_turns_the_header_into_a_form(user_client, ann):
    response = user_client.get(edit_url(ann), headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in body
    assert body.strip().startswith('<section id="customer-header"')
    assert "data-editing" in body
    for field in CUSTOMER_FIELDS:
        assert f'<label for="customer-{ann.pk}-{field}"' in body
    assert 'value="Ann Lee"' in body
    assert 'value="+44 20 7946 0958"' in body
    assert f'hx-post="{edit_url(ann)}"' in body
    assert f'hx-get="/customers/{ann.pk}/header/"' in body  # Cancel
    assert ">Save</button>" in body


def test_plain_get_is_the_record_page_with_the_header_as_a_form(user_client, ann):
    body = user_client.get(edit_url(ann)).content.decode()

    assert "<html" in body
    assert "<title>Edit Ann Lee · CRM</title>" in body
    assert f'action="{edit_url(ann)}"' in body
    assert 'value="Ann Lee"' in body
    assert f'<a href="/customers/{ann.pk}/"' in body  # Cancel goes back to the record
    assert 'id="contacts"' in body  # the rest of the record is there too


def test_htmx_save_returns_the_header_and_fires_customer_changed(user_client, ann):
    response = user_client.post(
        edit_url(ann), form_data(ann, name="Ann Smith", phone="(202) 555-0143"), headers=HX
    )
    body = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in body
    assert '<h1 id="customer-heading">Ann Smith</h1>' in body
    assert "<title>Ann Smith · CRM</title>" in body  # the tab follows the new name
    assert "+1 202-555-0143" in body
    assert "<input" not in body.split("</section>")[0]
    assert "Customer “Ann Smith” saved." in body  # toast, out of band
    assert "customer-changed" in json.loads(response["HX-Trigger"])
    ann.refresh_from_db()
    assert (ann.name, ann.phone) == ("Ann Smith", "+12025550143")


def test_save_can_set_the_owner(user_client, user, ann):
    response = user_client.post(edit_url(ann), form_data(ann, owner=user.pk), headers=HX)

    assert response.status_code == 200
    assert f"<dd>{user.username}</dd>" in response.content.decode()
    assert Customer.objects.get(pk=ann.pk).owner == user


def test_plain_save_redirects_to_the_record(user_client, ann):
    response = user_client.post(edit_url(ann), form_data(ann, company="Globex"))

    assert response.status_code == 302
    assert response["Location"] == f"/customers/{ann.pk}/"
    page = user_client.get(response["Location"]).content.decode()
    assert "Customer “Ann Lee” saved." in page
    assert "Globex" in page


def test_plain_save_ignores_a_next_url_elsewhere(user_client, ann):
    response = user_client.post(edit_url(ann), {**form_data(ann), "next": "https://evil.example/"})

    assert response["Location"] == f"/customers/{ann.pk}/"


INVALID = [
    pytest.param({"email": "nope"}, "email", "Enter a valid email address", id="bad-email"),
    pytest.param(
        {"email": "TAKEN@example.com"},
        "email",
        "Another customer already has this email address.",
        id="duplicate-email",
    ),
    pytest.param({"name": ""}, "name", "Enter the customer&#x27;s name.", id="no-name"),
    pytest.param({"phone": "12 34"}, "phone", "Enter a valid phone number", id="bad-phone"),
]


@pytest.mark.parametrize("headers", [HX, {}], ids=["htmx", "page"])
@pytest.mark.parametrize(("change", "field", "message"), INVALID)
def test_invalid_input_is_refused_with_422_beside_the_field_and_kept(
    user_client, make_customer, ann, change, field, message, headers
):
    make_customer(name="Taken", email="taken@example.com")
    data = form_data(ann, company="Globex", **change)

    response = user_client.post(edit_url(ann), data, headers=headers)

    assert response.status_code == 422
    body = response.content.decode()
    # The message sits in the field's own error list, which the input points at.
    errors_id = f"customer-{ann.pk}-{field}-errors"
    assert f'aria-describedby="{errors_id}"' in body
    assert message in body.split(f' id="{errors_id}"')[1].split("</ul>")[0]
    for kept in ("email", "phone", "company"):
        assert f'value="{data[kept]}"' in body
    assert '<h1 id="customer-heading">Ann Lee</h1>' in body  # the stored name, not the typed
    if headers:
        assert body.strip().startswith('<section id="customer-header"')
    else:
        assert "<html" in body
    stored = Customer.objects.get(pk=ann.pk)
    assert (stored.name, stored.email, stored.company) == ("Ann Lee", "ann@example.com", "Acme")


def test_cancel_puts_the_header_back(user_client, ann):
    response = user_client.get(f"/customers/{ann.pk}/header/", headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert body.strip().startswith('<section id="customer-header"')
    assert "Ann Lee" in body
    assert "<input" not in body
    assert "HX-Request" in response["Vary"]


def test_header_url_without_htmx_goes_to_the_record(user_client, ann):
    response = user_client.get(f"/customers/{ann.pk}/header/")

    assert response.status_code == 302
    assert response["Location"] == f"/customers/{ann.pk}/"
    assert "HX-Request" in response["Vary"]


def test_editing_a_deleted_customer_is_not_found(user_client, ann):
    pk = ann.pk
    ann.delete()

    assert user_client.get(f"/customers/{pk}/edit/", headers=HX).status_code == 404
    assert user_client.post(f"/customers/{pk}/edit/", {"name": "x"}).status_code == 404
    assert user_client.get(f"/customers/{pk}/header/", headers=HX).status_code == 404
