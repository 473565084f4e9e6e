"""Confirmation messages reach the user once: out of band on htmx answers, else on the page."""

import pytest

from ui.testing import (
    HISTORY_RESTORE,
    HX,
    TOASTS_OUT_OF_BAND,
    assert_toast_in_the_page_once,
    assert_toast_out_of_band_once,
)

pytestmark = [pytest.mark.urls("ui.tests.urls"), pytest.mark.usefixtures("ui_templates")]

NEW = {"name": "Readers"}
TOAST = "Group “Readers” created."


def test_htmx_answer_carries_the_toast_out_of_band_once(staff_client):
    response = staff_client.post("/groups/create/", NEW, headers=HX)

    assert_toast_out_of_band_once(response, TOAST)
    # Delivered, so not shown again on the next page.
    assert TOAST not in staff_client.get("/groups/").content.decode()


def test_toast_follows_the_fragment(staff_client):
    response = staff_client.post("/groups/create/", NEW, headers=HX)

    body = response.content.decode()
    assert body.startswith('<p id="group-')
    assert body.index("Readers</p>") < body.index('hx-swap-oob="beforeend"')


def test_after_a_plain_post_the_next_page_shows_the_toast_once(staff_client):
    staff_client.post("/groups/create/", NEW)

    assert_toast_in_the_page_once(staff_client.get("/groups/").content.decode(), TOAST)
    assert TOAST not in staff_client.get("/groups/").content.decode()


def test_a_history_restore_shows_pending_toasts_in_the_page(staff_client):
    staff_client.post("/groups/create/", NEW)

    page = staff_client.get("/groups/", headers=HISTORY_RESTORE).content.decode()

    assert_toast_in_the_page_once(page, TOAST)


def test_a_redirect_keeps_the_toast_for_the_answer_after_it(staff_client):
    assert staff_client.post("/groups/create/", {"name": "Writers"}).status_code == 302
    page = staff_client.get("/groups/", headers=HX).content.decode()

    assert page.count("Group “Writers” created.") == 1
    assert TOASTS_OUT_OF_BAND in page
