"""Writes need the CSRF token, which htmx sends as the X-CSRFToken header."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from ui.testing import HX

pytestmark = [pytest.mark.urls("ui.tests.urls"), pytest.mark.usefixtures("ui_templates")]

TOKEN = re.compile(r"""hx-headers='\{"X-CSRFToken": "([^"]+)"\}'""")
URL = "/groups/create/"


@pytest.fixture
def csrf_client(staff) -> Client:
    """Signed in, and checking CSRF tokens as a real browser's requests are checked."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff)
    return browser


def token_from_page(client) -> str:
    """The token the page hands to htmx, as a browser would find it."""
    return TOKEN.search(client.get("/groups/").content.decode()).group(1)


def test_post_without_a_token_is_refused(csrf_client):
    csrf_client.get("/groups/")  # has the CSRF cookie, but sends no token

    assert csrf_client.post(URL, {"name": "Readers"}, headers=HX).status_code == 403
    assert csrf_client.post(URL, {"name": "Readers"}).status_code == 403
    assert not Group.objects.filter(name="Readers").exists()


def test_post_with_a_wrong_token_is_refused(csrf_client):
    csrf_client.get("/groups/")

    response = csrf_client.post(URL, {"name": "Readers"}, headers={**HX, "X-CSRFToken": "x" * 32})

    assert response.status_code == 403
    assert not Group.objects.filter(name="Readers").exists()


def test_htmx_posts_with_the_page_token_succeed(csrf_client):
    headers = {**HX, "X-CSRFToken": token_from_page(csrf_client)}

    assert csrf_client.post(URL, {"name": "Readers"}, headers=headers).status_code == 200
    assert csrf_client.post(URL, {"name": "Writers"}, headers=headers).status_code == 200
    assert Group.objects.filter(name__in=["Readers", "Writers"]).count() == 2


def test_plain_form_post_with_the_form_token_succeeds(csrf_client):
    page = csrf_client.get(URL).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    response = csrf_client.post(URL, {"name": "Readers", "csrfmiddlewaretoken": token})

    assert response.status_code == 302
    assert Group.objects.filter(name="Readers").exists()
