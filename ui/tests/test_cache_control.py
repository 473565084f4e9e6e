"""Signed-in pages are never kept by any cache, the browser's own included, so Back and
Forward ask for them again and show what the server holds now (ui.middleware)."""

import pytest
from django.test import Client

from ui.testing import HX

pytestmark = [pytest.mark.urls("ui.tests.urls"), pytest.mark.usefixtures("ui_templates")]


def directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "fragment"])
def test_signed_in_answers_are_private_and_not_stored(staff_client, headers):
    response = staff_client.get("/groups/", headers=headers)

    assert response.status_code == 200
    assert {"private", "no-store"} <= directives(response)


def test_a_public_page_is_left_to_its_view(db):
    response = Client().get("/accounts/login/")

    assert "no-store" not in directives(response)
