"""A contact's edit carries its version, as a customer's and a deal's do: a save from a
stale form never silently overwrites what someone saved meanwhile."""

import re

import pytest
from django.test import Client

from conftest import CRM_PERMISSIONS
from customers.models import Contact
from customers.record.services import contact_create
from ui.testing import HX

pytestmark = pytest.mark.django_db

VERSION = re.compile(r'<input type="hidden" name="version" value="(\d+)">')
NOTICE = "Alice Ames saved this contact while you were editing. Choose what to keep."


@pytest.fixture
def alice_client(make_user) -> Client:
    alice = make_user("alice", perms=CRM_PERMISSIONS, first_name="Alice", last_name="Ames")
    browser = Client()
    browser.force_login(alice)
    return browser


@pytest.fixture
def bob(ann):
    return contact_create(customer=ann, name="Bob Boss", title="CEO", email="bob@example.com")


def url(contact):
    return f"/contacts/{contact.pk}/edit/"


def opened(client, contact, **headers) -> dict:
    """What the edit form shows now (its version included), as a user would post it back."""
    body = client.get(url(contact), headers=headers).content.decode()
    version = VERSION.search(body).group(1)
    data = {"name": contact.name, "title": contact.title, "email": contact.email, "phone": ""}
    return {**data, "is_primary": "on", "version": version}


def fresh(contact):
    return Contact.objects.get(pk=contact.pk)


@pytest.mark.parametrize("headers", [HX, {}], ids=["htmx", "page"])
def test_the_edit_form_carries_the_version(user_client, bob, headers):
    body = user_client.get(url(bob), headers=headers).content.decode()

    assert f'<input type="hidden" name="version" value="{fresh(bob).version}">' in body


def test_the_same_field_changed_meanwhile_is_a_conflict_with_both_values(
    user_client, alice_client, bob
):
    mine = opened(user_client, bob, **HX)
    alice_client.post(url(bob), {**opened(alice_client, bob, **HX), "title": "Chair"}, headers=HX)

    response = user_client.post(url(bob), {**mine, "title": "Founder"}, headers=HX)

    body = response.content.decode()
    assert response.status_code == 409
    assert response["HX-Retarget"] == f"#contact-{bob.pk}"  # the row, not the list
    assert NOTICE in body
    assert "Saved meanwhile by Alice Ames: Chair" in body
    assert 'value="Founder"' in body  # my typing is kept
    assert "Keep mine" in body and "Take theirs" in body
    assert fresh(bob).title == "Chair"


def test_keep_mine_after_a_conflict_saves_mine(user_client, alice_client, bob):
    mine = opened(user_client, bob, **HX)
    alice_client.post(url(bob), {**opened(alice_client, bob, **HX), "title": "Chair"}, headers=HX)
    conflict = user_client.post(url(bob), {**mine, "title": "Founder"}, headers=HX)
    version = VERSION.search(conflict.content.decode()).group(1)

    response = user_client.post(url(bob), {**mine, "title": "Founder", "version": version})

    assert response.status_code == 302
    assert fresh(bob).title == "Founder"


def test_different_fields_changed_meanwhile_are_merged(user_client, alice_client, bob):
    mine = opened(user_client, bob)
    alice_client.post(url(bob), {**opened(alice_client, bob), "title": "Chair"})

    response = user_client.post(url(bob), {**mine, "email": "bob@boss.example"})

    assert response.status_code == 302
    assert (fresh(bob).title, fresh(bob).email) == ("Chair", "bob@boss.example")


def test_a_stale_plain_form_gets_the_conflict_page(user_client, alice_client, bob):
    mine = opened(user_client, bob)
    alice_client.post(url(bob), {**opened(alice_client, bob), "name": "Robert Boss"})

    response = user_client.post(url(bob), {**mine, "name": "Bobby Boss"})

    body = response.content.decode()
    assert response.status_code == 409
    assert "<html" in body
    assert "Saved meanwhile by Alice Ames: Robert Boss" in body
    assert fresh(bob).name == "Robert Boss"


@pytest.mark.parametrize("headers", [HX, {}], ids=["htmx", "page"])
def test_an_edit_without_a_version_is_refused(user_client, alice_client, bob, headers):
    alice_client.post(url(bob), {**opened(alice_client, bob), "title": "Chair"})
    data = {**opened(user_client, bob), "title": "Founder"}
    del data["version"]

    response = user_client.post(url(bob), data, headers=headers)

    assert response.status_code == 422
    assert "does not say which version of the contact it started from" in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert 'value="Founder"' in response.content.decode()
    assert fresh(bob).title == "Chair"
