"""Sending an email from the record: logged on the timeline at once, sent by the worker.

The view never waits for a mail server. `email_send` records the email as the
customer's timeline entry ("sending") and queues it; the worker's `email_deliver`
sends it and marks it "sent" (with its Message-ID) or "failed" with the reason, which
`email_retry` queues again. What the user wrote is kept whatever happens.
"""

import logging
from email.utils import formataddr, make_msgid, parseaddr

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.emails.placeholders import check_placeholders, fill, values_for
from customers.models import Contact, Customer, EmailTemplate, Interaction, OutgoingEmail
from customers.timeline.services import interaction_create

logger = logging.getLogger(__name__)
Status = OutgoingEmail.Status


def check_texts(*, subject: str, body: str) -> None:
    """A one-line subject, and only known placeholders in subject and body."""
    errors = {}
    # A line break in a header would start another header (header injection).
    if "\n" in subject or "\r" in subject:
        errors["subject"] = ValidationError(_("A subject is one line."))
    for name, text in (("subject", subject), ("body", body)):
        try:
            check_placeholders(text)
        except ValidationError as error:
            errors.setdefault(name, error)
    if errors:
        raise ValidationError(errors)


def email_send(
    *,
    customer: Customer,
    to: str,
    subject: str,
    body: str,
    by: AbstractBaseUser,
    contact: Contact | None = None,
) -> Interaction:
    """Record the email on the customer's timeline and queue it for the worker."""
    from customers.emails.tasks import email_deliver

    check_texts(subject=subject, body=body)
    body = body.replace("\r\n", "\n")  # as a browser sends a textarea's lines
    values = values_for(customer=customer, contact=contact, sender=by)
    with transaction.atomic():
        entry = interaction_create(
            customer=customer,
            recorded_by=by,
            kind=Interaction.Kind.EMAIL,
            subject=fill(subject, values),
            body=fill(body, values),
            contact=contact,
        )
        outgoing = OutgoingEmail.objects.create(interaction=entry, to=to)
        transaction.on_commit(lambda: email_deliver.enqueue(outgoing.pk))
    return entry


def email_retry(*, outgoing: OutgoingEmail) -> OutgoingEmail:
    """Queue a failed email again."""
    from customers.emails.tasks import email_deliver

    if outgoing.status != Status.FAILED:
        return outgoing
    outgoing.status, outgoing.error = Status.QUEUED, ""
    outgoing.save(update_fields=["status", "error"])
    transaction.on_commit(lambda: email_deliver.enqueue(outgoing.pk))
    return outgoing


def email_deliver_now(*, outgoing_id: int) -> str:
    """Send one queued email (in the worker). Claimed first, so two workers never both
    send it; returns its status."""
    if not OutgoingEmail.objects.filter(pk=outgoing_id, status=Status.QUEUED).update(
        status=Status.SENDING
    ):
        return OutgoingEmail.objects.get(pk=outgoing_id).status
    outgoing = OutgoingEmail.objects.select_related("interaction__recorded_by").get(pk=outgoing_id)
    sender = outgoing.interaction.recorded_by
    message_id = make_msgid(domain=parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2])
    message = EmailMessage(
        subject=outgoing.interaction.subject,
        body=outgoing.interaction.body,
        from_email=_from_address(sender),
        to=[outgoing.to],
        reply_to=[sender.email] if sender and sender.email else None,
        headers={"Message-ID": message_id},
    )
    outgoing.attempts += 1
    try:
        message.send()
    except (OSError, ValueError) as error:  # refused, unreachable, a bad address
        logger.warning("Email %s to %s failed: %s", outgoing.pk, outgoing.to, error)
        outgoing.status, outgoing.error = Status.FAILED, _reason(error)
    else:
        outgoing.status, outgoing.message_id = Status.SENT, message_id
        outgoing.sent_at, outgoing.error = timezone.now(), ""
    outgoing.save(update_fields=["status", "error", "message_id", "sent_at", "attempts"])
    return outgoing.status


def _from_address(sender) -> str:
    """The configured address, under the sender's name: replies go to them (Reply-To),
    and the mail server sends only from its own domain."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if sender is not None:
        name = sender.get_full_name() or sender.get_username()
    return formataddr((" ".join(name.split()), address))


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return text[: OutgoingEmail._meta.get_field("error").max_length]


def template_save(*, template: EmailTemplate, by: AbstractBaseUser) -> EmailTemplate:
    check_texts(subject=template.subject, body=template.body)
    template.updated_by = by
    template.full_clean()
    template.save()
    return template
