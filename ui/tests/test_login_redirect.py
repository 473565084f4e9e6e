"""Anonymous visitors are sent to the login page, in a way that works for htmx too:
by ui.middleware.LoginRequiredMiddleware, and by ui.access's PermissionRequiredMixin
on a view the middleware lets through."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import Group

from ui.testing import HX

pytestmark = [pytest.mark.urls("ui.tests.urls"), pytest.mark.usefixtures("ui_templates")]

LOGIN = "/accounts/login/"
URLS = ["/groups/", "/groups/?q=secret", "/groups/create/", "/plain/", "/guarded/"]


@pytest.fixture
def secret(db):
    return Group.objects.create(name="Secret Group")


@pytest.mark.parametrize("url", URLS)
def test_normal_request_redirects_to_login_and_back(client, secret, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={quote(url, safe='/')}"


@pytest.mark.parametrize("url", URLS)
def test_htmx_request_is_told_to_go_to_the_login_page_without_data(client, secret, url):
    response = client.get(url, headers=HX)

    assert response.status_code == 401
    assert response["HX-Redirect"] == f"{LOGIN}?next={quote(url, safe='/')}"
    assert "Secret Group" not in response.content.decode()


@pytest.mark.parametrize("url", ["/groups/?q=secret", "/guarded/"])
def test_htmx_login_redirect_returns_to_the_page_not_the_fragment(client, url):
    response = client.get(
        url, headers={**HX, "HX-Current-URL": "http://testserver/groups/?q=secret&page=2"}
    )

    assert response.status_code == 401
    assert response["HX-Redirect"] == f"{LOGIN}?next=/groups/%3Fq%3Dsecret%26page%3D2"


def test_a_current_url_of_another_site_is_not_where_to_come_back(client):
    response = client.get(
        "/groups/?q=secret", headers={**HX, "HX-Current-URL": "https://evil.example/steal"}
    )

    assert response["HX-Redirect"] == f"{LOGIN}?next=/groups/%3Fq%3Dsecret"


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_anonymous_posts_change_nothing(client, secret, headers):
    response = client.post("/groups/create/", {"name": "Mallory"}, headers=headers)

    assert response.status_code == (401 if headers else 302)
    assert "Secret Group" not in response.content.decode()
    assert not Group.objects.filter(name="Mallory").exists()


def test_a_signed_in_user_gets_through(staff_client, secret):
    assert staff_client.get("/groups/").status_code == 200
    assert staff_client.get("/guarded/", headers=HX).status_code == 200
