"""The record's duplicate warning, the merge page, and undoing a merge from the trash."""

import re

import pytest

from customers.core.services import customer_trash, customer_update
from customers.models import Customer
from customers.record.services import contact_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme(make_customer):
    return make_customer(name="Acme", email="hello@acme.test", phone="+442079460958")


@pytest.fixture
def twin(make_customer):
    """Acme again: the same phone, another email, and a company Acme lacks."""
    twin = make_customer(
        name="Acme Ltd", email="sales@acme.test", phone="+442079460958", company="Acme"
    )
    contact_create(customer=twin, name="Olga")
    return twin


def merge_url(survivor, other):
    return f"/customers/{survivor.pk}/merge/{other.pk}/"


def choices(survivor, other, **picked):
    fields = ("name", "email", "phone", "company", "status", "owner")
    return {
        "version": survivor.version,
        "other_version": other.version,
        **dict.fromkeys(fields, "survivor"),
        **picked,
    }


def checked(body, field) -> str:
    """The value of the radio button ticked for `field`."""
    match = re.search(rf'name="{field}" value="(\w+)"\s+aria-describedby="[^"]*"\s+checked', body)
    return match.group(1) if match else ""


def test_the_record_warns_of_customers_that_look_alike(user_client, acme, twin, make_customer):
    trashed = make_customer(name="Acme", email="old@acme.test")
    customer_trash(customers=[trashed], by=None)

    body = user_client.get(f"/customers/{acme.pk}/").content.decode()

    assert "1 other customer looks like this one" in body
    assert f'<a href="/customers/{twin.pk}/">Acme Ltd</a> · Acme' in body
    assert "(same phone)" in body
    assert f'href="{merge_url(acme, twin)}">Merge…' in body


def test_no_warning_without_lookalikes(user_client, acme):
    assert "look like this one" not in user_client.get(f"/customers/{acme.pk}/").content.decode()


def test_a_rep_is_not_offered_to_merge_another_reps_customer(
    client, sales_rep, other_rep, make_customer
):
    mine = make_customer(name="Acme", owner=sales_rep)
    theirs = make_customer(name="Acme", owner=other_rep)
    client.force_login(sales_rep)

    body = client.get(f"/customers/{mine.pk}/").content.decode()

    assert "1 other customer looks like this one" in body
    assert merge_url(mine, theirs) not in body


def test_the_merge_page_shows_both_and_picks_the_survivors_values(user_client, acme, twin):
    response = user_client.get(merge_url(acme, twin))
    body = response.content.decode()

    assert response.status_code == 200
    assert "Choose the values to keep" in body
    assert "hello@acme.test" in body and "sales@acme.test" in body
    assert checked(body, "email") == "survivor"
    assert checked(body, "company") == "other"  # Acme has none: the other's
    assert "1 contact" in body
    assert f'href="{merge_url(twin, acme)}">Keep the other one instead' in body


def test_confirm_merges_and_offers_undo(user_client, acme, twin):
    response = user_client.post(
        merge_url(acme, twin), choices(acme, twin, company="other"), follow=True
    )
    body = response.content.decode()

    assert response.redirect_chain[-1][0] == f"/customers/{acme.pk}/"
    assert "Merged “Acme Ltd” into “Acme”." in body
    assert ">Undo<" in body
    assert "Olga" in body
    assert Customer.objects.get(pk=acme.pk).company == "Acme"
    assert Customer.all_objects.get(pk=twin.pk).in_trash

    trash = user_client.get("/trash/").content.decode()
    assert "Merged into “Acme”" in trash


def test_undo_from_the_trash_puts_both_back(user_client, acme, twin):
    user_client.post(merge_url(acme, twin), choices(acme, twin, email="other"))

    response = user_client.post(
        "/trash/restore/", {"ids": [twin.pk], "next": f"/customers/{acme.pk}/"}, follow=True
    )

    assert "The merge into “Acme” is undone." in response.content.decode()
    assert Customer.objects.get(pk=acme.pk).email == "hello@acme.test"
    assert Customer.objects.get(pk=twin.pk).contacts.get().name == "Olga"


def test_undo_names_what_was_edited_since(user_client, acme, twin):
    user_client.post(merge_url(acme, twin), choices(acme, twin, company="other"))
    customer_update(customer=Customer.objects.get(pk=acme.pk), data={"company": "Acme Group"})

    response = user_client.post("/trash/restore/", {"ids": [twin.pk]}, follow=True)

    assert "“Acme” keeps its company as edited since the merge." in response.content.decode()
    assert Customer.objects.get(pk=acme.pk).company == "Acme Group"


def test_an_invalid_choice_is_answered_beside_its_field(user_client, acme, twin):
    response = user_client.post(merge_url(acme, twin), choices(acme, twin, email="both"))
    body = response.content.decode()

    assert response.status_code == 422
    assert 'id="merge-email-errors"><li>Choose one of the two values.</li>' in body
    assert checked(body, "company") == "survivor"  # what was picked is kept
    assert not Customer.all_objects.get(pk=twin.pk).in_trash


def test_a_post_without_versions_is_refused(user_client, acme, twin):
    data = choices(acme, twin)
    del data["version"]

    response = user_client.post(merge_url(acme, twin), data)

    assert response.status_code == 422
    assert "does not say which versions" in response.content.decode()


def test_a_stale_page_gets_the_conflict_answer(user_client, acme, twin):
    data = choices(acme, twin)
    customer_update(customer=twin, data={"name": "Acme Limited"})

    response = user_client.post(merge_url(acme, twin), data)
    body = response.content.decode()

    assert response.status_code == 409
    assert "was changed since this page was opened" in body
    assert "Acme Limited" in body
    now = Customer.objects.get(pk=twin.pk).version
    assert f'name="other_version" value="{now}"' in body  # confirming again goes on from it
    assert not Customer.all_objects.get(pk=twin.pk).in_trash


def test_one_customer_cannot_be_merged_into_itself(user_client, acme):
    assert user_client.get(merge_url(acme, acme)).status_code == 404


def test_a_customer_in_the_trash_cannot_be_merged(user_client, acme, twin):
    customer_trash(customers=[twin], by=None)

    assert user_client.get(merge_url(acme, twin)).status_code == 404


def test_the_toasts_undo_with_htmx_goes_back_to_the_record_afresh(user_client, acme, twin):
    user_client.post(merge_url(acme, twin), choices(acme, twin))
    record = f"/customers/{acme.pk}/"

    response = user_client.post(
        "/trash/restore/", {"ids": [twin.pk], "next": record}, headers={"HX-Request": "true"}
    )

    assert response["HX-Redirect"] == record
    page = user_client.get(record).content.decode()
    assert "The merge into “Acme” is undone." in page  # the toast waits for the page


def test_merging_needs_the_right_to_delete_the_one_merged_away(client, make_user, acme, twin):
    editor = make_user("editor", perms=("view_customer", "change_customer"))
    client.force_login(editor)

    assert client.get(merge_url(acme, twin)).status_code == 403
    assert client.post(merge_url(acme, twin), choices(acme, twin)).status_code == 403
    assert not Customer.all_objects.get(pk=twin.pk).in_trash
