"""The grid's own columns: owner, tags, open support requests and last activity; and the
owner on create and in inline edit."""

import datetime
import re

import pytest

from customers.models import Customer, Interaction, Tag
from customers.tests.posting import customer_form_with_owner
from ui.testing import HX

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def dana(make_user):
    return make_user("dana", first_name="Dana", last_name="Scully")


def grid(client, **headers) -> str:
    response = client.get("/customers/", headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def cell(body: str, customer, label: str) -> str:
    """What the grid shows in `customer`'s row under the column `label`."""
    row = re.search(rf'<tr id="customer-{customer.pk}".*?</tr>', body, re.S)
    assert row, f"no row for {customer}"
    found = re.search(rf'<td[^>]*data-label="{label}">(.*?)</td>', row.group(0), re.S)
    assert found, f"no {label} cell"
    return found.group(1).strip()


def note(customer, when, **fields):
    fields.setdefault("kind", Interaction.Kind.NOTE)
    if fields["kind"] == Interaction.Kind.SUPPORT:
        fields.setdefault("support_status", Interaction.SupportStatus.OPEN)
    return Interaction.objects.create(
        customer=customer, subject="Hello", happened_at=when, **fields
    )


# --- Columns ------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_the_grid_has_the_new_columns_in_order(every_column, ann, headers):
    body = grid(every_column, **headers)

    headers_shown = re.findall(r'<td[^>]*data-label="([^"]*)"', body)
    assert headers_shown == [
        "Select",
        "Name",
        "Email",
        "Phone",
        "Company",
        "Owner",
        "Tags",
        "Status",
        "Open requests",
        "Last activity",
        "Next step",
        "Created",
        "Actions",
    ]
    if headers:
        assert "<html" not in body


def test_every_cell_label_is_plain_text(user_client, ann):
    """The header is repeated in each cell's data-label: markup there breaks the row."""
    body = grid(user_client)

    assert not re.search(r'data-label="[^"]*[<>]', body)
    assert '">\n' not in cell(body, ann, "Select")


def test_the_name_links_to_the_record(user_client, ann):
    assert cell(grid(user_client), ann, "Name") == f'<a href="/customers/{ann.pk}/">Ann Lee</a>'


def test_owner_is_shown_by_name(user_client, ann, dana, make_user, make_customer):
    Customer.objects.filter(pk=ann.pk).update(owner=dana)
    bob = make_customer(name="Bob Ray", owner=make_user("bob.smith"))
    nobody = make_customer(name="Nobody's")

    body = grid(user_client)

    assert cell(body, ann, "Owner") == "Dana Scully"
    assert cell(body, bob, "Owner") == "bob.smith"  # no full name: the username
    assert cell(body, nobody, "Owner") == ""


def test_owner_name_is_escaped(user_client, ann, make_user):
    Customer.objects.filter(pk=ann.pk).update(
        owner=make_user("eve", first_name="<b>Eve</b>", last_name="")
    )

    assert cell(grid(user_client), ann, "Owner") == "&lt;b&gt;Eve&lt;/b&gt;"


def test_tags_show_as_chips_in_name_order(user_client, ann, make_customer):
    ann.tags.add(
        Tag.objects.create(name="vip", colour=Tag.Colour.PURPLE),
        Tag.objects.create(name="Churn risk", colour=Tag.Colour.RED),
    )
    untagged = make_customer(name="Plain")

    body = grid(user_client)

    assert cell(body, ann, "Tags") == (
        '<span class="tag-chip tag-chip--red">Churn risk</span> '
        '<span class="tag-chip tag-chip--purple">vip</span>'
    )
    assert cell(body, untagged, "Tags") == ""


def test_tag_names_are_escaped(user_client, ann):
    ann.tags.add(Tag.objects.create(name="<script>alert(1)</script>"))

    body = grid(user_client)

    assert "&lt;script&gt;alert(1)&lt;/script&gt;</span>" in cell(body, ann, "Tags")
    assert "<script>alert" not in body


def test_last_activity_is_the_latest_interaction_date(every_column, ann, make_customer):
    note(ann, datetime.datetime(2025, 1, 10, 12, tzinfo=UTC), kind=Interaction.Kind.CALL)
    # Recorded later, but it happened earlier: the timeline order is what counts.
    note(ann, datetime.datetime(2024, 3, 5, 12, tzinfo=UTC))
    quiet = make_customer(name="Quiet")
    other = make_customer(name="Other")
    note(other, datetime.datetime(2026, 6, 1, 12, tzinfo=UTC))

    body = grid(every_column)

    assert cell(body, ann, "Last activity") == "Jan 10, 2025"
    assert cell(body, quiet, "Last activity") == ""
    assert cell(body, other, "Last activity") == "Jun 1, 2026"


def test_open_requests_count_only_open_support_requests(every_column, ann, make_customer):
    when = datetime.datetime(2025, 1, 10, 12, tzinfo=UTC)
    note(ann, when, kind=Interaction.Kind.SUPPORT)
    note(ann, when, kind=Interaction.Kind.SUPPORT)
    note(ann, when, kind=Interaction.Kind.SUPPORT, support_status="resolved")
    note(ann, when, kind=Interaction.Kind.NOTE)
    resolved = make_customer(name="All resolved")
    note(resolved, when, kind=Interaction.Kind.SUPPORT, support_status="resolved")
    note(resolved, when, kind=Interaction.Kind.CALL)

    body = grid(every_column)

    assert cell(body, ann, "Open requests") == '<span class="badge badge-open">2 open</span>'
    assert cell(body, resolved, "Open requests") == ""


def test_an_updated_row_keeps_the_grid_columns(every_column, ann, dana):
    """The row sent back after an inline save is drawn like the grid's own rows."""
    ann.tags.add(Tag.objects.create(name="vip"))
    note(ann, datetime.datetime(2025, 1, 10, 12, tzinfo=UTC), kind=Interaction.Kind.SUPPORT)

    response = every_column.post(
        f"/customers/update/{ann.pk}/", customer_form_with_owner(ann, owner=dana.pk), headers=HX
    )
    row = response.content.decode()

    assert response.status_code == 200
    assert cell(row, ann, "Owner") == "Dana Scully"
    assert "vip</span>" in cell(row, ann, "Tags")
    assert cell(row, ann, "Open requests") == '<span class="badge badge-open">1 open</span>'
    assert cell(row, ann, "Last activity") == "Jan 10, 2025"


# --- The owner on create -------------------------------------------------------------------


CREATE = {
    "name": "New One",
    "email": "new@example.com",
    "phone": "",
    "company": "",
    "status": "lead",
}


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_the_create_form_offers_the_creator_as_owner(user_client, user, dana, headers):
    body = user_client.get("/customers/create/", headers=headers).content.decode()

    assert '<label for="new-customer-owner"' in body
    assert f'<option value="{user.pk}" selected>clerk</option>' in body
    assert f'<option value="{dana.pk}">Dana Scully</option>' in body
    assert '<option value="">No owner</option>' in body


def test_creating_with_the_offered_owner_makes_the_creator_owner(user_client, user):
    user_client.post("/customers/create/", {**CREATE, "owner": user.pk}, headers=HX)

    assert Customer.objects.get().owner == user


def test_creating_with_another_owner_or_none(user_client, dana):
    user_client.post("/customers/create/", {**CREATE, "owner": dana.pk}, headers=HX)
    user_client.post(
        "/customers/create/", {**CREATE, "email": "two@example.com", "owner": ""}, headers=HX
    )

    assert list(Customer.objects.order_by("email").values_list("email", "owner")) == [
        ("new@example.com", dana.pk),
        ("two@example.com", None),
    ]


def test_an_inactive_owner_on_create_is_a_422_beside_the_field(user_client, make_user):
    gone = make_user("gone", is_active=False)

    response = user_client.post("/customers/create/", {**CREATE, "owner": gone.pk}, headers=HX)

    assert response.status_code == 422
    assert "Select a valid choice." in response.content.decode()
    assert 'value="New One"' in response.content.decode()  # what was typed is kept
    assert not Customer.objects.exists()


# --- The owner in inline edit -------------------------------------------------------------


def test_the_edit_row_has_an_owner_select_with_the_current_owner(user_client, ann, dana):
    Customer.objects.filter(pk=ann.pk).update(owner=dana)

    body = user_client.get(f"/customers/update/{ann.pk}/", headers=HX).content.decode()

    assert f'<label for="customer-{ann.pk}-owner"' in body
    assert f'form="customer-{ann.pk}-form"' in body
    assert f'<option value="{dana.pk}" selected>Dana Scully</option>' in body
    # One cell across the row, whatever columns the grid shows: select, name, the seven
    # columns shown by default, and the actions.
    assert body.count("<td") == 1
    assert 'colspan="10"' in body


def test_inline_edit_changes_the_owner(user_client, ann, dana):
    response = user_client.post(
        f"/customers/update/{ann.pk}/", customer_form_with_owner(ann, owner=dana.pk), headers=HX
    )

    assert response.status_code == 200
    assert cell(response.content.decode(), ann, "Owner") == "Dana Scully"
    ann.refresh_from_db()
    assert ann.owner == dana


def test_inline_edit_clears_the_owner(user_client, ann, dana):
    Customer.objects.filter(pk=ann.pk).update(owner=dana)
    ann.refresh_from_db()

    response = user_client.post(
        f"/customers/update/{ann.pk}/", customer_form_with_owner(ann, owner=""), headers=HX
    )

    assert response.status_code == 200
    assert cell(response.content.decode(), ann, "Owner") == ""
    ann.refresh_from_db()
    assert ann.owner is None


def test_plain_edit_page_changes_the_owner(user_client, ann, dana):
    response = user_client.post(
        f"/customers/update/{ann.pk}/", customer_form_with_owner(ann, owner=dana.pk)
    )

    assert response.status_code == 302
    ann.refresh_from_db()
    assert ann.owner == dana


# --- Inactive users ------------------------------------------------------------------------


def test_inactive_users_are_not_offered_as_owners(user_client, ann, dana, make_user):
    gone = make_user("gone", first_name="Gone", last_name="Away", is_active=False)

    pages = [
        grid(user_client),  # the bulk bar
        user_client.get("/customers/create/").content.decode(),
        user_client.get(f"/customers/update/{ann.pk}/", headers=HX).content.decode(),
    ]

    for body in pages:
        assert f'<option value="{dana.pk}">Dana Scully</option>' in body
        assert "Gone Away" not in body
        assert f'<option value="{gone.pk}"' not in body


def test_an_inactive_owner_is_kept_by_an_unrelated_edit(user_client, user, ann, dana, make_user):
    """Editing the company must not quietly take the customer from an owner who has left."""
    gone = make_user("gone", first_name="Gone", last_name="Away", is_active=False)
    Customer.objects.filter(pk=ann.pk).update(owner=gone)
    ann.refresh_from_db()

    body = user_client.get(f"/customers/update/{ann.pk}/", headers=HX).content.decode()
    assert f'<option value="{gone.pk}" selected>Gone Away</option>' in body
    owner_select = body.split(f'id="customer-{ann.pk}-owner"')[1].split("</select>")[0]
    offered = re.findall(r'<option value="(\d*)"', owner_select)
    assert offered == ["", str(user.pk), str(dana.pk), str(gone.pk)]  # still by name
    # Other customers are not offered the inactive user.
    assert "Gone Away" not in grid(user_client).split('id="bulk-owner"')[1].split("</select>")[0]

    response = user_client.post(
        f"/customers/update/{ann.pk}/", customer_form_with_owner(ann, company="Acme"), headers=HX
    )

    assert response.status_code == 200
    ann.refresh_from_db()
    assert (ann.company, ann.owner) == ("Acme", gone)
