"""Reminders at a task's due moment, and the daily digest of overdue tasks."""

import datetime

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
