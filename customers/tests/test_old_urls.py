"""Every URL the CRM ever had still answers: bookmarks and open tabs keep working.

Routes that moved to the one shape of customers/urls.py answer 308, which keeps the
method, so a form posted from a page loaded before the move still lands.
"""

import pytest

from customers.core.services import customer_create, customer_delete
from customers.record.services import contact_create
from customers.timeline.services import interaction_create


@pytest.fixture
def acme(db):
    return customer_create(name="Acme", email="acme@example.com")


@pytest.mark.parametrize(
    "old, new",
    [
        ("/customers/row/{customer}/", "/customers/{customer}/row/"),
        ("/customers/contacts/{contact}/", "/contacts/{contact}/"),
        ("/customers/contacts/{contact}/edit/", "/contacts/{contact}/edit/"),
        ("/customers/contacts/{contact}/delete/", "/contacts/{contact}/delete/"),
        ("/customers/tags/suggest/?name=vi", "/tags/suggest/?name=vi"),
        ("/customers/activity/{request}/status/", "/activity/{request}/status/"),
        ("/deals/customers/?customer=ac", "/deals/customers/suggest/?customer=ac"),
        ("/trash/purge/{trashed}/", "/trash/{trashed}/purge/"),
    ],
)
def test_a_moved_url_sends_the_browser_on_with_its_query(user_client, acme, old, new):
    contact = contact_create(customer=acme, name="Bob Boss")
    request = interaction_create(customer=acme, recorded_by=None, kind="support", subject="Broken")
    trashed = customer_create(name="Gone", email="gone@example.com")
    customer_delete(customer=trashed, by=None)
    ids = {"customer": acme.pk, "contact": contact.pk, "request": request.pk, "trashed": trashed.pk}

    response = user_client.get(old.format(**ids))

    assert response.status_code == 308
    assert response["Location"] == new.format(**ids)


def test_a_form_posted_to_a_moved_url_still_does_its_work(user_client, acme):
    request = interaction_create(customer=acme, recorded_by=None, kind="support", subject="Broken")

    response = user_client.post(
        f"/customers/activity/{request.pk}/status/", {"status": "resolved"}, follow=True
    )

    assert response.redirect_chain[0] == (f"/activity/{request.pk}/status/", 308)
    request.refresh_from_db()
    assert request.support_status == "resolved"


@pytest.mark.parametrize(
    "url",
    ["/customers/", "/customers/create/", "/customers/update/{pk}/", "/customers/delete/{pk}/"],
)
def test_the_grids_classic_routes_answer_where_they_always_did(user_client, acme, url):
    assert user_client.get(url.format(pk=acme.pk)).status_code == 200


def test_a_moved_url_still_needs_a_login(client, acme):
    response = client.get(f"/customers/row/{acme.pk}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
