"""Whatever a customer is called, it is shown as text and never runs as markup."""

import pytest

from customers.models import Customer, Tag
from ui.testing import HX

pytestmark = pytest.mark.django_db


# (as typed, as it must appear in the HTML)
HOSTILE = [
    ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
    ('"><img src=x onerror=alert(1)>', "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
]
IDS = ["script", "attribute-breakout"]


def assert_shown_escaped(response, raw: str, escaped: str) -> None:
    body = response.content.decode()
    assert raw not in body
    assert "<img src=x" not in body
    assert "<script>alert" not in body
    assert escaped in body


@pytest.fixture(params=HOSTILE, ids=IDS)
def hostile(request, make_customer):
    raw, escaped = request.param
    return make_customer(name=raw, email="hostile@example.com"), raw, escaped


def test_grid(user_client, hostile):
    customer, raw, escaped = hostile

    assert_shown_escaped(user_client.get("/customers/"), raw, escaped)
    assert_shown_escaped(user_client.get("/customers/", headers=HX), raw, escaped)


@pytest.mark.parametrize(("raw", "escaped"), HOSTILE, ids=IDS)
def test_tag_chips_in_the_grid(user_client, make_customer, raw, escaped):
    # Tag names reach the grid as JSON the database builds (customer_grid).
    make_customer(name="Ann Lee").tags.add(Tag.objects.create(name=raw))

    assert_shown_escaped(user_client.get("/customers/", headers=HX), raw, escaped)


def test_edit_row_and_page(user_client, hostile):
    customer, raw, escaped = hostile
    url = f"/customers/update/{customer.pk}/"

    assert_shown_escaped(user_client.get(url, headers=HX), raw, escaped)
    assert_shown_escaped(user_client.get(url), raw, escaped)


def test_display_row(user_client, hostile):
    customer, raw, escaped = hostile

    assert_shown_escaped(
        user_client.get(f"/customers/{customer.pk}/row/", headers=HX), raw, escaped
    )


def test_delete_dialog_and_page(user_client, hostile):
    customer, raw, escaped = hostile
    url = f"/customers/delete/{customer.pk}/"

    assert_shown_escaped(user_client.get(url, headers=HX), raw, escaped)
    assert_shown_escaped(user_client.get(url), raw, escaped)


@pytest.mark.parametrize(("raw", "escaped"), HOSTILE, ids=IDS)
def test_toast_after_create(user_client, raw, escaped):
    response = user_client.post(
        "/customers/create/",
        {"name": raw, "email": "new@example.com", "phone": "", "company": "", "status": "lead"},
        headers=HX,
    )

    assert Customer.objects.get().name == raw
    assert_shown_escaped(response, raw, escaped)
    assert "created." in response.content.decode()


def test_toast_and_row_after_update(user_client, hostile):
    customer, raw, escaped = hostile

    response = user_client.post(
        f"/customers/update/{customer.pk}/",
        {
            "name": raw,
            "email": customer.email,
            "phone": "",
            "company": raw,
            "status": "active",
            "version": customer.version,
        },
        headers=HX,
    )

    assert response.status_code == 200
    assert_shown_escaped(response, raw, escaped)
    assert "saved." in response.content.decode()


def test_toast_after_delete(user_client, hostile):
    customer, raw, escaped = hostile

    response = user_client.post(f"/customers/delete/{customer.pk}/", headers=HX)

    assert_shown_escaped(response, raw, escaped)


@pytest.mark.parametrize(("raw", "escaped"), HOSTILE, ids=IDS)
def test_search_words_are_echoed_escaped(user_client, raw, escaped):
    assert_shown_escaped(user_client.get("/customers/", {"q": raw}), raw, escaped)
    # The fragment repeats the query only inside its own (URL-encoded) refresh URL.
    fragment = user_client.get("/customers/", {"q": raw}, headers=HX).content.decode()
    assert raw not in fragment
    assert "<img" not in fragment
    assert "<script" not in fragment
