"""Email from the record: what was sent to a customer, and the templates to start from.

A sent email is an entry of the customer's timeline (an Interaction of kind "email",
with its subject and body); its `OutgoingEmail` says where it went and how its sending
went, as the background worker sends it.
"""

from django.conf import settings
from django.db import models

SUBJECT_MAX = 200


class EmailTemplate(models.Model):
    """A reusable subject and body, with {{ placeholders }} (customers/emails/placeholders.py)."""

    name = models.CharField(max_length=100, unique=True)
    subject = models.CharField(max_length=SUBJECT_MAX)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "email template"

    def __str__(self):
        return self.name


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Sending"  # as the user sees it: on its way
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    interaction = models.OneToOneField(
        "customers.Interaction", on_delete=models.CASCADE, related_name="outgoing_email"
    )
    to = models.EmailField()
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    message_id = models.CharField(max_length=255, blank=True)
    error = models.CharField(max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "sent email"

    def __str__(self):
        return f"To {self.to}: {self.get_status_display()}"

    @property
    def on_its_way(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.SENDING)
