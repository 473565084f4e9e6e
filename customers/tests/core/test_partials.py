"""One URL, two answers: a full page, or just the fragment htmx swaps in.

The back button must never show a bare fragment, so history restores get the page
and every answer varies on HX-Request.
"""

import pytest
from django.utils.cache import has_vary_header

from ui.testing import (
    HISTORY_RESTORE,
    HX,
    assert_full_page,
    assert_results_alone,
    ok_body,
)

pytestmark = pytest.mark.django_db


def test_grid_is_a_full_page(user_client, ann):
    page = ok_body(user_client.get("/customers/"))

    assert_full_page(page, filters_id="customer-filters")
    assert "Ann Lee" in page


def test_grid_for_htmx_is_the_results_region_alone(user_client, ann):
    fragment = ok_body(user_client.get("/customers/", {"q": "ann"}, headers=HX))

    assert_results_alone(fragment, filters_id="customer-filters")
    assert f'<tr id="customer-{ann.pk}"' in fragment
    assert "1 customer<" in fragment


def test_history_restore_gets_the_full_page(user_client, ann):
    page = ok_body(user_client.get("/customers/", headers=HISTORY_RESTORE))

    assert "<html" in page
    assert "Ann Lee" in page


@pytest.mark.parametrize("kind", ["create", "update", "delete"])
def test_dialog_and_row_urls_give_full_pages_to_history_restores(user_client, ann, kind):
    url = "/customers/create/" if kind == "create" else f"/customers/{kind}/{ann.pk}/"

    assert "<html" in ok_body(user_client.get(url, headers=HISTORY_RESTORE))
    assert "<html" in ok_body(user_client.get(url))
    assert "<html" not in ok_body(user_client.get(url, headers=HX))


@pytest.mark.parametrize("headers", [{}, HX, HISTORY_RESTORE], ids=["page", "htmx", "restore"])
def test_every_view_varies_on_hx_request(user_client, ann, headers):
    urls = [
        "/customers/",
        "/customers/create/",
        f"/customers/update/{ann.pk}/",
        f"/customers/delete/{ann.pk}/",
    ]
    if headers:
        urls.append(f"/customers/{ann.pk}/row/")  # htmx only; a plain GET is redirected
    for url in urls:
        response = user_client.get(url, headers=headers)
        assert has_vary_header(response, "HX-Request"), url


def test_updated_row_and_422_responses_vary_on_hx_request(user_client, ann):
    data = {"name": "Ann Smith", "email": ann.email, "phone": "", "company": "", "status": "lead"}
    url = f"/customers/update/{ann.pk}/"

    assert has_vary_header(user_client.post(url, data, headers=HX), "HX-Request")
    invalid = user_client.post(url, {**data, "email": "nope"}, headers=HX)
    assert invalid.status_code == 422
    assert has_vary_header(invalid, "HX-Request")
    invalid = user_client.post("/customers/create/", {**data, "email": "nope"})
    assert invalid.status_code == 422
    assert has_vary_header(invalid, "HX-Request")
