from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy
from simple_history.models import HistoricalRecords

from customers.models.shared import optional_link


class Interaction(models.Model):
    """One entry in a customer's activity timeline."""

    class Kind(models.TextChoices):
        NOTE = "note", gettext_lazy("Note")
        CALL = "call", gettext_lazy("Call")
        EMAIL = "email", pgettext_lazy("activity kind", "Email")
        MEETING = "meeting", gettext_lazy("Meeting")
        SUPPORT = "support", gettext_lazy("Support request")

    class SupportStatus(models.TextChoices):
        OPEN = "open", gettext_lazy("Open")
        RESOLVED = "resolved", gettext_lazy("Resolved")

    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.CASCADE,
        related_name="interactions",
        verbose_name=gettext_lazy("customer"),
    )
    kind = models.CharField(gettext_lazy("kind"), max_length=10, choices=Kind, default=Kind.NOTE)
    subject = models.CharField(gettext_lazy("subject"), max_length=200)
    body = models.TextField(gettext_lazy("body"), blank=True)
    happened_at = models.DateTimeField(gettext_lazy("when"), default=timezone.now)
    recorded_by = optional_link(settings.AUTH_USER_MODEL, gettext_lazy("recorded by"))
    contact = optional_link("customers.Contact", gettext_lazy("with"), related_name="interactions")
    # Only support requests have a status; for every other kind it is empty.
    support_status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=SupportStatus, blank=True, default=""
    )
    created_at = models.DateTimeField(gettext_lazy("recorded"), auto_now_add=True)
    # When a support request was resolved: set as it is, cleared if it is reopened (and
    # set anew when resolved again). The reports count resolutions per week by it.
    resolved_at = models.DateTimeField(
        gettext_lazy("resolved"), null=True, blank=True, editable=False
    )

    # Its status change is in the history; when it was resolved follows from that.
    history = HistoricalRecords(excluded_fields=["resolved_at"])

    class Meta:
        verbose_name = gettext_lazy("interaction")
        verbose_name_plural = gettext_lazy("interactions")
        ordering = ["-happened_at", "-id"]
        permissions = [("resolve_interaction", "Can change a support request's status")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="support", support_status__in=["open", "resolved"])
                    | (~Q(kind="support") & Q(support_status=""))
                ),
                name="interaction_status_only_for_support",
                violation_error_message=gettext_lazy("Only a support request has a status."),
            ),
        ]
        indexes = [
            # The timeline, newest first, and each customer's last activity.
            models.Index(
                fields=["customer", "-happened_at", "-id"], name="interaction_timeline_idx"
            ),
            # Activity in a period by kind and rep, and support requests opened in a
            # period (the reports): a range of the index per kind, read alone.
            models.Index(
                fields=["kind", "happened_at", "recorded_by", "customer"],
                name="interaction_activity_idx",
            ),
            models.Index(
                fields=["resolved_at"],
                condition=Q(resolved_at__isnull=False),
                name="interaction_resolved_idx",
            ),
            # Open support requests are few: a partial index finds them at once.
            models.Index(
                fields=["customer"],
                condition=Q(kind="support", support_status="open"),
                name="interaction_open_support_idx",
            ),
            # Open support requests by age (the reports), from the index alone. SQLite
            # will not use the partial index above for a query that names the kind and
            # status as parameters, as Django's queries do.
            models.Index(
                fields=["kind", "support_status", "happened_at", "customer"],
                name="interaction_support_age_idx",
            ),
        ]

    def __str__(self):
        return self.subject

    def save(self, *args, **kwargs):
        resolved = self.support_status == self.SupportStatus.RESOLVED
        if resolved != (self.resolved_at is not None):
            self.resolved_at = timezone.now() if resolved else None
        if (fields := kwargs.get("update_fields")) is not None and "support_status" in fields:
            kwargs["update_fields"] = {*fields, "resolved_at"}
        super().save(*args, **kwargs)

    @property
    def is_support_request(self) -> bool:
        return self.kind == self.Kind.SUPPORT

    def clean(self):
        if self.is_support_request and not self.support_status:
            self.support_status = self.SupportStatus.OPEN
        elif not self.is_support_request:
            self.support_status = ""
        if self.contact_id and self.customer_id and self.contact.customer_id != self.customer_id:
            raise ValidationError(
                {"contact": gettext_lazy("Choose one of this customer's contacts.")}
            )
