"""Narrowing the grid by tag, to "My customers", and to open support requests."""

import re

import pytest
from django.contrib.auth.models import Permission

from customers.models import Customer, Interaction, Tag
from customers.tests.grid.reading import shown
from ui.testing import HX

pytestmark = pytest.mark.django_db


@pytest.fixture
def vip(db):
    return Tag.objects.create(name="VIP", colour=Tag.Colour.PURPLE)


@pytest.fixture
def churn(db):
    return Tag.objects.create(name="Churn risk", colour=Tag.Colour.RED)


@pytest.fixture
def someone_else(make_user):
    return make_user("other", first_name="Oscar", last_name="Other")


@pytest.fixture
def customers(make_customer, user, someone_else, vip, churn):
    """Ann (mine, VIP, an open request), Bob (mine, VIP and churn risk, a resolved one),
    Cy (someone else's, VIP, an open request) and Di (nobody's, untagged, a note)."""
    ann = make_customer(name="Ann Lee", owner=user)
    bob = make_customer(name="Bob Ray", owner=user)
    cy = make_customer(name="Cy Young", owner=someone_else)
    di = make_customer(name="Di Fox")
    ann.tags.add(vip)
    bob.tags.add(vip, churn)
    cy.tags.add(vip)
    for customer, kind, status in [
        (ann, "support", "open"),
        (ann, "support", "open"),
        (bob, "support", "resolved"),
        (cy, "support", "open"),
        (di, "note", ""),
    ]:
        Interaction.objects.create(
            customer=customer, kind=kind, support_status=status, subject="Help"
        )
    return ann, bob, cy, di


def test_without_filters_everyone_is_shown(user_client, customers):
    assert shown(user_client) == ["Ann Lee", "Bob Ray", "Cy Young", "Di Fox"]


def test_filter_by_tag(user_client, customers, vip, churn):
    assert shown(user_client, tag=vip.pk) == ["Ann Lee", "Bob Ray", "Cy Young"]
    assert shown(user_client, tag=churn.pk) == ["Bob Ray"]


def test_a_tag_nobody_has_finds_no_one(user_client, customers):
    unused = Tag.objects.create(name="Unused")

    response = user_client.get("/customers/", {"tag": unused.pk})

    assert "No customers found" in response.content.decode()
    assert "0 customers" in response.content.decode()


def test_the_tag_filter_is_a_labelled_select_of_every_tag(user_client, customers, vip, churn):
    body = user_client.get("/customers/").content.decode()

    select = body.split('name="tag"')[1].split("</select>")[0]
    assert '<label for="id_tag">Tag</label>' in body
    assert re.findall(r"<option[^>]*>(.*?)</option>", select) == ["Any tag", "Churn risk", "VIP"]


def test_my_customers_are_only_the_logged_in_users(user_client, customers):
    assert shown(user_client, mine="on") == ["Ann Lee", "Bob Ray"]


def test_my_customers_for_someone_else(client, customers, someone_else):
    someone_else.user_permissions.set(
        Permission.objects.filter(content_type__app_label="customers", codename="view_customer")
    )
    client.force_login(someone_else)

    assert shown(client, mine="on") == ["Cy Young"]


def test_my_customers_when_i_have_none(client, customers, make_user):
    client.force_login(make_user("newbie", perms=("view_customer",)))

    assert shown(client, mine="on") == []


def test_my_customers_box_is_a_labelled_checkbox_that_stays_ticked(user_client, customers):
    body = user_client.get("/customers/", {"mine": "on"}).content.decode()

    assert re.search(r'<input type="checkbox" name="mine" id="id_mine" checked>', body)
    assert '<label for="id_mine">My customers</label>' in body


def test_open_support_requests(user_client, customers):
    """Bob's request is resolved and Di has only a note: neither is shown."""
    assert shown(user_client, open_requests="on") == ["Ann Lee", "Cy Young"]


def test_open_support_requests_box_is_labelled(user_client, customers):
    body = user_client.get("/customers/").content.decode()

    assert '<input type="checkbox" name="open_requests" id="id_open_requests">' in body
    assert '<label for="id_open_requests">Open support requests</label>' in body


def test_each_customer_is_shown_once_whatever_matches(user_client, customers, vip):
    """Two open requests and several tags still make one row."""
    assert shown(user_client, tag=vip.pk, open_requests="on") == ["Ann Lee", "Cy Young"]


def test_filters_combine(user_client, customers, vip, churn):
    assert shown(user_client, tag=vip.pk, mine="on") == ["Ann Lee", "Bob Ray"]
    assert shown(user_client, tag=vip.pk, mine="on", open_requests="on") == ["Ann Lee"]
    assert shown(user_client, tag=churn.pk, open_requests="on") == []


def test_filters_combine_with_search_and_status(user_client, customers, vip):
    Customer.objects.filter(name="Ann Lee").update(status="active")

    assert shown(user_client, q="ann", tag=vip.pk) == ["Ann Lee"]
    assert shown(user_client, q="young", tag=vip.pk, open_requests="on") == ["Cy Young"]
    assert shown(user_client, q="young", mine="on") == []
    assert shown(user_client, q="lee", mine="on", status="active") == ["Ann Lee"]
    assert shown(user_client, q="ray", mine="on", status="active") == []


def test_filters_as_a_fragment(user_client, customers, vip):
    assert shown(user_client, HX, tag=vip.pk, mine="on", open_requests="on") == ["Ann Lee"]
    body = user_client.get("/customers/", {"tag": vip.pk}, headers=HX).content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<section id="results"')


@pytest.mark.parametrize("bad", ["999999", "abc", "-1", "9" * 30], ids=repr)
def test_an_unknown_tag_is_explained_not_a_crash(user_client, customers, bad):
    for headers in ({}, HX):
        response = user_client.get("/customers/", {"tag": bad}, headers=headers)
        body = response.content.decode()

        assert response.status_code == 200
        assert '<div role="alert"><ul class="form-errors">' in body
        assert "Tag: Select a valid choice." in body


def test_an_unchecked_box_filters_nothing(user_client, customers):
    """A plain form sends nothing for an unticked box; a link might say false."""
    assert shown(user_client, mine="false", open_requests="false") == [
        "Ann Lee",
        "Bob Ray",
        "Cy Young",
        "Di Fox",
    ]
