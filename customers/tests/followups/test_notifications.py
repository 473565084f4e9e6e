"""The Notifications page and the navigation's count of unread ones."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from customers.models import Notification

pytestmark = pytest.mark.django_db
URL = reverse("notification_list")


@pytest.fixture
def notify(make_task, user):
    def notify(text: str, *, to=None, read=False):
        task = make_task(title=text)
        return Notification.objects.create(
            user=to or user, followup=task, text=text, read_at=timezone.now() if read else None
        )

    return notify


def test_the_page_lists_my_notifications_newest_first_linking_to_the_customer(
    client, user, notify, ann
):
    notify("Due now: first")
    notify("Due now: <b>second</b>")
    client.force_login(user)

    html = client.get(URL).content.decode()

    assert html.index("&lt;b&gt;second&lt;/b&gt;") < html.index("Due now: first")
    assert f'href="{reverse("customer_detail", args=[ann.pk])}"' in html
    assert 'aria-label="Notifications, 2 unread"' in html


def test_others_notifications_are_not_shown(client, user, notify, make_user):
    other = make_user("other", perms=("view_followup", "view_customer"))
    notify("Due now: theirs", to=other)
    client.force_login(user)

    html = client.get(URL).content.decode()

    assert "theirs" not in html
    assert "No notifications yet" in html


def test_mark_all_as_read(client, user, notify):
    notify("Due now: one")
    notify("Due now: two")
    client.force_login(user)

    response = client.post(reverse("notifications_read"), follow=True)

    assert Notification.objects.filter(read_at__isnull=True).count() == 0
    html = response.content.decode()
    assert "All notifications are marked as read." in html
    assert 'aria-label="Notifications"' in html
    assert "Mark all as read" not in html


def test_marking_read_takes_a_post(client, user):
    client.force_login(user)

    assert client.get(reverse("notifications_read")).status_code == 405


def test_the_page_needs_a_sign_in_and_the_task_permission(client, make_user):
    assert client.get(URL).status_code == 302
    client.force_login(make_user("nobody", perms=("view_customer",)))

    assert client.get(URL).status_code == 403
    assert client.post(reverse("notifications_read")).status_code == 403


@pytest.mark.parametrize("count", [3, 30])
def test_the_page_reads_a_fixed_number_of_rows(
    client, user, notify, count, django_assert_max_num_queries
):
    for n in range(count):
        notify(f"Due now: {n}")
    client.force_login(user)

    with django_assert_max_num_queries(8):
        assert client.get(URL).status_code == 200


def test_email_reminders_are_switched_on_and_off_on_the_page(client, user):
    from customers.models import UserPreference

    client.force_login(user)
    url = reverse("notification_settings")

    page = client.post(url, {"reminder_email": "on"}, follow=True).content.decode()
    assert "Reminders will come by email too." in page
    assert UserPreference.objects.get(user=user).reminder_email is True
    assert 'name="reminder_email" checked' in page

    client.post(url, {})
    assert UserPreference.objects.get(user=user).reminder_email is False


def test_without_an_email_address_the_choice_says_why_it_is_off(client, user):
    user.email = ""
    user.save()
    client.force_login(user)

    html = client.get(URL).content.decode()

    assert "Your account has no email address; an administrator can add one." in html
    assert 'name="reminder_email" disabled' in html


# --- The user's time zone ----------------------------------------------------------


def test_the_time_zone_is_chosen_from_a_plain_select_and_times_follow_it(
    client, user, notify, settings
):
    from customers.models import UserPreference

    settings.TIME_ZONE = "UTC"
    note = notify("Due now: call")
    moment = datetime.datetime(2026, 3, 10, 23, 30, tzinfo=datetime.UTC)
    Notification.objects.filter(pk=note.pk).update(created_at=moment)
    client.force_login(user)
    page = client.get(URL).content.decode()
    assert '<option value="" selected>The site&#x27;s time zone (UTC)</option>' in page
    assert '<option value="Asia/Shanghai">Asia/Shanghai</option>' in page
    assert "Mar 10, 2026, 23:30" in page

    response = client.post(
        reverse("notification_settings"), {"time_zone": "Asia/Shanghai"}, follow=True
    )

    page = response.content.decode()
    assert "Times are now shown in Asia/Shanghai." in page
    assert UserPreference.objects.get(user=user).time_zone == "Asia/Shanghai"
    assert '<option value="Asia/Shanghai" selected>' in page
    assert "Mar 11, 2026, 07:30" in page  # the same moment, on Shanghai's clock
    client.logout()
    client.force_login(user)  # a new session reads it from the preference
    assert "Mar 11, 2026, 07:30" in client.get(URL).content.decode()


def test_a_zone_not_on_the_list_is_refused_beside_the_field_keeping_the_rest(client, user):
    from customers.models import UserPreference

    client.force_login(user)

    response = client.post(
        reverse("notification_settings"), {"time_zone": "Mars/Olympus", "reminder_email": "on"}
    )

    assert response.status_code == 422
    page = response.content.decode()
    assert "Choose a time zone from the list." in page
    assert 'aria-invalid="true"' in page
    assert 'name="reminder_email" checked' in page  # what was ticked stays ticked
    assert not UserPreference.objects.filter(user=user, time_zone="Mars/Olympus").exists()


def test_saving_the_zone_without_an_email_address_leaves_email_reminders_alone(client, user):
    from customers.models import UserPreference

    UserPreference.objects.create(user=user, reminder_email=True)
    user.email = ""
    user.save()
    client.force_login(user)

    response = client.post(reverse("notification_settings"), {"time_zone": "Europe/Paris"})

    assert response.status_code == 302
    preference = UserPreference.objects.get(user=user)
    assert (preference.time_zone, preference.reminder_email) == ("Europe/Paris", True)


def test_a_session_from_before_time_zones_reads_the_zone_once(client, user, notify):
    from customers.core.timezones import SESSION_KEY
    from customers.models import UserPreference

    UserPreference.objects.create(user=user, time_zone="Asia/Shanghai")
    note = notify("Due now: call")
    moment = datetime.datetime(2026, 3, 10, 23, 30, tzinfo=datetime.UTC)
    Notification.objects.filter(pk=note.pk).update(created_at=moment)
    client.force_login(user)
    session = client.session
    del session[SESSION_KEY]
    session.save()

    assert "Mar 11, 2026, 07:30" in client.get(URL).content.decode()
    assert client.session[SESSION_KEY] == "Asia/Shanghai"
