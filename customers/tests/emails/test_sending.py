"""An email from the record: on the timeline at once, sent by the worker, retried."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from customers.emails.placeholders import fill, values_for
from customers.emails.services import email_deliver_now, email_retry, email_send
from customers.models import Interaction, OutgoingEmail

pytestmark = pytest.mark.django_db
Status = OutgoingEmail.Status


def send(ann, user, **fields):
    fields.setdefault("to", "ann@example.com")
    fields.setdefault("subject", "Your quote")
    fields.setdefault("body", "Hello {{ first_name }},\n\nHere it is.\n{{ my_name }}")
    return email_send(customer=ann, by=user, **fields)


def test_the_email_is_on_the_timeline_at_once_and_waits_for_the_worker(ann, user):
    entry = send(ann, user)

    assert entry.kind == Interaction.Kind.EMAIL
    assert entry.customer == ann
    assert entry.recorded_by == user
    assert entry.subject == "Your quote"
    assert entry.body == "Hello Ann,\n\nHere it is.\nCasey Clerk"
    assert entry.outgoing_email.status == Status.QUEUED
    assert mail.outbox == []  # nothing is sent inside the request


def test_the_worker_sends_it_from_the_sender_with_replies_to_them(ann, user, settings):
    settings.DEFAULT_FROM_EMAIL = "CRM <crm@example.com>"
    entry = send(ann, user)

    assert email_deliver_now(outgoing_id=entry.outgoing_email.pk) == Status.SENT

    (email,) = mail.outbox
    assert email.to == ["ann@example.com"]
    assert email.from_email == "Casey Clerk <crm@example.com>"
    assert email.reply_to == ["clerk@example.com"]
    assert email.subject == "Your quote"
    sent = OutgoingEmail.objects.get()
    assert sent.message_id == email.extra_headers["Message-ID"]
    assert sent.message_id.endswith("@example.com>")
    assert sent.sent_at is not None


def test_to_a_contact_the_placeholders_are_the_contacts(ann, bea, user):
    entry = send(ann, user, contact=bea, to=bea.email, subject="For {{ name }} at {{ company }}")

    assert entry.contact == bea
    assert entry.subject == "For Bea Lee at Acme"
    assert entry.body.startswith("Hello Bea,")


def test_a_second_worker_does_not_send_it_again(ann, user):
    entry = send(ann, user)
    pk = entry.outgoing_email.pk

    statuses = [email_deliver_now(outgoing_id=pk) for _ in range(3)]

    assert statuses == [Status.SENT] * 3
    assert len(mail.outbox) == 1


def test_a_mail_server_that_cannot_be_reached_fails_it_with_the_reason_and_retry_sends_it(
    ann, user, settings
):
    entry = send(ann, user)
    pk = entry.outgoing_email.pk
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 5},  # nothing listens
        }
    }

    assert email_deliver_now(outgoing_id=pk) == Status.FAILED
    failed = OutgoingEmail.objects.get(pk=pk)
    assert "refused" in failed.error.lower()
    assert failed.interaction.body.startswith("Hello Ann")  # what was written is kept

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    email_retry(outgoing=failed)
    assert OutgoingEmail.objects.get(pk=pk).status == Status.QUEUED
    assert email_deliver_now(outgoing_id=pk) == Status.SENT
    assert OutgoingEmail.objects.get(pk=pk).attempts == 2
    assert mail.outbox[0].subject == "Your quote"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"subject": "Quote\r\nBcc: all@example.com"}, "subject", "A subject is one line."),
        ({"body": "Dear {{ title }} {{ last_name }}"}, "body", "Unknown placeholder {{ title }}"),
        ({"subject": "{{ customer.owner.password }}"}, "subject", "Unknown placeholder"),
    ],
)
def test_what_cannot_be_sent_is_refused_and_nothing_is_recorded(ann, user, fields, field, message):
    with pytest.raises(ValidationError) as error:
        send(ann, user, **fields)

    assert message in " ".join(error.value.message_dict[field])
    assert not Interaction.objects.exists()


def test_placeholders_are_filled_as_plain_text_never_as_template_code(ann):
    ann.name = "{% debug %} <b>Ann</b>"
    values = values_for(customer=ann)

    assert fill("Hi {{ name }}!", values) == "Hi {% debug %} <b>Ann</b>!"
    assert fill("{{name}} {{  company  }}", values) == "{% debug %} <b>Ann</b> Acme"
