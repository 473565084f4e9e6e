"""Reminders: at a task's due moment its assignee is told, in the app and, if they
asked for it, by email; overdue tasks go into one digest email a day.

The background worker calls `reminders_send` and `digests_send` every minute
(customers/followups/tasks.py). Both are safe to run twice at once or again after a
crash: a task is claimed by one conditional UPDATE before anyone is told of it, and a
digest by inserting its one row of the day. A worker that was down catches up without
flooding: moments it missed by more than `LATE` are told in the app only, as their
tasks are overdue by then and the next digest lists them together.

Every moment is the assignee's: a task's day and time are in their time zone (their
preference, else TIME_ZONE), and so are REMINDER_HOUR and DIGEST_HOUR. A sweep thus
reads the days that are "today" somewhere on Earth, and asks each task and each user
what their own clock says.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from customers.models import DigestSent, FollowUp, Notification, UserPreference
from customers.models.followup import OPEN
from customers.models.preference import zone_named, zone_of

logger = logging.getLogger(__name__)

LATE = datetime.timedelta(minutes=30)
# Moments missed by more than this are not told at all, only marked: a first run over
# an old database, or a worker down for days, would otherwise tell of every task ever.
STALE = datetime.timedelta(days=1)
DIGEST_TASKS_SHOWN = 50  # an overdue list longer than this ends with "and N more"
# How far the zones' clocks are from UTC at most (Pacific/Kiritimati, Etc/GMT+12): the
# days that are "today" somewhere lie within these of UTC's.
AHEAD, BEHIND = datetime.timedelta(hours=14), datetime.timedelta(hours=12)


def due_moment(task: FollowUp) -> datetime.datetime:
    """When `task` is due: its day and time, or REMINDER_HOUR on its day when it has no
    time, in its assignee's time zone (the site's for a task nobody has)."""
    at = task.due_time or datetime.time(settings.REMINDER_HOUR)
    zone = zone_of(task.assignee) if task.assignee_id else zone_named("")
    return datetime.datetime.combine(task.due_date, at, tzinfo=zone)


def _latest_today(now: datetime.datetime) -> datetime.date:
    """The latest day it is anywhere at `now`."""
    return (now.astimezone(datetime.UTC) + AHEAD).date()


def _earliest_today(now: datetime.datetime) -> datetime.date:
    """The earliest day it is anywhere at `now`."""
    return (now.astimezone(datetime.UTC) - BEHIND).date()


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
    # Stale in every zone: marked in one update, never read.
    unreminded.filter(due_date__lt=_earliest_today(now - STALE)).update(reminded=True)
    candidates = (
        unreminded.filter(assignee__isnull=False, due_date__lte=_latest_today(now))
        .select_related("assignee__preference", "customer")
        .order_by("due_date", "due_time", "id")
    )
    for task in candidates:
        moment = due_moment(task)
        if moment > now:
            continue  # later today where its assignee is, or not yet their day
        claim = FollowUp.objects.filter(pk=task.pk, reminded=False)
        if now - moment > STALE:
            claim.update(reminded=True)  # stale in its assignee's zone: not told
            continue
        with transaction.atomic():
            # The claim: of two workers at once, only one sees this row change.
            if not claim.update(reminded=True):
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
    """Once a day of theirs, from DIGEST_HOUR in their time zone, email each user who
    wants email the list of their overdue tasks. A day the worker missed is not sent
    late: today's lists them all."""
    now = now or timezone.now()
    open_tasks = FollowUp.objects.filter(OPEN, assignee__isnull=False)
    # Who may have overdue tasks somewhere on Earth and wants them by email; each one's
    # own day and hour decide below.
    maybe = (
        open_tasks.filter(
            due_date__lt=_latest_today(now),
            assignee__preference__reminder_email=True,
        )
        .exclude(assignee__email="")
        .values_list("assignee", flat=True)
        .distinct()
    )
    users = get_user_model().objects.filter(pk__in=maybe).select_related("preference")
    users = users.order_by("pk")
    sent_days = set(
        DigestSent.objects.filter(
            user__in=maybe, day__gte=_earliest_today(now), day__lte=_latest_today(now)
        ).values_list("user", "day")
    )
    sent = 0
    for user in users:
        local = timezone.localtime(now, zone_of(user))
        today = local.date()
        if local.hour < settings.DIGEST_HOUR or (user.pk, today) in sent_days:
            continue
        overdue = open_tasks.filter(assignee=user, due_date__lt=today)
        count = overdue.count()
        if not count or not wants_email(user):
            continue
        task_list = list(
            overdue.select_related("customer").order_by("due_date", "-priority", "id")[
                :DIGEST_TASKS_SHOWN
            ]
        )
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, day=today, tasks=count)
        except IntegrityError:
            continue  # another worker sent it
        with in_their_language(user):
            sent += _mail(
                user,
                subject=ngettext("%(count)s overdue task", "%(count)s overdue tasks", count)
                % {"count": count},
                template="customers/followups/emails/digest.txt",
                context={
                    "tasks": task_list,
                    "count": count,
                    "more": count - len(task_list),
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
