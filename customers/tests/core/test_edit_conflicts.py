"""Two people edit the same record: the second save answers 409 with both values.

Alice and I open the same form; she saves first, through her own browser (so the
history knows it was her). My save then shows the conflict field by field, with
"Keep mine" and "Take theirs", both of them normal saves checked again.
"""

import re
from decimal import Decimal

import pytest
from django.test import Client

from conftest import CRM_PERMISSIONS
from customers.core.concurrency import EditConflict, FieldConflict
from customers.core.forms import CustomerForm
from customers.deals.services import deal_create
from customers.models import Customer, Deal, Stage
from customers.tests.posting import customer_form
from ui.testing import HX

pytestmark = pytest.mark.django_db

CONFLICT = 409
VERSION = re.compile(r'<input type="hidden" name="version" value="(\d+)">')
NOTICE = "Alice Ames saved this customer while you were editing. Choose what to keep."
KEEP_MINE = '<button type="submit" class="primary">Keep mine</button>'
TAKE_THEIRS = '<button type="submit" name="resolve" value="theirs">Take theirs</button>'


@pytest.fixture
def alice(make_user):
    return make_user(
        "alice",
        perms=(*CRM_PERMISSIONS, "change_others_records"),
        first_name="Alice",
        last_name="Ames",
    )


@pytest.fixture
def alice_client(alice) -> Client:
    browser = Client()
    browser.force_login(alice)
    return browser


def form_data(customer, **changes):
    """What a customer form posts: the customer as it was shown, with `changes` typed in."""
    return customer_form(customer, **{"owner": "", **changes})


def shown_version(response) -> int:
    versions = VERSION.findall(response.content.decode())
    assert len(versions) == 1, versions
    return int(versions[0])


def fresh(customer):
    return Customer.objects.get(pk=customer.pk)


# --- Every edit form carries its version ------------------------------------------


def test_every_customer_edit_form_carries_the_version_it_shows(user_client, ann):
    ann = fresh(ann)
    row = user_client.get(f"/customers/update/{ann.pk}/", headers=HX)
    page = user_client.get(f"/customers/update/{ann.pk}/")
    header = user_client.get(f"/customers/{ann.pk}/edit/", headers=HX)
    record = user_client.get(f"/customers/{ann.pk}/edit/")

    for response in (row, page, header, record):
        assert response.status_code == 200
        assert shown_version(response) == ann.version
        assert "Keep mine" not in response.content.decode()


# --- The grid's inline row -----------------------------------------------------------


def test_inline_row_conflict_shows_both_values_then_keep_mine_saves(user_client, alice_client, ann):
    url = f"/customers/update/{ann.pk}/"
    opened = fresh(ann)
    assert (
        alice_client.post(url, form_data(opened, name="Ann Alice"), headers=HX).status_code == 200
    )

    response = user_client.post(url, form_data(opened, name="Ann Mine"), headers=HX)

    body = response.content.decode()
    assert response.status_code == CONFLICT
    assert body.lstrip().startswith(f'<tr id="customer-{ann.pk}" class="editing"')
    assert "<html" not in body
    assert 'value="Ann Mine"' in body  # what I typed is still in the input
    assert (
        f'<p class="field__conflict" id="customer-{ann.pk}-name-conflict">'
        "Saved meanwhile by Alice Ames: Ann Alice</p>"
    ) in body
    assert f'aria-describedby="customer-{ann.pk}-name-conflict"' in body
    assert NOTICE in body
    assert KEEP_MINE in body and TAKE_THEIRS in body
    assert ">Save</button>" not in body
    assert '<input type="hidden" name="conflict" value="name">' in body
    assert shown_version(response) == fresh(ann).version == opened.version + 1
    assert fresh(ann).name == "Ann Alice"  # nothing of mine was saved

    kept = user_client.post(
        url, form_data(opened, name="Ann Mine", version=shown_version(response)), headers=HX
    )

    assert kept.status_code == 200
    assert "<td" in kept.content.decode() and "Ann Mine" in kept.content.decode()
    assert "editing" not in kept.content.decode()
    assert fresh(ann).name == "Ann Mine"


def test_take_theirs_keeps_their_value_and_my_other_changes(user_client, alice_client, ann):
    url = f"/customers/update/{ann.pk}/"
    opened = fresh(ann)
    alice_client.post(url, form_data(opened, name="Ann Alice"), headers=HX)
    mine = form_data(opened, name="Ann Mine", company="Mine Ltd")
    conflict = user_client.post(url, mine, headers=HX)
    assert conflict.status_code == CONFLICT

    response = user_client.post(
        url,
        {**mine, "version": shown_version(conflict), "conflict": "name", "resolve": "theirs"},
        headers=HX,
    )

    assert response.status_code == 200
    after = fresh(ann)
    assert (after.name, after.company) == ("Ann Alice", "Mine Ltd")


def test_a_choice_is_checked_again(user_client, alice_client, ann):
    url = f"/customers/update/{ann.pk}/"
    opened = fresh(ann)
    alice_client.post(url, form_data(opened, name="Ann Alice"), headers=HX)
    first = user_client.post(url, form_data(opened, name="Ann Mine"), headers=HX)
    alice_client.post(url, form_data(fresh(ann), name="Ann Again"), headers=HX)

    second = user_client.post(
        url, form_data(opened, name="Ann Mine", version=shown_version(first)), headers=HX
    )

    assert second.status_code == CONFLICT
    assert "Saved meanwhile by Alice Ames: Ann Again" in second.content.decode()
    assert fresh(ann).name == "Ann Again"


def test_different_fields_are_both_saved_without_a_conflict(user_client, alice_client, ann):
    url = f"/customers/update/{ann.pk}/"
    opened = fresh(ann)
    alice_client.post(url, form_data(opened, email="ann.alice@example.com"), headers=HX)

    # My form still holds the old email, which I did not touch.
    response = user_client.post(url, form_data(opened, name="Ann Mine"), headers=HX)

    assert response.status_code == 200
    after = fresh(ann)
    assert (after.name, after.email) == ("Ann Mine", "ann.alice@example.com")


def test_the_conflict_form_shows_their_other_changes_so_keep_mine_keeps_them(
    user_client, alice_client, ann
):
    url = f"/customers/update/{ann.pk}/"
    opened = fresh(ann)
    alice_client.post(
        url, form_data(opened, name="Ann Alice", email="ann.alice@example.com"), headers=HX
    )

    response = user_client.post(url, form_data(opened, name="Ann Mine"), headers=HX)

    body = response.content.decode()
    assert response.status_code == CONFLICT
    assert 'value="ann.alice@example.com"' in body
    assert 'value="ann@example.com"' not in body
    assert "email-conflict" not in body  # she changed it, I did not: no conflict


def test_choices_and_empty_values_are_shown_as_people_read_them(user_client, alice_client, ann):
    url = f"/customers/update/{ann.pk}/"
    opened = fresh(ann)
    alice_client.post(url, form_data(opened, status="active", company=""), headers=HX)

    response = user_client.post(
        url, form_data(opened, status="inactive", company="Mine Ltd"), headers=HX
    )

    body = response.content.decode()
    assert "Saved meanwhile by Alice Ames: Active</p>" in body
    assert "Saved meanwhile by Alice Ames: (empty)</p>" in body


def test_their_text_is_escaped(user_client, alice_client, ann):
    url = f"/customers/update/{ann.pk}/"
    opened = fresh(ann)
    alice_client.post(url, form_data(opened, name="<b>Ann</b>"), headers=HX)

    body = user_client.post(url, form_data(opened, name="<i>Mine</i>"), headers=HX).content.decode()

    assert "Saved meanwhile by Alice Ames: &lt;b&gt;Ann&lt;/b&gt;" in body
    assert 'value="&lt;i&gt;Mine&lt;/i&gt;"' in body
    assert "<b>Ann</b>" not in body and "<i>Mine</i>" not in body


@pytest.mark.parametrize("version", [None, "", "x", "9" * 5000])
def test_a_post_without_a_version_is_refused_not_saved_over_a_newer_one(
    user_client, alice_client, ann, version
):
    url = f"/customers/update/{ann.pk}/"
    opened = fresh(ann)
    alice_client.post(url, form_data(opened, name="Ann Alice"), headers=HX)
    data = form_data(opened, name="Ann Mine")
    del data["version"]
    if version is not None:
        data["version"] = version

    response = user_client.post(url, data, headers=HX)

    assert response.status_code == 422
    assert "does not say which version of the customer it started from" in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert 'value="Ann Mine"' in response.content.decode()  # nothing typed is lost
    assert fresh(ann).name == "Ann Alice"


# --- The record header and the full page ---------------------------------------------


def test_record_header_conflict(user_client, alice_client, ann):
    url = f"/customers/{ann.pk}/edit/"
    opened = fresh(ann)
    alice_client.post(url, form_data(opened, company="Alice Ltd"), headers=HX)

    response = user_client.post(url, form_data(opened, company="Mine Ltd"), headers=HX)

    body = response.content.decode()
    assert response.status_code == CONFLICT
    assert body.strip().startswith('<section id="customer-header"')
    assert 'value="Mine Ltd"' in body
    assert "Saved meanwhile by Alice Ames: Alice Ltd" in body
    assert NOTICE in body and KEEP_MINE in body and TAKE_THEIRS in body
    assert fresh(ann).company == "Alice Ltd"

    kept = user_client.post(
        url, form_data(opened, company="Mine Ltd", version=shown_version(response)), headers=HX
    )
    assert kept.status_code == 200
    assert fresh(ann).company == "Mine Ltd"


def test_full_page_conflict_without_javascript(user_client, alice_client, ann):
    url = f"/customers/update/{ann.pk}/"
    opened = fresh(ann)
    alice_client.post(url, form_data(opened, name="Ann Alice"))

    response = user_client.post(url, form_data(opened, name="Ann Mine", next="/customers/?q=ann"))

    body = response.content.decode()
    assert response.status_code == CONFLICT
    assert "<html" in body
    assert 'value="Ann Mine"' in body
    assert "Saved meanwhile by Alice Ames: Ann Alice" in body
    assert NOTICE in body and KEEP_MINE in body and TAKE_THEIRS in body
    assert '<input type="hidden" name="next" value="/customers/?q=ann">' in body

    kept = user_client.post(
        url,
        form_data(opened, name="Ann Mine", version=shown_version(response), next="/customers/"),
    )
    assert kept.status_code == 302
    assert fresh(ann).name == "Ann Mine"


# --- Deals -------------------------------------------------------------------------


def stage(name):
    return Stage.objects.get(name=name)


@pytest.fixture
def deal(ann):
    return deal_create(customer=ann, title="Fit-out", amount=Decimal("12000"), stage=stage("New"))


def deal_data(deal, **changes):
    data = {
        "customer": deal.customer.email,
        "title": deal.title,
        "amount": str(deal.amount),
        "currency": deal.currency,
        "stage": deal.stage_id,
        "expected_close": "",
        "owner": "",
        "lead_source": "",
        "closing_reason": "",
        "version": deal.version,
    }
    return {**data, **changes}


def test_deal_form_conflict(user_client, alice_client, deal):
    url = f"/deals/{deal.pk}/edit/"
    opened = Deal.objects.get(pk=deal.pk)
    assert shown_version(user_client.get(url)) == opened.version
    alice_client.post(url, deal_data(opened, title="Alice's fit-out", stage=stage("Won").pk))

    response = user_client.post(
        url, deal_data(opened, title="My fit-out", stage=stage("Proposal").pk), headers=HX
    )

    body = response.content.decode()
    assert response.status_code == CONFLICT
    assert body.lstrip().startswith("<form")
    assert 'value="My fit-out"' in body
    assert "Saved meanwhile by Alice Ames: Alice&#x27;s fit-out" in body
    assert "Saved meanwhile by Alice Ames: Won" in body
    assert "Alice Ames saved this deal while you were editing. Choose what to keep." in body
    assert KEEP_MINE in body and TAKE_THEIRS in body

    kept = user_client.post(
        url,
        deal_data(
            opened, title="My fit-out", stage=stage("Proposal").pk, version=shown_version(response)
        ),
        headers=HX,
    )
    assert kept.status_code == 200
    saved = Deal.objects.get(pk=deal.pk)
    assert (saved.title, saved.stage.name) == ("My fit-out", "Proposal")


def test_deal_card_move_conflict_then_take_theirs(user_client, alice_client, deal):
    url = f"/deals/{deal.pk}/move/"
    board = user_client.get("/deals/").content.decode()
    assert f'<input type="hidden" name="version" value="{deal.version}">' in board
    alice_client.post(url, {"stage": stage("Won").pk, "version": deal.version, "next": "/deals/"})

    response = user_client.post(
        url,
        {"stage": stage("Proposal").pk, "version": deal.version, "next": "/deals/"},
        headers=HX,
    )

    body = response.content.decode()
    assert response.status_code == CONFLICT
    assert response["HX-Retarget"] == f"#deal-{deal.pk}"
    assert body.lstrip().startswith(f'<article id="deal-{deal.pk}"')
    assert "Moved meanwhile to Won by Alice Ames" in body
    assert f'<option value="{stage("Proposal").pk}" selected>' in body  # my choice, kept
    assert KEEP_MINE in body and TAKE_THEIRS in body
    assert Deal.objects.get(pk=deal.pk).stage.name == "Won"

    taken = user_client.post(
        url,
        {
            "stage": stage("Proposal").pk,
            "version": shown_version(response),
            "conflict": "stage",
            "resolve": "theirs",
            "next": "/deals/",
        },
        headers=HX,
    )

    assert taken.status_code == 200
    assert 'id="board"' in taken.content.decode()
    assert Deal.objects.get(pk=deal.pk).stage.name == "Won"


def test_deal_card_keep_mine_moves_it(user_client, alice_client, deal):
    url = f"/deals/{deal.pk}/move/"
    alice_client.post(url, {"stage": stage("Won").pk, "version": deal.version})
    conflict = user_client.post(url, {"stage": stage("Proposal").pk, "version": deal.version})
    assert conflict.status_code == CONFLICT
    assert "<html" in conflict.content.decode()  # without JavaScript: the move page

    kept = user_client.post(
        url, {"stage": stage("Proposal").pk, "version": shown_version(conflict), "next": "/deals/"}
    )

    assert kept.status_code == 302
    assert Deal.objects.get(pk=deal.pk).stage.name == "Proposal"


# --- How their values read -----------------------------------------------------------


def test_their_owner_reads_as_a_name_and_nobody_as_no_owner(ann, alice, make_user):
    bob = make_user("bob", first_name="Bob", last_name="Brown")
    current = fresh(ann)

    def notes(theirs):
        conflict = EditConflict(
            current=current,
            fields={"owner": FieldConflict(theirs=theirs, mine=bob)},
            mine={"owner": bob},
            by=alice,
        )
        form = CustomerForm(instance=current)
        form.show_conflict(conflict)
        return form.conflict_notes

    assert notes(alice) == {"owner": "Saved meanwhile by Alice Ames: Alice Ames"}
    assert notes(None) == {"owner": "Saved meanwhile by Alice Ames: No owner"}


def test_a_save_by_nobody_known_is_by_someone_else(ann):
    current = fresh(ann)
    conflict = EditConflict(
        current=current,
        fields={"name": FieldConflict(theirs="Ann Script", mine="Ann Mine")},
        mine={"name": "Ann Mine"},
        by=None,  # a management command, an import
    )
    form = CustomerForm(instance=current)
    form.show_conflict(conflict)

    assert form.conflict_notice.startswith("Someone else saved this customer")
    assert form["name"].conflict == "Saved meanwhile by Someone else: Ann Script"
    assert form.version == current.version


def test_the_conflict_form_keeps_the_owner_field_from_those_who_may_not_reassign(
    client, alice_client, sales_rep, make_customer
):
    mine = make_customer(name="Rita's Co", email="rita@example.com", owner=sales_rep)
    alice_client.post(f"/customers/update/{mine.pk}/", form_data(mine, name="By Alice"), headers=HX)
    client.force_login(sales_rep)

    data = form_data(mine, name="By Rita")
    del data["owner"]
    response = client.post(f"/customers/update/{mine.pk}/", data, headers=HX)

    assert response.status_code == CONFLICT
    assert 'name="owner"' not in response.content.decode()
