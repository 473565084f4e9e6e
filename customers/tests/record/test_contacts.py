"""Contacts on the record page: added, edited and deleted in place, or on pages of
their own without JavaScript."""

import json

import pytest

from customers.models import Contact
from customers.record.services import contact_create
from ui.testing import HX

pytestmark = pytest.mark.django_db


@pytest.fixture
def bob(ann):
    return contact_create(customer=ann, name="Bob Boss", title="CEO", email="bob@example.com")


def add_url(customer):
    return f"/customers/{customer.pk}/contacts/add/"


def edit_url(contact):
    return f"/contacts/{contact.pk}/edit/"


def delete_url(contact):
    return f"/contacts/{contact.pk}/delete/"


def row(body, contact) -> str:
    """The markup of one contact's row."""
    return body.split(f'<tr id="contact-{contact.pk}"')[1].split("</tr>")[0]


def edit_data(contact, **changes):
    data = {
        "name": contact.name,
        "title": contact.title,
        "email": contact.email,
        "phone": contact.phone_display,
        "version": contact.version,
    }
    if contact.is_primary:
        data["is_primary"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def triggers(response) -> dict:
    return json.loads(response["HX-Trigger"])


# --- The list on the record ---------------------------------------------------------


def test_record_lists_contacts_primary_first_with_their_details(user_client, ann, bob):
    contact_create(customer=ann, name="Aaron Assistant", phone="+442079460958")

    body = user_client.get(f"/customers/{ann.pk}/").content.decode()

    assert body.index("Bob Boss") < body.index("Aaron Assistant")
    assert "Primary</span>" in row(body, bob)
    assert '<a href="mailto:bob@example.com">bob@example.com</a>' in row(body, bob)
    assert ">CEO</td>" in row(body, bob)
    aaron = Contact.objects.get(name="Aaron Assistant")
    assert "Primary" not in row(body, aaron)
    assert '<a href="tel:+442079460958">+44 20 7946 0958</a>' in row(body, aaron)
    assert f'href="{edit_url(bob)}"' in row(body, bob)
    assert f'href="{delete_url(bob)}"' in row(body, bob)


# --- Add ----------------------------------------------------------------------------


def test_htmx_add_returns_the_list_and_a_fresh_form(user_client, ann, bob):
    data = {"name": "Cleo Clerk", "title": "Buyer", "email": "cleo@example.com", "phone": ""}

    response = user_client.post(add_url(ann), data, headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in body
    assert body.strip().startswith('<div id="contact-list"')
    cleo = Contact.objects.get(name="Cleo Clerk")
    assert (cleo.customer, cleo.title, cleo.email, cleo.is_primary) == (
        ann,
        "Buyer",
        "cleo@example.com",
        False,
    )
    assert f'<tr id="contact-{cleo.pk}"' in body
    assert f'<tr id="contact-{bob.pk}"' in body
    # The form comes back empty, out of band, in place of the one sent.
    form = body.split('<form id="contact-add-form"')[1].split("</form>")[0]
    assert 'hx-swap-oob="true"' in form
    assert "Cleo" not in form
    assert "Contact “Cleo Clerk” added." in body
    assert "contacts-changed" in triggers(response)


def test_the_first_contact_becomes_primary(user_client, ann):
    response = user_client.post(add_url(ann), {"name": "Only One"}, headers=HX)

    only = Contact.objects.get()
    assert only.is_primary
    assert "Primary</span>" in row(response.content.decode(), only)


def test_adding_a_primary_contact_moves_the_mark(user_client, ann, bob):
    response = user_client.post(add_url(ann), {"name": "New Boss", "is_primary": "on"}, headers=HX)

    body = response.content.decode()
    new_boss = Contact.objects.get(name="New Boss")
    assert new_boss.is_primary
    assert not Contact.objects.get(pk=bob.pk).is_primary
    assert "Primary</span>" in row(body, new_boss)
    assert "Primary" not in row(body, bob)
    assert body.index("New Boss") < body.index("Bob Boss")


def test_plain_add_redirects_to_the_contacts_on_the_record(user_client, ann):
    response = user_client.post(add_url(ann), {"name": "Cleo Clerk"})

    assert response.status_code == 302
    assert response["Location"] == f"/customers/{ann.pk}/#contacts"
    page = user_client.get(f"/customers/{ann.pk}/").content.decode()
    assert "Contact “Cleo Clerk” added." in page
    assert "Cleo Clerk" in page


def test_plain_get_is_a_page_with_the_form(user_client, ann):
    response = user_client.get(add_url(ann))
    body = response.content.decode()

    assert "<html" in body
    assert "<h1" in body and "Add contact" in body
    assert "hx-post" not in body.split('<form id="contact-add-form"')[1].split(">")[0]
    for label in ("Name", "Role", "Email", "Phone", "Primary contact"):
        assert f">{label}</label>" in body


@pytest.mark.parametrize("headers", [HX, {}], ids=["htmx", "page"])
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"name": ""}, "Enter the contact&#x27;s name."),
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"phone": "12 34"}, "Enter a valid phone number"),
    ],
)
def test_invalid_add_is_refused_with_422_and_kept(user_client, ann, change, message, headers):
    data = {"name": "Cleo Clerk", "title": "Buyer", "email": "cleo@example.com", **change}

    response = user_client.post(add_url(ann), data, headers=headers)
    body = response.content.decode()

    assert response.status_code == 422
    assert message in body
    assert 'value="Buyer"' in body
    if headers:
        assert body.strip().startswith('<form id="contact-add-form"')
        assert response["HX-Retarget"] == "#contact-add-form"
        assert response["HX-Reswap"] == "outerHTML"
    else:
        assert "<html" in body
    assert not Contact.objects.exists()


def test_the_same_email_may_be_a_contact_at_two_customers(user_client, make_customer, ann, bob):
    other = make_customer(name="Other Co")

    response = user_client.post(
        add_url(other), {"name": "Bob Boss", "email": "BOB@example.com"}, headers=HX
    )

    assert response.status_code == 200
    assert Contact.objects.filter(email__iexact="bob@example.com").count() == 2


def test_adding_to_an_unknown_customer_is_not_found(user_client):
    assert user_client.post("/customers/999999/contacts/add/", {"name": "X"}).status_code == 404


# --- Edit ---------------------------------------------------------------------------


def test_htmx_get_turns_the_row_into_a_form(user_client, bob):
    response = user_client.get(edit_url(bob), headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert body.strip().startswith(f'<tr id="contact-{bob.pk}" class="editing"')
    assert 'value="Bob Boss"' in body
    assert f'form="contact-{bob.pk}-form"' in body
    assert f'<label for="contact-{bob.pk}-is_primary">Primary contact</label>' in body
    assert f'hx-get="/contacts/{bob.pk}/"' in body  # Cancel


def test_plain_get_is_a_page_with_the_edit_form(user_client, bob):
    body = user_client.get(edit_url(bob)).content.decode()

    assert "<html" in body
    assert "Edit Bob Boss" in body
    assert 'value="bob@example.com"' in body


def test_htmx_save_returns_the_list(user_client, ann, bob):
    response = user_client.post(
        edit_url(bob), edit_data(bob, title="Chair", phone="(202) 555-0143"), headers=HX
    )
    body = response.content.decode()

    assert response.status_code == 200
    assert body.strip().startswith('<div id="contact-list"')
    assert ">Chair</td>" in row(body, bob)
    assert "+1 202-555-0143" in row(body, bob)
    assert "Contact “Bob Boss” saved." in body
    assert "contacts-changed" in triggers(response)
    bob.refresh_from_db()
    assert (bob.title, bob.phone) == ("Chair", "+12025550143")


def test_marking_another_contact_primary_moves_the_mark(user_client, ann, bob):
    cleo = contact_create(customer=ann, name="Cleo Clerk")

    response = user_client.post(edit_url(cleo), edit_data(cleo, is_primary="on"), headers=HX)

    body = response.content.decode()
    assert "Primary</span>" in row(body, cleo)
    assert "Primary" not in row(body, bob)
    assert Contact.objects.get(is_primary=True) == cleo


def test_unmarking_the_primary_hands_the_mark_on(user_client, ann, bob):
    cleo = contact_create(customer=ann, name="Cleo Clerk")

    response = user_client.post(edit_url(bob), edit_data(bob, is_primary=None), headers=HX)

    assert response.status_code == 200
    assert Contact.objects.get(is_primary=True) == cleo
    assert "Primary</span>" in row(response.content.decode(), cleo)


def test_the_only_contact_stays_primary(user_client, bob):
    user_client.post(edit_url(bob), edit_data(bob, is_primary=None), headers=HX)

    assert Contact.objects.get(pk=bob.pk).is_primary


def test_plain_save_redirects_to_the_record(user_client, ann, bob):
    response = user_client.post(edit_url(bob), edit_data(bob, name="Robert Boss"))

    assert response.status_code == 302
    assert response["Location"] == f"/customers/{ann.pk}/#contacts"
    assert Contact.objects.get(pk=bob.pk).name == "Robert Boss"


@pytest.mark.parametrize("headers", [HX, {}], ids=["htmx", "page"])
def test_invalid_edit_is_refused_with_422_and_kept(user_client, bob, headers):
    data = edit_data(bob, name="", email="nope", title="Chair")

    response = user_client.post(edit_url(bob), data, headers=headers)
    body = response.content.decode()

    assert response.status_code == 422
    assert "Enter the contact&#x27;s name." in body
    assert "Enter a valid email address" in body
    assert 'value="nope"' in body and 'value="Chair"' in body
    if headers:
        assert body.strip().startswith(f'<tr id="contact-{bob.pk}" class="editing"')
        assert response["HX-Retarget"] == f"#contact-{bob.pk}"
    bob.refresh_from_db()
    assert (bob.name, bob.email, bob.title) == ("Bob Boss", "bob@example.com", "CEO")


def test_cancel_puts_the_row_back(user_client, bob):
    response = user_client.get(f"/contacts/{bob.pk}/", headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert body.strip().startswith(f'<tr id="contact-{bob.pk}" aria-label="Bob Boss">')
    assert "<input" not in body
    assert "Bob Boss" in body


def test_row_url_without_htmx_goes_to_the_record(user_client, ann, bob):
    response = user_client.get(f"/contacts/{bob.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"/customers/{ann.pk}/#contacts"


# --- Delete -------------------------------------------------------------------------


def test_htmx_get_is_a_confirmation_dialog(user_client, bob):
    response = user_client.get(delete_url(bob), headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in body
    assert body.strip().startswith('<dialog class="dialog" data-modal')
    assert 'aria-labelledby="delete-contact-title"' in body
    assert "Delete Bob Boss?" in body
    assert ">Confirm delete</button>" in body
    assert "data-close-dialog" in body


def test_plain_get_is_a_confirmation_page(user_client, ann, bob):
    body = user_client.get(delete_url(bob)).content.decode()

    assert "<html" in body
    assert "Delete Bob Boss?" in body
    assert "hx-post" not in body.split("<main")[1]
    assert f'href="/customers/{ann.pk}/"' in body


def test_htmx_delete_returns_the_list_and_closes_the_dialog(user_client, ann, bob):
    cleo = contact_create(customer=ann, name="Cleo Clerk")

    response = user_client.post(delete_url(bob), headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert body.strip().startswith('<div id="contact-list"')
    assert f'id="contact-{bob.pk}"' not in body
    # Deleting the primary contact promotes the next one.
    assert "Primary</span>" in row(body, cleo)
    assert "Contact “Bob Boss” deleted." in body
    assert {"close-dialog", "contacts-changed"} <= set(triggers(response))
    assert list(Contact.objects.all()) == [cleo]


def test_plain_delete_redirects_to_the_record(user_client, ann, bob):
    response = user_client.post(delete_url(bob))

    assert response.status_code == 302
    assert response["Location"] == f"/customers/{ann.pk}/#contacts"
    assert not Contact.objects.exists()


def test_deleting_a_deleted_contact_is_not_found(user_client, bob):
    pk = bob.pk
    bob.delete()

    assert user_client.post(f"/contacts/{pk}/delete/", headers=HX).status_code == 404
    assert user_client.get(f"/contacts/{pk}/edit/", headers=HX).status_code == 404


def test_contact_text_is_escaped(user_client, ann):
    script = "<script>alert(1)</script>"
    evil = contact_create(customer=ann, name=f"Mal {script}", title=script)

    for response in (
        user_client.get(delete_url(evil), headers=HX),
        user_client.get(edit_url(evil), headers=HX),
        user_client.post(edit_url(evil), edit_data(evil), headers=HX),
    ):
        body = response.content.decode()
        assert script not in body
        assert "&lt;script&gt;" in body
