"""Each user's tasks in their own time zone: what "today" is on My work, the badge and
the record's one-click days, and the calendar feed's times."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from customers.followups.services import calendar_feed
from customers.models import FollowUp, UserPreference
from ui.testing import HX

pytestmark = pytest.mark.django_db


def elsewhere() -> tuple[str, datetime.date]:
    """A zone where it is another day than in UTC right now, and that day: whatever the
    hour the test runs at, Kiritimati (UTC+14) or Baker Island (UTC-12) is there."""
    now = timezone.now()
    for name in ("Pacific/Kiritimati", "Etc/GMT+12"):
        day = timezone.localdate(now, ZoneInfo(name))
        if day != now.astimezone(datetime.UTC).date():
            return name, day
    raise AssertionError("every zone on UTC's day")


@pytest.fixture
def far_away(user, settings):
    """`user` lives in a zone on another day than the site's (UTC)."""
    settings.TIME_ZONE = "UTC"
    name, day = elsewhere()
    UserPreference.objects.create(user=user, time_zone=name)
    return day


def test_my_work_and_the_badge_count_days_on_the_users_clock(client, user, far_away, make_task):
    make_task(title="Theirs today", due_date=far_away)
    make_task(title="Theirs yesterday", due_date=far_away - datetime.timedelta(days=1))
    client.force_login(user)

    page = client.get("/tasks/").content.decode()

    assert 'Overdue <span class="task-group__count">(1)</span>' in page
    assert 'Today <span class="task-group__count">(1)</span>' in page
    badge = client.get("/tasks/badge/", headers=HX).content.decode()
    assert 'aria-label="My work, 2 due"' in badge


def test_tomorrow_on_the_record_is_the_users_tomorrow(client, user, far_away, ann):
    client.force_login(user)

    client.post(f"/customers/{ann.pk}/tasks/add/", {"title": "Call", "when": "tomorrow"})

    assert FollowUp.objects.get().due_date == far_away + datetime.timedelta(days=1)


def test_the_calendar_feed_tells_due_times_in_the_users_zone(user, make_task):
    UserPreference.objects.create(user=user, time_zone="Asia/Shanghai")
    make_task(title="At nine", due_date=datetime.date(2026, 3, 11), due_time=datetime.time(9))
    token = calendar_feed(user=user).token

    body = Client().get(f"/tasks/calendar/{token}.ics").content

    (event,) = Calendar.from_ical(body).walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == datetime.datetime(2026, 3, 11, 1, tzinfo=datetime.UTC)  # 9:00 in Shanghai
    assert b"DTSTART;TZID=Asia/Shanghai:20260311T090000" in body
    assert b"BEGIN:VTIMEZONE" in body and b"TZID:Asia/Shanghai" in body


def test_a_signed_out_page_and_the_next_user_are_not_left_in_someone_elses_zone(
    client, user, far_away
):
    client.force_login(user)
    client.get("/tasks/")

    assert timezone.get_current_timezone_name() == "UTC"
