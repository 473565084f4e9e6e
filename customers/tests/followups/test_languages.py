"""What the follow-ups write for a user outside their pages: the calendar feed in their
own language, and the timeline entry of a completed task in the completer's."""

import datetime

import pytest
from django.test import Client
from icalendar import Calendar

from customers.followups.services import calendar_feed
from customers.models import Interaction, UserPreference

pytestmark = pytest.mark.django_db


def feed(user) -> tuple[Calendar, list]:
    response = Client().get(f"/tasks/calendar/{calendar_feed(user=user).token}.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    return calendar, calendar.walk("VEVENT")


def test_a_chinese_users_calendar_is_in_chinese(make_task, user):
    UserPreference.objects.create(user=user, language="zh-hans")
    make_task(title="回电话", due_date=datetime.date(2026, 3, 10))

    calendar, (event,) = feed(user)  # fetched without a session, by a calendar app

    assert str(calendar["x-wr-calname"]) == "CRM 任务"
    assert str(event["summary"]) == "回电话（Ann Lee）"
    assert str(event["description"]).startswith("客户：Ann Lee")


def test_an_english_users_calendar_stays_english(make_task, user):
    make_task(title="Call back", due_date=datetime.date(2026, 3, 10))

    calendar, (event,) = feed(user)

    assert str(calendar["x-wr-calname"]) == "CRM tasks"
    assert str(event["summary"]) == "Call back (Ann Lee)"
    assert str(event["description"]).startswith("Customer: Ann Lee")


@pytest.mark.parametrize(("language", "subject"), [("zh-hans", "完成：报价"), ("en", "Done: 报价")])
def test_a_completed_tasks_entry_is_written_in_the_completers_language(
    make_task, user, language, subject
):
    UserPreference.objects.create(user=user, language=language)
    task = make_task(title="报价")
    browser = Client()
    browser.force_login(user)

    browser.post(f"/tasks/{task.pk}/complete/", {"next": "/tasks/"})

    assert Interaction.objects.get().subject == subject
