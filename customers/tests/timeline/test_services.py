"""Recording interactions and resolving support requests, through the services."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from customers.models import Interaction
from customers.record.services import contact_create
from customers.timeline.services import interaction_create, interaction_set_status

pytestmark = pytest.mark.django_db


def test_a_support_request_starts_open(make_customer, user):
    request = interaction_create(
        customer=make_customer(), recorded_by=user, kind="support", subject="Printer on fire"
    )

    request.refresh_from_db()
    assert request.support_status == Interaction.SupportStatus.OPEN
    assert request.recorded_by == user
    assert request.happened_at is not None


def test_other_kinds_have_no_status(make_customer, user):
    note = interaction_create(customer=make_customer(), recorded_by=user, kind="note", subject="Hi")

    note.refresh_from_db()
    assert note.support_status == ""


def test_the_database_refuses_a_status_on_a_note(make_customer, user):
    note = interaction_create(customer=make_customer(), recorded_by=user, kind="note", subject="Hi")
    note.support_status = Interaction.SupportStatus.OPEN

    with pytest.raises(IntegrityError):
        note.save()


def test_the_database_refuses_a_support_request_without_status(make_customer, user):
    request = interaction_create(
        customer=make_customer(), recorded_by=user, kind="support", subject="Broken"
    )
    request.support_status = ""

    with pytest.raises(IntegrityError):
        request.save()


def test_resolve_and_reopen(make_customer, user):
    request = interaction_create(
        customer=make_customer(), recorded_by=user, kind="support", subject="Broken"
    )

    interaction_set_status(interaction=request, status="resolved")
    request.refresh_from_db()
    assert request.support_status == "resolved"

    interaction_set_status(interaction=request, status="open")
    request.refresh_from_db()
    assert request.support_status == "open"


def test_a_contact_of_another_customer_is_refused(make_customer, user):
    mine, theirs = make_customer(), make_customer()
    stranger = contact_create(customer=theirs, name="Stranger")

    with pytest.raises(ValidationError) as error:
        interaction_create(
            customer=mine, recorded_by=user, kind="call", subject="Hello", contact=stranger
        )

    assert "contact" in error.value.message_dict
    assert not Interaction.objects.exists()


def test_a_contact_of_this_customer_is_kept(make_customer, user):
    customer = make_customer()
    ann = contact_create(customer=customer, name="Ann")

    call = interaction_create(
        customer=customer, recorded_by=user, kind="call", subject="Hello", contact=ann
    )

    call.refresh_from_db()
    assert call.contact == ann


def test_a_subject_is_required(make_customer, user):
    with pytest.raises(ValidationError) as error:
        interaction_create(customer=make_customer(), recorded_by=user, kind="note", subject="")

    assert "subject" in error.value.message_dict
