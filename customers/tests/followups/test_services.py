"""The task rules, as every caller (views, admin, commands) meets them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from customers.core.concurrency import EditConflict
from customers.core.services import customer_trash
from customers.deals.services import deal_create
from customers.followups.services import (
    task_complete,
    task_reopen,
    task_snooze,
)
from customers.models import Customer, FollowUp, Interaction, Stage
from customers.record.services import contact_create
from customers.tests.followups.conftest import TODAY
from customers.trash.services import customer_purge

pytestmark = pytest.mark.django_db
NOON = datetime.datetime(2026, 3, 10, 12, tzinfo=datetime.UTC)


def next_step(customer) -> datetime.date | None:
    return Customer.all_objects.get(pk=customer.pk).next_step_due


def test_a_task_is_for_its_creator_unless_someone_else_is_named(make_task, user, manager):
    assert make_task().assignee == user
    assert make_task(assignee=manager).assignee == manager


def test_a_due_day_in_the_past_is_allowed(make_task):
    task = make_task(due_date=TODAY - datetime.timedelta(days=30))
    assert task.pk and task.is_open


def test_no_task_on_a_customer_in_the_trash(make_task, ann, user):
    customer_trash(customers=[ann], by=user)
    ann.refresh_from_db()

    with pytest.raises(ValidationError) as error:
        make_task(customer=Customer.all_objects.get(pk=ann.pk))

    assert "in the trash" in str(error.value.message_dict["customer"])
    assert not FollowUp.objects.exists()


def test_an_assignee_who_cannot_see_customers_is_refused(make_task, no_role_user, make_user):
    with pytest.raises(ValidationError) as error:
        make_task(assignee=no_role_user)
    assert "cannot see customers" in error.value.message_dict["assignee"][0]

    gone = make_user("gone", perms=("view_customer",), is_active=False)
    with pytest.raises(ValidationError):
        make_task(assignee=gone)


def test_a_deal_or_contact_of_another_customer_is_refused(make_task, make_customer):
    other = make_customer(name="Other")
    deal = deal_create(customer=other, title="Big", amount=1, stage=Stage.objects.first())
    contact = contact_create(customer=other, name="Olga")

    with pytest.raises(ValidationError) as error:
        make_task(deal=deal, contact=contact)

    assert set(error.value.message_dict) == {"deal", "contact"}


def test_a_title_longer_than_200_characters_is_refused(make_task):
    with pytest.raises(ValidationError) as error:
        make_task(title="x" * 10_000)
    assert "title" in error.value.message_dict


def test_the_customer_next_step_is_its_earliest_open_task(make_task, ann, user):
    assert next_step(ann) is None
    later = make_task(due_date=TODAY + datetime.timedelta(days=5))
    assert next_step(ann) == later.due_date
    sooner = make_task(due_date=TODAY)
    assert next_step(ann) == TODAY

    task_complete(task=sooner, by=user, now=NOON)
    assert next_step(ann) == later.due_date
    task_snooze(task=later, until=TODAY + datetime.timedelta(days=9))
    assert next_step(ann) == TODAY + datetime.timedelta(days=9)
    task_reopen(task=FollowUp.objects.get(pk=sooner.pk))
    assert next_step(ann) == TODAY


def test_the_next_step_moves_no_version_and_leaves_no_history(make_task, ann):
    version, changes = ann.version, ann.history.count()
    make_task()
    ann.refresh_from_db()
    assert (ann.version, ann.history.count()) == (version, changes)


def test_completing_records_what_was_done_on_the_timeline(make_task, user):
    task = make_task(title="Send the quote")

    assert task_complete(task=task, by=user, note="Sent by post", now=NOON) is None

    task.refresh_from_db()
    assert (task.done_at, task.done_by) == (NOON, user)
    entry = Interaction.objects.get()
    assert (entry.subject, entry.body, entry.recorded_by) == (
        "Done: Send the quote",
        "Sent by post",
        user,
    )
    assert task.done_interaction == entry


def test_completing_twice_records_it_once(make_task, user):
    task = make_task()
    task_complete(task=task, by=user, now=NOON)
    task_complete(task=task, by=user, now=NOON)
    assert Interaction.objects.count() == 1


def test_done_and_follow_up_in_a_week(make_task, user, ann):
    task = make_task(title="Check in", priority=FollowUp.Priority.HIGH)

    follow_up = task_complete(task=task, by=user, now=NOON, follow_up_in=datetime.timedelta(days=7))

    assert follow_up.is_open and follow_up.title == "Check in"
    assert follow_up.due_date == datetime.date(2026, 3, 17)
    assert (follow_up.priority, follow_up.assignee) == (FollowUp.Priority.HIGH, user)
    assert next_step(ann) == datetime.date(2026, 3, 17)


def test_undo_reopens_and_takes_back_the_entry_and_the_follow_up(make_task, user, ann):
    task = make_task()
    follow_up = task_complete(task=task, by=user, now=NOON, follow_up_in=datetime.timedelta(days=7))

    task_reopen(task=task, drop_follow_up=follow_up)

    task.refresh_from_db()
    assert task.is_open and task.done_by is None
    assert not Interaction.objects.exists()
    assert list(FollowUp.objects.all()) == [task]
    assert next_step(ann) == TODAY


def test_a_snooze_over_a_newer_change_is_refused(make_task):
    task = make_task()
    seen = task.version
    task_snooze(task=task, until=TODAY + datetime.timedelta(days=1), version=seen)

    with pytest.raises(EditConflict):
        task_snooze(task=task, until=TODAY + datetime.timedelta(days=7), version=seen)

    assert FollowUp.objects.get().due_date == TODAY + datetime.timedelta(days=1)


def test_a_task_lives_and_dies_with_its_customer(make_task, ann, user):
    make_task()
    customer_trash(customers=[ann], by=user)
    assert not FollowUp.objects.exists()  # hidden with its customer
    assert FollowUp._base_manager.count() == 1

    customer_purge(customers=[Customer.all_objects.get(pk=ann.pk)])

    assert FollowUp._base_manager.count() == 0


def test_a_task_change_is_in_its_history(make_task, user):
    task = make_task()
    task_snooze(task=task, until=TODAY + datetime.timedelta(days=2))
    assert [r.history_type for r in task.history.order_by("history_id")] == ["+", "~"]


def test_task_create_is_atomic(make_task, no_role_user):
    with pytest.raises(ValidationError):
        make_task(assignee=no_role_user)
    assert not FollowUp._base_manager.exists()


def test_a_tasks_changes_are_in_its_customers_history(make_task, user, ann):
    from customers.history.selectors import customer_history

    task = make_task(title="Call back")
    task_snooze(task=task, until=datetime.date(2026, 3, 20))
    task_complete(task=task, by=user, now=NOON)

    page = customer_history(customer_id=ann.pk, kinds=[FollowUp])

    headlines = [e.headline for e in page.entries]
    assert headlines.count("Changed task “Call back”") == 2
    assert "Added task “Call back”" in headlines
    snoozed = [e for e in page.entries if any(c.field == "Due" for c in e.changes)]
    assert snoozed and snoozed[0].changes[0].new.startswith("Mar")
