"""Reminders: at a task's due moment its assignee is told, in the app and, if they
asked for it, by email; overdue tasks go into one digest email a day.

The background worker calls `reminders_send` and `digests_send` every minute
(customers/followups/tasks.py). Both are safe to run twice at once or again after a
crash: a task is claimed by one conditional UPDATE before anyone is told of it, and a
digest by inserting its one row of the day. A worker that was down catches up without
flooding: moments it missed by more than `LATE` are told in the app only, as their
tasks are overdue by then and the next digest lists them together.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from customers.models import DigestSent, FollowUp, Notification, UserPreference
from customers.models.followup import OPEN

logger = logging.getLogger(__name__)

LATE = datetime.timedelta(minutes=30)
# Moments missed by more than this are not told at all, only marked: a first run over
# an old database, or a worker down for days, would otherwise tell of every task ever.
STALE = datetime.timedelta(days=1)
DIGEST_TASKS_SHOWN = 50  # an overdue list longer than this ends with "and N more"


def due_moment(task: FollowUp) -> datetime.datetime:
    """When `task` is due: its day and time, or REMINDER_HOUR on its day when it has no
    time, in the site's time zone (TIME_ZONE), where due days are told."""
    at = task.due_time or datetime.time(settings.REMINDER_HOUR)
    return timezone.make_aware(datetime.datetime.combine(task.due_date, at))


def wants_email(user) -> bool:
    """Whether `user` chose email reminders (Notifications page), and has an address."""
    preference = _preference(user)
    return bool(user.email) and preference is not None and preference.reminder_email


def _preference(user):
    try:
        return user.preference
    except UserPreference.DoesNotExist:
        return None


def in_their_language(user):
    """What is written for `user` outside a request is in their language: their own
    setting, else the site's."""
    preference = _preference(user)
    return translation.override((preference and preference.language) or settings.LANGUAGE_CODE)


@dataclass
class Sent:
    notified: int = 0
    emailed: int = 0


def reminders_send(*, now: datetime.datetime | None = None) -> Sent:
    """Tell the assignee of every open task whose moment has come and who was not told
    yet (tasks of customers in the trash wait for their restore)."""
    now = now or timezone.now()
    sent = Sent()
    unreminded = FollowUp.objects.filter(OPEN, reminded=False)
    unreminded.filter(due_date__lt=timezone.localdate(now - STALE)).update(reminded=True)
    candidates = (
        unreminded.filter(assignee__isnull=False, due_date__lte=timezone.localdate(now))
        .select_related("assignee__preference", "customer")
        .order_by("due_date", "due_time", "id")
    )
    for task in candidates:
        moment = due_moment(task)
        if moment > now:
            continue  # later today
        with transaction.atomic():
            # The claim: of two workers at once, only one sees this row change.
            if not FollowUp.objects.filter(pk=task.pk, reminded=False).update(reminded=True):
                continue
            email = now - moment <= LATE and wants_email(task.assignee)
            with in_their_language(task.assignee):
                text = _reminder_text(task)
            Notification.objects.create(user=task.assignee, followup=task, text=text, emailed=email)
            sent.notified += 1
        if email:
            with in_their_language(task.assignee):
                sent.emailed += _mail(
                    task.assignee,
                    subject=_("Reminder: %(title)s") % {"title": one_line(task.title)},
                    template="customers/followups/emails/reminder.txt",
                    context={"task": task, "url": _absolute(reverse("task_list"))},
                )
    return sent


def digests_send(*, now: datetime.datetime | None = None) -> int:
    """Once a day, from DIGEST_HOUR, email each user who wants email the list of their
    overdue tasks. A day the worker missed is not sent late: today's lists them all."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if timezone.localtime(now).hour < settings.DIGEST_HOUR:
        return 0
    overdue = FollowUp.objects.filter(OPEN, due_date__lt=today, assignee__isnull=False)
    users = (
        overdue.values("assignee")
        .annotate(count=Count("id"))
        .exclude(assignee__in=DigestSent.objects.filter(day=today).values("user"))
    )
    sent = 0
    for row in users:
        task_list = list(
            overdue.filter(assignee=row["assignee"])
            .select_related("assignee__preference", "customer")
            .order_by("due_date", "-priority", "id")[:DIGEST_TASKS_SHOWN]
        )
        user = task_list[0].assignee
        if not wants_email(user):
            continue
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, day=today, tasks=row["count"])
        except IntegrityError:
            continue  # another worker sent it
        with in_their_language(user):
            sent += _mail(
                user,
                subject=ngettext("%(count)s overdue task", "%(count)s overdue tasks", row["count"])
                % {"count": row["count"]},
                template="customers/followups/emails/digest.txt",
                context={
                    "tasks": task_list,
                    "count": row["count"],
                    "more": row["count"] - len(task_list),
                    "url": _absolute(reverse("task_list")),
                },
            )
    return sent


def one_line(text: str) -> str:
    """A header never carries a line break (header injection; Django refuses one)."""
    return " ".join(text.split())


def _reminder_text(task: FollowUp) -> str:
    text = _("Due now: %(title)s (%(customer)s)") % {
        "title": one_line(task.title),
        "customer": one_line(task.customer.name),
    }
    return text[: Notification._meta.get_field("text").max_length]


def _mail(user, *, subject: str, template: str, context: dict) -> int:
    """Send one plain-text email; a failure is logged, not raised: the notification is
    in the app already, and a retry would tell the user twice."""
    body = render_to_string(template, {"user": user, **context})
    try:
        return send_mail(subject, body, None, [user.email])
    except OSError:
        logger.exception("Could not email %s a reminder", user.get_username())
        return 0


def _absolute(path: str) -> str:
    return settings.SITE_URL + path
