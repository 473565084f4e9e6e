"""Follow-ups: what must happen next for a customer, and who does it by when.

Named FollowUp (and the area `customers/followups/`) rather than Task: Django's Tasks
framework (`django.tasks`) runs our background work, and by its convention an app's
background tasks live in `<app>/tasks.py`; a `customers.tasks` package of our own would
stand in its way, and "task" would mean two things in one codebase.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy
from simple_history.models import HistoricalRecords

from customers.models.shared import optional_link
from customers.models.trash import OfKeptCustomerManager
from customers.models.versioned import VersionedModel

TITLE_MAX = 200
OPEN = Q(done_at__isnull=True)


class FollowUp(VersionedModel):
    class Priority(models.IntegerChoices):
        # Numbers, so "then by priority" is an index order: high first is -priority.
        LOW = 0, gettext_lazy("Low")
        NORMAL = 1, gettext_lazy("Normal")
        HIGH = 2, gettext_lazy("High")

    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.CASCADE,
        related_name="followups",
        verbose_name=gettext_lazy("customer"),
    )
    # A task outlives the deal or contact it was about: it is still the customer's.
    deal = optional_link("customers.Deal", gettext_lazy("deal"), related_name="followups")
    contact = optional_link("customers.Contact", gettext_lazy("with"), related_name="followups")
    # A support request of the customer's (an Interaction of the support kind) that the
    # task is about: a support agent manages such tasks (customers/followups/rules.py).
    support_request = optional_link(
        "customers.Interaction",
        gettext_lazy("support request"),
        related_name="followups",
        limit_choices_to={"kind": "support"},
    )
    title = models.CharField(gettext_lazy("title"), max_length=TITLE_MAX)
    description = models.TextField(gettext_lazy("description"), blank=True)
    # A day, and optionally a time on it, both in the assignee's time zone (their
    # preference, else TIME_ZONE): "call back Thursday" is a day where they are, not an
    # instant.
    due_date = models.DateField(gettext_lazy("due"))
    due_time = models.TimeField(gettext_lazy("time"), null=True, blank=True)
    priority = models.PositiveSmallIntegerField(
        gettext_lazy("priority"), choices=Priority, default=Priority.NORMAL
    )
    assignee = optional_link(
        settings.AUTH_USER_MODEL, gettext_lazy("assignee"), related_name="followups", blank=False
    )
    done_at = models.DateTimeField(gettext_lazy("done"), null=True, blank=True, editable=False)
    done_by = optional_link(settings.AUTH_USER_MODEL, gettext_lazy("done by"), editable=False)
    # The timeline entry that completing it recorded; reopening (Undo) takes it back.
    done_interaction = optional_link(
        "customers.Interaction", gettext_lazy("timeline entry"), editable=False
    )
    # Its assignee was reminded of it (customers/followups/reminders.py). Moving the task
    # to another day or time sets it back, so the new moment is reminded too.
    reminded = models.BooleanField(gettext_lazy("reminded"), default=False, editable=False)
    created_by = optional_link(settings.AUTH_USER_MODEL, gettext_lazy("created by"), editable=False)
    created_at = models.DateTimeField(gettext_lazy("created"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)  # see VersionedModel

    history = HistoricalRecords()
    # Hidden while its customer is in the trash, back with it on restore, purged with it.
    objects = OfKeptCustomerManager()

    class Meta:
        verbose_name = gettext_lazy("task")
        verbose_name_plural = gettext_lazy("tasks")
        ordering = ["due_date", "-priority", "id"]
        indexes = [
            # A user's open tasks by due date: "My work", the badge's count, the feed.
            # The customer last, so the badge's count leaves out those in the trash from
            # the index alone, without reading a task.
            models.Index(
                fields=["assignee", "due_date", "-priority", "id", "customer"],
                name="followup_assignee_open_idx",
                condition=OPEN,
            ),
            # A customer's open tasks by due date: the record page, its next step.
            models.Index(
                fields=["customer", "due_date", "-priority", "id"],
                name="followup_customer_open_idx",
                condition=OPEN,
            ),
            # The reminders' sweep: open tasks not yet reminded, by day. A reminded task
            # leaves it, so the sweep reads only what it may still have to send.
            models.Index(
                fields=["due_date"],
                name="followup_to_remind_idx",
                condition=OPEN & Q(reminded=False),
            ),
            # Everyone's open tasks by due date (a manager's "My work" for all).
            models.Index(
                fields=["due_date", "-priority", "id"],
                name="followup_open_due_idx",
                condition=OPEN,
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_open(self) -> bool:
        return self.done_at is None

    def clean(self):
        errors = {}
        if self.deal_id and self.customer_id and self.deal.customer_id != self.customer_id:
            errors["deal"] = gettext_lazy("Choose one of this customer's deals.")
        if self.contact_id and self.customer_id and self.contact.customer_id != self.customer_id:
            errors["contact"] = gettext_lazy("Choose one of this customer's contacts.")
        request = self.support_request
        if (
            request is not None
            and self.customer_id
            and (request.customer_id != self.customer_id or not request.is_support_request)
        ):
            errors["support_request"] = gettext_lazy(
                "Choose one of this customer's support requests."
            )
        if errors:
            raise ValidationError(errors)


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A user's secret calendar address: whoever has the token reads their open tasks
    (calendar apps cannot sign in). Resetting makes a new token, and the old address
    stops working at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=gettext_lazy("user"),
    )
    token = models.CharField(
        gettext_lazy("token"), max_length=64, unique=True, default=new_calendar_token
    )
    created_at = models.DateTimeField(gettext_lazy("created"), auto_now=True)

    class Meta:
        verbose_name = gettext_lazy("calendar feed")
        verbose_name_plural = gettext_lazy("calendar feeds")

    def __str__(self):
        return gettext("Calendar of {user}").format(user=self.user)
