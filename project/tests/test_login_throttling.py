"""Sign-in protection (django-axes): repeated failures lock the username and, separately,
the address for a while; the lockout says so and for how long; every sign-in is logged.

Axes is on here exactly as in production: nothing is mocked or switched off. Time passes
by moving the stored attempts back, which is all the cool-off compares against.
"""

import io
import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from axes.utils import reset
from django.core.management import call_command
from django.db.models import F
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
WRONG = "not-the-password"
LOCKED = "Too many failed sign-in attempts"
INACTIVE = "This account is waiting for an administrator to activate it."
BAD_LOGIN = "Please enter a correct username and password"


def sign_in(client, username, password, ip="192.0.2.1", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, **extra)


def fail(client, username, times, ip="192.0.2.1"):
    for _ in range(times):
        sign_in(client, username, WRONG, ip=ip)


def text(response) -> str:
    """The page as read: entities and non-breaking spaces as plain characters."""
    return response.content.decode().replace("\xa0", " ").replace("&nbsp;", " ")


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def pass_time(**delta):
    """Move every recorded failure back by `delta`, as if that much time had passed."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(**delta))


# --- Per username -------------------------------------------------------------------


def test_failures_below_the_limit_only_say_the_password_is_wrong(client, user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = sign_in(client, "clerk", WRONG)

        assert response.status_code == 200
        assert BAD_LOGIN in text(response)
        assert LOCKED not in text(response)

    assert sign_in(client, "clerk", "a-password-still-wrong").status_code == 429


def test_the_limit_locks_the_username_even_from_other_addresses(client, user, password):
    for n in range(5):  # one failure from each of five addresses: no address reaches 5
        sign_in(client, "clerk", WRONG, ip=f"198.51.100.{n}")

    response = sign_in(client, "clerk", password, ip="203.0.113.50")

    assert response.status_code == 429
    assert LOCKED in text(response)
    assert not signed_in(client)


def test_a_locked_username_does_not_lock_out_others_at_that_address(
    client, user, make_user, password
):
    make_user("other")
    for n in range(5):
        sign_in(client, "clerk", WRONG, ip=f"198.51.100.{n}")

    response = sign_in(client, "other", password, ip="198.51.100.1")

    assert response.status_code == 302
    assert signed_in(client)


# --- Per address --------------------------------------------------------------------


def test_the_limit_locks_an_address_that_tries_many_usernames(client, user, password):
    for name in ["alice", "bob", "carol", "dave", "erin"]:
        sign_in(client, name, WRONG, ip="203.0.113.7")

    from_there = sign_in(client, "clerk", password, ip="203.0.113.7")
    assert from_there.status_code == 429
    assert not signed_in(client)

    from_elsewhere = sign_in(client, "clerk", password, ip="203.0.113.8")
    assert from_elsewhere.status_code == 302
    assert signed_in(client)


def test_failures_at_the_admin_login_count_too(client, superuser, password):
    for _ in range(5):
        client.post("/admin/login/", {"username": "root", "password": WRONG})

    assert sign_in(client, "root", password, ip="203.0.113.99").status_code == 429


# --- What a locked-out person sees --------------------------------------------------


def test_the_lockout_is_the_sign_in_page_with_429_saying_how_long(client, user, password):
    fail(client, "clerk", 4)

    response = client.post(
        LOGIN,
        {"username": "clerk", "password": WRONG, "next": "/customers/?q=ann"},
        REMOTE_ADDR="192.0.2.1",
    )

    assert response.status_code == 429
    page = text(response)
    assert "<h1>Log in</h1>" in page
    assert 'name="password"' in page
    assert re.search(r'role="alert">Too many failed sign-in attempts[^<]*15 minutes', page)
    assert 'value="clerk"' in page  # what was typed stays, and where it was going
    assert 'name="next" value="/customers/?q=ann"' in page
    assert BAD_LOGIN not in page
    assert response["Retry-After"] == "900"


def test_the_lockout_says_the_configured_cool_off(client, user, settings):
    settings.AXES_COOLOFF_TIME = timedelta(hours=1)
    fail(client, "clerk", 5)

    response = sign_in(client, "clerk", WRONG)

    assert "for 1 hour" in text(response)
    assert response["Retry-After"] == "3600"


def test_the_right_password_is_refused_during_the_lockout(client, user, password):
    fail(client, "clerk", 5)

    response = sign_in(client, "clerk", password)

    assert response.status_code == 429
    assert not signed_in(client)
    assert not AccessLog.objects.exists()


def test_an_inactive_account_is_still_told_to_wait(client, make_user, password):
    make_user("sleeper", is_active=False)

    response = sign_in(client, "sleeper", password)

    assert response.status_code == 200
    assert INACTIVE in text(response)


def test_a_locked_inactive_account_is_not_told_whether_the_password_was_right(
    client, make_user, password
):
    make_user("sleeper", is_active=False)
    fail(client, "sleeper", 5, ip="198.51.100.1")

    right = sign_in(client, "sleeper", password, ip="198.51.100.2")
    wrong = sign_in(client, "sleeper", WRONG, ip="198.51.100.2")

    assert right.status_code == wrong.status_code == 429
    assert INACTIVE not in text(right)
    assert text(right).count(LOCKED) == text(wrong).count(LOCKED) == 1


# --- Getting back in ----------------------------------------------------------------


def test_the_lock_lifts_after_the_cool_off_and_not_before(client, user, password):
    fail(client, "clerk", 5)

    pass_time(minutes=14)
    assert sign_in(client, "clerk", password).status_code == 429

    # The refused try above counted again, so the cool-off runs from it.
    pass_time(minutes=15, seconds=1)
    response = sign_in(client, "clerk", password)
    assert response.status_code == 302
    assert signed_in(client)


def test_an_administrator_can_lift_a_lock(client, user, password):
    fail(client, "clerk", 5)

    assert reset(username="clerk") == 1

    assert sign_in(client, "clerk", password).status_code == 302


def test_a_success_forgives_that_usernames_earlier_mistakes(client, user, password):
    fail(client, "clerk", 4)
    assert sign_in(client, "clerk", password).status_code == 302
    client.post("/accounts/logout/")

    fail(client, "clerk", 4)

    assert sign_in(client, "clerk", password).status_code == 302


def test_signing_in_to_ones_own_account_does_not_wipe_failures_against_others(
    client, user, make_user, password
):
    """Otherwise anyone with an account could guess another's password without end:
    four guesses, one sign-in of their own, four more."""
    make_user("mallory")
    fail(client, "clerk", 4, ip="203.0.113.66")
    assert sign_in(client, "mallory", password, ip="203.0.113.66").status_code == 302
    client.post("/accounts/logout/", REMOTE_ADDR="203.0.113.66")

    response = sign_in(client, "clerk", WRONG, ip="203.0.113.66")

    assert response.status_code == 429
    assert sign_in(client, "clerk", password, ip="198.51.100.9").status_code == 429


# --- What is recorded ---------------------------------------------------------------


def test_a_successful_sign_in_is_logged_with_username_and_address(client, user, password):
    sign_in(client, "clerk", password, ip="203.0.113.5", HTTP_USER_AGENT="TestBrowser/1")

    entry = AccessLog.objects.get()
    assert entry.username == "clerk"
    assert entry.ip_address == "203.0.113.5"
    assert entry.user_agent == "TestBrowser/1"
    assert entry.logout_time is None

    client.post("/accounts/logout/", REMOTE_ADDR="203.0.113.5")
    entry.refresh_from_db()
    assert entry.logout_time is not None


def test_failures_are_recorded_per_username_and_address(client, user):
    fail(client, "clerk", 2, ip="203.0.113.5")
    fail(client, "ghost", 1, ip="203.0.113.6")

    attempts = {
        (a.username, a.ip_address): a.failures_since_start for a in AccessAttempt.objects.all()
    }
    assert attempts == {("clerk", "203.0.113.5"): 2, ("ghost", "203.0.113.6"): 1}
    assert "not-the-password" not in AccessAttempt.objects.get(username="clerk").post_data


@pytest.mark.parametrize(
    ("url", "shows"),
    [
        ("/admin/axes/accessattempt/", "ghost"),
        ("/admin/axes/accesslog/", "clerk"),
        ("/admin/axes/accessfailurelog/", None),
    ],
)
def test_the_admin_shows_sign_ins_and_failures(client, user, superuser, password, url, shows):
    fail(client, "ghost", 1, ip="203.0.113.6")
    sign_in(client, "clerk", password, ip="203.0.113.5")
    client.force_login(superuser)

    response = client.get(url)

    assert response.status_code == 200
    if shows:
        assert shows in response.content.decode()


def test_the_sign_in_records_are_for_superusers_only(client, make_user):
    client.force_login(make_user("staffer", is_staff=True))

    assert client.get("/admin/axes/accesslog/").status_code == 302


# --- Behind the TLS proxy -----------------------------------------------------------


def test_behind_the_proxy_the_address_is_the_one_the_proxy_appended(
    client, user, password, settings
):
    settings.BEHIND_TLS_PROXY = True

    for n in range(5):  # the client forges a different left-hand entry every time
        sign_in(
            client,
            f"user{n}",
            WRONG,
            ip="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 203.0.113.20",
        )

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.20"}
    locked = sign_in(client, "clerk", password, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.20")
    assert locked.status_code == 429
    other_client = sign_in(
        client, "clerk", password, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.20, 203.0.113.21"
    )
    assert other_client.status_code == 302
    assert AccessLog.objects.get().ip_address == "203.0.113.21"


def test_without_the_proxy_a_forwarded_header_is_ignored(client, user, settings):
    settings.BEHIND_TLS_PROXY = False

    sign_in(client, "clerk", WRONG, ip="198.51.100.30", HTTP_X_FORWARDED_FOR="203.0.113.20")

    assert AccessAttempt.objects.get().ip_address == "198.51.100.30"


@pytest.mark.parametrize("forwarded", ["not-an-address", "203.0.113.20, ", "203.0.113.20,,"])
def test_behind_the_proxy_a_malformed_forwarded_header_falls_back_to_the_connection(
    client, user, settings, forwarded
):
    settings.BEHIND_TLS_PROXY = True

    response = sign_in(client, "clerk", WRONG, ip="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == "10.0.0.1"


def test_an_ipv6_address_counts_as_one_however_it_is_written(client, user):
    fail(client, "clerk", 1, ip="2001:DB8::1")
    fail(client, "clerk", 1, ip="2001:0db8:0000::0001")

    assert AccessAttempt.objects.get().failures_since_start == 2


def test_a_superuser_lifts_a_lock_by_deleting_the_attempt_in_the_admin(
    client, user, superuser, password
):
    fail(client, "clerk", 5)
    attempt = AccessAttempt.objects.get()
    admin = Client()
    admin.force_login(superuser)

    response = admin.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert sign_in(client, "clerk", password).status_code == 302


def test_the_reset_command_lifts_a_lock(client, user, password):
    fail(client, "clerk", 5)

    call_command("axes_reset_username", "clerk", stdout=io.StringIO())

    assert sign_in(client, "clerk", password).status_code == 302
