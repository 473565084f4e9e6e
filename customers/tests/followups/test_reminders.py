"""Reminders at a task's due moment, and the daily digest of overdue tasks."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from customers.core.services import customer_delete
from customers.followups.reminders import digests_send, reminders_send
from customers.followups.services import task_complete, task_snooze
from customers.models import FollowUp, Notification, UserPreference

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def wants_email(user):
    """The assignee asked for reminders by email too (the Notifications page)."""
    return UserPreference.objects.create(user=user, reminder_email=True)


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def test_a_timed_task_is_told_at_its_time_in_the_app_and_by_email(make_task, user):
    task = make_task(title="Call back Ann", due_time=datetime.time(10, 30))

    assert reminders_send(now=at(TODAY, 10, 29)).notified == 0
    sent = reminders_send(now=at(TODAY, 10, 30))

    assert (sent.notified, sent.emailed) == (1, 1)
    notification = Notification.objects.get()
    assert notification.user == user
    assert notification.followup == task
    assert notification.text == "Due now: Call back Ann (Ann Lee)"
    (email,) = mail.outbox
    assert email.to == [user.email]
    assert email.subject == "Reminder: Call back Ann"
    assert "Customer: Ann Lee" in email.body
    assert "http://127.0.0.1:8000/tasks/" in email.body


def test_a_task_with_a_day_only_is_told_at_the_reminder_hour(make_task, settings):
    settings.REMINDER_HOUR = 9
    make_task()

    assert reminders_send(now=at(TODAY, 8, 59)).notified == 0
    assert reminders_send(now=at(TODAY, 9, 0)).notified == 1


def test_a_reminder_is_sent_once_however_often_the_sweep_runs(make_task):
    make_task(due_time=datetime.time(10))

    counts = [reminders_send(now=at(TODAY, 10, minute)).notified for minute in range(5)]

    assert counts == [1, 0, 0, 0, 0]
    assert len(mail.outbox) == 1


def test_a_moment_missed_by_a_down_worker_is_told_in_the_app_but_not_mailed(make_task):
    make_task(due_time=datetime.time(7))

    sent = reminders_send(now=at(TODAY, 11))

    assert (sent.notified, sent.emailed) == (1, 0)
    assert mail.outbox == []


def test_tasks_long_overdue_are_not_told_one_by_one(make_task):
    """A worker down for days, or the first sweep over an old database: the overdue
    list and the digest say it, not a notification per task."""
    old = [make_task(due_date=TODAY - datetime.timedelta(days=d)) for d in range(3, 40)]

    assert reminders_send(now=at(TODAY, 12)).notified == 0
    assert Notification.objects.count() == 0
    assert FollowUp.objects.filter(pk__in=[t.pk for t in old], reminded=False).count() == 0


def test_a_snoozed_task_is_told_again_at_its_new_day(make_task):
    task = make_task()
    reminders_send(now=at(TODAY, 9))
    tomorrow = TODAY + datetime.timedelta(days=1)

    task_snooze(task=task, until=tomorrow)

    assert reminders_send(now=at(TODAY, 23)).notified == 0
    assert reminders_send(now=at(tomorrow, 9)).notified == 1
    assert Notification.objects.count() == 2


def test_done_tasks_and_customers_in_the_trash_are_not_told(make_task, make_customer, user):
    done = make_task(title="Done already")
    task_complete(task=done, by=user)
    bob = make_customer(name="Bob Jones")
    make_task(customer=bob, title="Trashed")
    customer_delete(customer=bob, by=user)

    assert reminders_send(now=at(TODAY, 12)).notified == 0


def test_a_title_with_line_breaks_makes_a_one_line_subject(make_task, ann):
    make_task(title="Call\r\nBcc: everyone@example.com")

    reminders_send(now=at(TODAY, 9))

    (email,) = mail.outbox
    assert email.subject == "Reminder: Call Bcc: everyone@example.com"
    assert email.message()["Bcc"] is None


def test_a_user_without_an_email_address_is_told_in_the_app_only(make_task, user):
    user.email = ""
    user.save()
    make_task()

    sent = reminders_send(now=at(TODAY, 9))

    assert (sent.notified, sent.emailed) == (1, 0)


# --- The digest ----------------------------------------------------------------------


def test_overdue_tasks_come_in_one_digest_a_day(make_task, user, settings):
    settings.DIGEST_HOUR = 8
    for days, title in ((1, "Send quote"), (2, "Call back"), (9, "Visit")):
        make_task(title=title, due_date=TODAY - datetime.timedelta(days=days))
    make_task(title="Not yet", due_date=TODAY)

    assert digests_send(now=at(TODAY, 7, 59)) == 0
    assert digests_send(now=at(TODAY, 8)) == 1
    assert digests_send(now=at(TODAY, 15)) == 0  # once a day

    (email,) = mail.outbox
    assert email.to == [user.email]
    assert email.subject == "3 overdue tasks"
    assert email.body.index("Visit") < email.body.index("Call back") < email.body.index("Send")
    assert "Not yet" not in email.body
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert digests_send(now=at(tomorrow, 8)) == 1
    assert mail.outbox[1].subject == "4 overdue tasks"


def test_no_digest_without_overdue_tasks(make_task):
    make_task(due_date=TODAY)

    assert digests_send(now=at(TODAY, 12)) == 0
    assert mail.outbox == []


# --- The worker's sweep ----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)  # the worker commits and closes its connection
def test_the_worker_sweeps_for_reminders_and_queues_the_next_sweep(make_task, user):
    from django_tasks_db.models import DBTaskResult

    from customers.followups.tasks import reminders_start, sweep_path
    from customers.tests.imports.helpers import run_worker_once

    moment = timezone.localtime() - datetime.timedelta(minutes=5)
    make_task(title="Due a moment ago", due_date=moment.date(), due_time=moment.time())

    run_worker_once()  # the worker queues a sweep as it starts, and runs it

    assert Notification.objects.get().text.startswith("Due now: Due a moment ago")
    waiting = DBTaskResult.objects.filter(task_path=sweep_path(), status="READY")
    assert waiting.count() == 1
    assert waiting.get().run_after > timezone.now()
    assert reminders_start() is False  # one is waiting: no second chain


def test_without_asking_for_email_reminders_are_in_the_app_only(make_task, wants_email):
    wants_email.reminder_email = False
    wants_email.save()
    make_task(due_date=TODAY - datetime.timedelta(days=3))
    make_task()

    assert reminders_send(now=at(TODAY, 9)).emailed == 0
    assert digests_send(now=at(TODAY, 9)) == 0
    assert mail.outbox == []
    assert Notification.objects.count() == 1


def test_reminders_are_written_in_the_assignees_language(make_task, wants_email):
    wants_email.language = "zh-hans"
    wants_email.save()
    make_task(title="回电话")

    reminders_send(now=at(TODAY, 9))

    assert Notification.objects.get().text == "到期：回电话（Ann Lee）"
    (email,) = mail.outbox
    assert email.subject == "提醒：回电话"
    assert "客户：Ann Lee" in email.body


# --- In each assignee's time zone ----------------------------------------------------

SHANGHAI, NEW_YORK = ZoneInfo("Asia/Shanghai"), ZoneInfo("America/New_York")


@pytest.fixture
def far_apart(user, wants_email, make_user):
    """Two assignees who want email: `user` in Shanghai (UTC+8), Nina in New York
    (UTC-4 in this week of March, summer time having begun on the 8th)."""
    wants_email.time_zone = "Asia/Shanghai"
    wants_email.save()
    nina = make_user("nina", perms=("view_customer", "view_followup", "change_followup"))
    UserPreference.objects.create(user=nina, reminder_email=True, time_zone="America/New_York")
    return user, nina


def when(day, hour, zone, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


def test_a_day_only_task_is_told_at_the_reminder_hour_of_its_assignees_zone(
    make_task, far_apart, settings
):
    settings.REMINDER_HOUR = 9
    shanghai, nina = far_apart
    make_task(title="Shanghai's", assignee=shanghai)
    make_task(title="New York's", assignee=nina)

    # 9:00 in Shanghai is 21:00 of the day before in New York: only Shanghai's is due.
    assert reminders_send(now=when(TODAY, 8, SHANGHAI, 59)).notified == 0
    assert reminders_send(now=when(TODAY, 9, SHANGHAI)).notified == 1
    assert Notification.objects.get().user == shanghai
    assert reminders_send(now=when(TODAY, 8, NEW_YORK, 59)).notified == 0
    assert reminders_send(now=when(TODAY, 9, NEW_YORK)).notified == 1
    assert [n.user for n in Notification.objects.order_by("pk")] == [shanghai, nina]
    assert [m.to for m in mail.outbox] == [[shanghai.email], [nina.email]]


def test_a_timed_task_is_due_at_its_time_where_its_assignee_is(make_task, far_apart):
    _, nina = far_apart
    make_task(assignee=nina, due_time=datetime.time(10, 30))

    assert reminders_send(now=when(TODAY, 10, NEW_YORK, 29)).notified == 0
    assert reminders_send(now=when(TODAY, 10, NEW_YORK, 30)).notified == 1
    assert reminders_send(now=when(TODAY, 10, NEW_YORK, 31)).notified == 0  # once


def test_the_digest_goes_at_the_digest_hour_of_each_recipients_day(make_task, far_apart, settings):
    settings.DIGEST_HOUR = 8
    shanghai, nina = far_apart
    yesterday = TODAY - datetime.timedelta(days=1)
    make_task(title="Shanghai's", assignee=shanghai, due_date=yesterday)
    make_task(title="New York's", assignee=nina, due_date=yesterday)

    assert digests_send(now=when(TODAY, 7, SHANGHAI, 59)) == 0
    assert digests_send(now=when(TODAY, 8, SHANGHAI)) == 1
    # Shanghai's evening is New York's morning of the same day: Nina's turn, once.
    assert digests_send(now=when(TODAY, 7, NEW_YORK, 59)) == 0
    assert digests_send(now=when(TODAY, 8, NEW_YORK)) == 1
    # 19:59 in New York is 7:59 of the 11th in Shanghai: nobody's hour yet.
    assert digests_send(now=when(TODAY, 19, NEW_YORK, 59)) == 0
    assert [m.to for m in mail.outbox] == [[shanghai.email], [nina.email]]
    # The next day of each: one more each, at their own 8:00.
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert digests_send(now=when(tomorrow, 8, SHANGHAI)) == 1
    assert digests_send(now=when(tomorrow, 8, NEW_YORK)) == 1
    assert [m.to for m in mail.outbox[2:]] == [[shanghai.email], [nina.email]]


def test_a_task_due_today_in_new_york_is_not_overdue_there_yet(make_task, far_apart, settings):
    """At 8:00 in Shanghai on the 11th it is still the 10th in New York: Nina's task of
    the 10th is not overdue for her, while Shanghai's of the 10th is."""
    settings.DIGEST_HOUR = 8
    shanghai, nina = far_apart
    make_task(title="Shanghai's", assignee=shanghai)
    make_task(title="New York's", assignee=nina)
    tomorrow = TODAY + datetime.timedelta(days=1)

    digests_send(now=when(tomorrow, 8, SHANGHAI))
    digests_send(now=when(TODAY, 20, NEW_YORK))  # the same moment, as New York's clock says it

    (email,) = mail.outbox
    assert email.to == [shanghai.email]
    assert "Shanghai's" in email.body and "New York's" not in email.body
