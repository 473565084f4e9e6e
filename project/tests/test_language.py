"""The language of a page: the user's own setting, then Accept-Language, then the
site's LANGUAGE_CODE; the header's switcher saves the choice."""

import pytest
from django.test import Client
from django.urls import reverse

from customers.models import UserPreference

pytestmark = pytest.mark.django_db

CHINESE = "zh-hans"


def page_language(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


def test_english_by_default(client):
    response = client.get(reverse("login"))
    assert page_language(response) == "en"
    assert response["Content-Language"] == "en"
    assert "Log in" in response.content.decode()


def test_the_browser_asks_for_chinese(client):
    response = client.get(reverse("login"), headers={"accept-language": "zh-CN,zh;q=0.9"})
    assert page_language(response) == CHINESE
    assert "登录" in response.content.decode()


def test_the_site_default_comes_from_settings(client, settings):
    settings.LANGUAGE_CODE = CHINESE
    assert page_language(client.get(reverse("login"))) == CHINESE


def test_the_users_own_setting_wins_over_the_browser(client, user):
    UserPreference.objects.create(user=user, language=CHINESE)
    client.force_login(user)
    response = client.get(reverse("customer_list"), headers={"accept-language": "en"})
    assert page_language(response) == CHINESE
    assert ">客户</a>" in response.content.decode()


def test_no_setting_follows_the_browser(client, user):
    client.force_login(user)
    headers = {"accept-language": "zh-Hans"}
    assert page_language(client.get(reverse("customer_list"), headers=headers)) == CHINESE
    assert page_language(client.get(reverse("customer_list"))) == "en"


def test_the_switcher_saves_the_choice_for_the_next_sign_in(client, user):
    client.force_login(user)
    page = client.get(reverse("customer_list")).content.decode()
    assert 'action="/language/"' in page and '<label for="language-choice">Language' in page

    response = client.post(
        reverse("set_language"), {"language": CHINESE, "next": reverse("customer_list")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("customer_list")
    assert UserPreference.objects.get(user=user).language == CHINESE
    assert page_language(client.get(reverse("customer_list"))) == CHINESE

    elsewhere = Client(headers={"accept-language": "en"})  # another browser, no cookie
    elsewhere.force_login(user)
    assert page_language(elsewhere.get(reverse("customer_list"))) == CHINESE

    client.post(reverse("set_language"), {"language": "en"})
    assert page_language(client.get(reverse("customer_list"))) == "en"
    assert UserPreference.objects.get(user=user).language == "en"


def test_a_choice_before_signing_in_is_kept_in_a_cookie(client):
    response = client.post(
        reverse("set_language"), {"language": CHINESE, "next": "/accounts/login/"}
    )
    assert response.status_code == 302
    assert page_language(client.get(reverse("login"))) == CHINESE


def test_the_switcher_needs_csrf(user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    assert browser.post(reverse("set_language"), {"language": CHINESE}).status_code == 403
    assert not UserPreference.objects.filter(user=user).exists()


@pytest.mark.parametrize("language", ["fr", "", "zh-hans<script>"])
def test_an_unknown_language_changes_nothing(user_client, user, language):
    response = user_client.post(reverse("set_language"), {"language": language})
    assert response.status_code == 302
    assert not UserPreference.objects.filter(user=user).exists()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x"])
def test_the_switcher_never_sends_elsewhere(user_client, target):
    response = user_client.post(reverse("set_language"), {"language": "en", "next": target})
    assert response["Location"] == "/"


def test_the_setting_is_read_once_at_sign_in_not_on_every_page(client, user):
    from project.language import SESSION_KEY

    UserPreference.objects.create(user=user, language=CHINESE)
    client.force_login(user)
    assert client.session[SESSION_KEY] == CHINESE
