"""Confirmation messages reach the user once: out of band on htmx answers, else on the page."""

import pytest

from ui.testing import (
    HISTORY_RESTORE,
    HX,
    assert_toast_in_the_page_once,
    assert_toast_out_of_band_once,
)

pytestmark = pytest.mark.django_db

NEW = {"name": "Ann Lee", "email": "ann@example.com", "phone": "", "company": "", "status": "lead"}
TOAST = "Customer “Ann Lee” created."


def test_htmx_answer_carries_the_toast_out_of_band_once(user_client):
    response = user_client.post("/customers/create/", NEW, headers=HX)

    assert_toast_out_of_band_once(response, TOAST)
    # Delivered, so not shown again on the next page.
    assert TOAST not in user_client.get("/customers/").content.decode()


def test_toast_follows_the_updated_row(user_client, make_customer):
    customer = make_customer(name="Ann Lee")

    response = user_client.post(
        f"/customers/update/{customer.pk}/",
        {**NEW, "email": customer.email, "name": "Ann Smith", "version": customer.version},
        headers=HX,
    )

    body = response.content.decode()
    assert body.index("</tr>") < body.index('hx-swap-oob="beforeend"')
    assert "Customer “Ann Smith” saved." in body


def test_after_a_plain_post_the_next_page_shows_the_toast_once(user_client):
    user_client.post("/customers/create/", NEW)

    assert_toast_in_the_page_once(user_client.get("/customers/").content.decode(), TOAST)
    assert TOAST not in user_client.get("/customers/").content.decode()


def test_a_history_restore_shows_pending_toasts_in_the_page(user_client):
    user_client.post("/customers/create/", NEW)

    page = user_client.get("/customers/", headers=HISTORY_RESTORE).content.decode()

    assert_toast_in_the_page_once(page, TOAST)
