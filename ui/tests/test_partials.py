"""One URL, two answers: a full page, or just the fragment htmx swaps in.

The back button must never show a bare fragment, so history restores get the page
and every answer varies on HX-Request (ui.middleware.VaryOnHtmxMiddleware).
"""

import pytest
from django.contrib.auth.models import Group
from django.utils.cache import has_vary_header

from ui.testing import (
    HISTORY_RESTORE,
    HX,
    assert_full_page,
    assert_results_alone,
    ok_body,
)

pytestmark = [pytest.mark.urls("ui.tests.urls"), pytest.mark.usefixtures("ui_templates")]


@pytest.fixture
def readers(db):
    return Group.objects.create(name="Readers")


def test_a_page_is_a_full_page(staff_client, readers):
    page = ok_body(staff_client.get("/groups/"))

    assert_full_page(page, filters_id="group-filters")
    assert "Readers" in page


def test_for_htmx_the_page_is_its_partial_alone(staff_client, readers):
    fragment = ok_body(staff_client.get("/groups/", {"q": "read"}, headers=HX))

    assert_results_alone(fragment, filters_id="group-filters")
    assert f'<p id="group-{readers.pk}">Readers</p>' in fragment
    assert "1 group<" in fragment


def test_history_restore_gets_the_full_page(staff_client, readers):
    page = ok_body(staff_client.get("/groups/", headers=HISTORY_RESTORE))

    assert "<html" in page
    assert "Readers" in page


def test_a_form_page_gives_htmx_the_form_and_history_restores_the_page(staff_client):
    assert "<html" in ok_body(staff_client.get("/groups/create/"))
    assert "<html" in ok_body(staff_client.get("/groups/create/", headers=HISTORY_RESTORE))
    form = ok_body(staff_client.get("/groups/create/", headers=HX))
    assert "<html" not in form
    assert form.startswith('<form id="group-form"')


@pytest.mark.parametrize("headers", [{}, HX, HISTORY_RESTORE], ids=["page", "htmx", "restore"])
@pytest.mark.parametrize("url", ["/groups/", "/groups/create/", "/plain/"])
def test_every_response_varies_on_hx_request(staff_client, headers, url):
    response = staff_client.get(url, headers=headers)

    assert has_vary_header(response, "HX-Request"), url


def test_written_and_422_answers_vary_on_hx_request(staff_client):
    created = staff_client.post("/groups/create/", {"name": "Writers"}, headers=HX)
    assert created.status_code == 200
    assert has_vary_header(created, "HX-Request")
    redirected = staff_client.post("/groups/create/", {"name": "Editors"})
    assert redirected.status_code == 302
    assert has_vary_header(redirected, "HX-Request")

    for headers in ({}, HX):
        invalid = staff_client.post("/groups/create/", {"name": "x" * 21}, headers=headers)
        assert invalid.status_code == 422
        assert 'value="xxxxxxxx' in invalid.content.decode()  # what was typed stays
        assert has_vary_header(invalid, "HX-Request")
    assert Group.objects.filter(name__in=["Editors", "Writers"]).count() == 2
    assert not Group.objects.filter(name__startswith="xxx").exists()
