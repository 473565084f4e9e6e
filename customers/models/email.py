"""Email from the record: what was sent to a customer, and the templates to start from.

A sent email is an entry of the customer's timeline (an Interaction of kind "email",
with its subject and body); its `OutgoingEmail` says where it went and how its sending
went, as the background worker sends it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_lazy

from customers.models.shared import optional_link

SUBJECT_MAX = 200


class EmailTemplate(models.Model):
    """A reusable subject and body, with {{ placeholders }} (customers/emails/placeholders.py)."""

    name = models.CharField(gettext_lazy("name"), max_length=100, unique=True)
    subject = models.CharField(gettext_lazy("subject"), max_length=SUBJECT_MAX)
    body = models.TextField(gettext_lazy("body"))
    updated_at = models.DateTimeField(gettext_lazy("updated"), auto_now=True)
    updated_by = optional_link(settings.AUTH_USER_MODEL, gettext_lazy("updated by"))

    class Meta:
        ordering = ["name"]
        verbose_name = gettext_lazy("email template")
        verbose_name_plural = gettext_lazy("email templates")

    def __str__(self):
        return self.name


class OutgoingEmail(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", gettext_lazy("Sending")  # as the user sees it: on its way
        SENDING = "sending", gettext_lazy("Sending")
        SENT = "sent", gettext_lazy("Sent")
        FAILED = "failed", gettext_lazy("Failed")

    interaction = models.OneToOneField(
        "customers.Interaction",
        on_delete=models.CASCADE,
        related_name="outgoing_email",
        verbose_name=gettext_lazy("interaction"),
    )
    to = models.EmailField(gettext_lazy("to"))
    status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=Status, default=Status.QUEUED
    )
    message_id = models.CharField(gettext_lazy("message ID"), max_length=255, blank=True)
    error = models.CharField(gettext_lazy("error"), max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(gettext_lazy("attempts"), default=0)
    sent_at = models.DateTimeField(gettext_lazy("sent"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("sent email")
        verbose_name_plural = gettext_lazy("sent emails")

    def __str__(self):
        return gettext("To {to}: {status}").format(to=self.to, status=self.get_status_display())

    @property
    def on_its_way(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.SENDING)
