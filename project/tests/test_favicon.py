"""/favicon.ico answers, signed in or not (browsers and the admin ask for it)."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_static_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 302
    assert response["Location"].endswith("favicon.svg")
    icon = finders.find("favicon.svg")  # the test server serves no static files itself
    assert icon and "<svg" in Path(icon).read_text()


def test_every_page_names_the_icon(client, user):
    client.force_login(user)

    page = client.get("/customers/").content.decode()

    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
