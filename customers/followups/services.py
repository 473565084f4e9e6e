"""Every write to follow-ups: the views, the admin and commands all come here.

Each write also keeps the customer's `next_step_due` (its earliest open task's day) in
step, which the grid shows and sorts by.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.core.concurrency import versioned_update
from customers.core.validation import apply_changes, validated_save
from customers.followups.rules import NO_ACCESS, may_work_on_customers
from customers.models import CalendarFeed, Contact, Customer, Deal, FollowUp, Interaction
from customers.models.followup import OPEN, new_calendar_token
from customers.timeline.services import interaction_create

IN_TRASH = gettext_lazy("“{customer}” is in the trash: restore it before adding tasks to it.")
FOLLOW_UP_DAYS = 7  # "Done, and follow up in a week"


def refresh_next_step(*, customer_id: int) -> None:
    """Set the customer's next step to its earliest open task's day (or none).

    An update, not a save: it is derived, so it moves neither the customer's version
    (no edit conflict with someone editing it) nor its history. The customer's row is
    locked before its tasks are read, so two writers to one customer's tasks at once
    cannot leave the earlier one's answer last (SQLite serialises writers anyway).
    """
    customers = Customer.all_objects.filter(pk=customer_id)
    with transaction.atomic():
        customers.select_for_update(of=("self",)).values_list("pk").first()
        earliest = FollowUp.objects.filter(OPEN, customer_id=customer_id).aggregate(
            day=Min("due_date")
        )["day"]
        customers.update(next_step_due=earliest)


def _check_assignee(assignee) -> None:
    if assignee is None or not may_work_on_customers(assignee):
        name = assignee.get_username() if assignee else _("Nobody")
        raise ValidationError({"assignee": NO_ACCESS.format(name=name)})


@transaction.atomic
def task_create(
    *,
    customer: Customer,
    title: str,
    due_date: datetime.date,
    created_by: AbstractBaseUser | None,
    assignee: AbstractBaseUser | None = None,
    due_time: datetime.time | None = None,
    priority: int = FollowUp.Priority.NORMAL,
    description: str = "",
    deal: Deal | None = None,
    contact: Contact | None = None,
    support_request: Interaction | None = None,
) -> FollowUp:
    """A new open task, assigned to its creator unless someone else is named."""
    if customer.in_trash:
        raise ValidationError({"customer": IN_TRASH.format(customer=customer)})
    assignee = assignee or created_by
    _check_assignee(assignee)
    task = FollowUp(
        customer=customer,
        title=title,
        description=description,
        due_date=due_date,
        due_time=due_time,
        priority=priority,
        assignee=assignee,
        deal=deal,
        contact=contact,
        support_request=support_request,
        created_by=created_by,
    )
    validated_save(task)
    refresh_next_step(customer_id=customer.pk)
    return task


@transaction.atomic
def task_complete(
    *,
    task: FollowUp,
    by: AbstractBaseUser | None,
    note: str = "",
    follow_up_in: datetime.timedelta | None = None,
    now: datetime.datetime | None = None,
) -> FollowUp | None:
    """Mark `task` done, and record it on the customer's timeline as what was done.

    With `follow_up_in`, the next task of the same kind is scheduled that far from today
    in the same step; it is returned (else None). Completing a done task changes nothing.
    """
    if not task.is_open:
        return None
    now = now or timezone.now()
    entry = interaction_create(
        customer=task.customer,
        recorded_by=by,
        kind=Interaction.Kind.NOTE,
        subject=done_subject(task),
        body=note,
        happened_at=now,
        contact=task.contact,
    )
    apply_changes(task, {"done_at": now, "done_by": by, "done_interaction": entry})
    follow_up = None
    if follow_up_in is not None:
        follow_up = task_create(
            customer=task.customer,
            title=task.title,
            description=task.description,
            due_date=timezone.localdate(now) + follow_up_in,
            due_time=task.due_time,
            priority=task.priority,
            assignee=task.assignee,
            deal=task.deal,
            contact=task.contact,
            support_request=task.support_request,
            created_by=by,
        )
    refresh_next_step(customer_id=task.customer_id)
    return follow_up


@transaction.atomic
def done_subject(task: FollowUp) -> str:
    """The subject of the timeline entry that completing `task` records. Stored, not
    rendered per reader: the entry is a note like any other, which its author may edit
    and everyone searches and exports by its words; so it is written once, in the
    language of who completed the task (the request's).
    """
    subject = _("Done: {title}").format(title=task.title)
    return subject[: Interaction._meta.get_field("subject").max_length]


def task_reopen(*, task: FollowUp, drop_follow_up: FollowUp | None = None) -> FollowUp:
    """Undo a completion: open again, its timeline entry taken back, and the follow-up
    the completion scheduled (if still open and on the same customer) removed."""
    if task.is_open:
        return task
    if task.done_interaction_id:
        Interaction.objects.filter(pk=task.done_interaction_id).delete()
    apply_changes(task, {"done_at": None, "done_by": None, "done_interaction": None})
    if (
        drop_follow_up is not None
        and drop_follow_up.is_open
        and drop_follow_up.customer_id == task.customer_id
    ):
        drop_follow_up.delete()
    refresh_next_step(customer_id=task.customer_id)
    return task


def task_snooze(*, task: FollowUp, until: datetime.date, version: int | None = None) -> FollowUp:
    """Move the task to another day. With the `version` the button was drawn from, a
    change made meanwhile is not overwritten (EditConflict)."""
    with transaction.atomic():
        saved = versioned_update(task, {"due_date": until}, version=version, apply=_apply)
        refresh_next_step(customer_id=saved.customer_id)
    return saved


def task_update(
    *, task: FollowUp, data: dict, version: int | None, by: AbstractBaseUser | None
) -> FollowUp:
    """Save the changed fields of a task (its full form). With the `version` the form
    started from, a change made meanwhile to the same field is an EditConflict. An
    assignee left empty is whoever saves: "Me" in the form."""
    if "assignee" in data:
        data = {**data, "assignee": data["assignee"] or by}
        _check_assignee(data["assignee"])
    with transaction.atomic():
        saved = versioned_update(task, data, version=version, apply=_apply)
        refresh_next_step(customer_id=saved.customer_id)
    return saved


@transaction.atomic
def task_delete(*, task: FollowUp) -> None:
    """Delete a task for good (it stays in the customer's history); the customer's next
    step moves to its next open task."""
    task.delete()
    refresh_next_step(customer_id=task.customer_id)


def _apply(task: FollowUp, data: dict) -> None:
    if data.keys() & {"due_date", "due_time"}:
        data = {**data, "reminded": False}  # a new moment: remind of it again
    if data:
        apply_changes(task, data)


def calendar_feed(*, user: AbstractBaseUser) -> CalendarFeed:
    """The user's calendar address, made the first time it is asked for."""
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return feed


def calendar_reset(*, user: AbstractBaseUser) -> CalendarFeed:
    """A new secret address for the user's calendar; the old one stops working."""
    feed = calendar_feed(user=user)
    feed.token = new_calendar_token()
    feed.save(update_fields=["token", "created_at"])
    return feed
