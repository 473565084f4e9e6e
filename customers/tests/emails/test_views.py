"""Compose and send from the record, the status on the timeline, retry, templates."""

import pytest
from django.urls import reverse

from customers.emails.services import email_send
from customers.models import EmailTemplate, Interaction, OutgoingEmail

pytestmark = pytest.mark.django_db


def compose_url(customer, query=""):
    return reverse("customer_email_create", args=[customer.pk]) + query


def test_compose_starts_with_the_customers_address(client, user, ann):
    client.force_login(user)

    html = client.get(compose_url(ann)).content.decode()

    assert "<h1>Email Ann Lee</h1>" in html
    assert 'value="ann@example.com"' in html


def test_compose_to_a_contact_starts_with_theirs(client, user, ann, bea):
    client.force_login(user)

    html = client.get(compose_url(ann, f"?contact={bea.pk}")).content.decode()

    assert "<h1>Email Bea Lee</h1>" in html
    assert 'value="bea@example.com"' in html
    assert f'name="contact" value="{bea.pk}"' in html


def test_use_template_fills_subject_and_body_keeping_the_address_typed(client, user, ann):
    template = EmailTemplate.objects.create(
        name="Quote", subject="Your quote", body="Hello {{ first_name }}"
    )
    client.force_login(user)

    html = client.get(compose_url(ann, f"?to=other@example.com&template={template.pk}"))

    html = html.content.decode()
    assert 'value="other@example.com"' in html
    assert 'value="Your quote"' in html
    assert "Hello {{ first_name }}</textarea>" in html


def test_send_records_it_and_goes_back_to_the_record(client, user, ann):
    client.force_login(user)

    response = client.post(
        compose_url(ann), {"to": "ann@example.com", "subject": "Hi", "body": "Hello {{ name }}"}
    )

    entry = Interaction.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/customers/{ann.pk}/#interaction-{entry.pk}"
    assert entry.body == "Hello Ann Lee"
    page = client.get(response["Location"]).content.decode()
    assert "Your email to ann@example.com is on its way." in page
    assert f'id="email-status-{entry.pk}"' in page
    assert "Sending" in page


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"to": "not an address", "subject": "Hi", "body": "x"}, "Enter a valid email address."),
        ({"to": "a@example.com", "subject": "", "body": "x"}, "This field is required."),
        ({"to": "a@example.com", "subject": "Hi", "body": "{{ nope }}"}, "Unknown placeholder"),
        ({"to": "a@example.com", "subject": "x" * 201, "body": "x"}, "at most 200 characters"),
    ],
)
def test_bad_input_is_422_beside_the_field_and_keeps_what_was_typed(client, user, ann, data, error):
    client.force_login(user)
    data = {**data, "body": data["body"] + " my long careful text"}

    response = client.post(compose_url(ann), data)

    assert response.status_code == 422
    html = response.content.decode()
    assert error in html
    assert "my long careful text</textarea>" in html
    assert not Interaction.objects.exists()


def test_a_customer_in_the_trash_cannot_be_written_to(client, user, ann):
    from customers.core.services import customer_delete

    customer_delete(customer=ann, by=user)
    client.force_login(user)

    assert client.get(compose_url(ann)).status_code == 404


def test_the_status_fragment_and_retry(client, user, ann):
    entry = email_send(customer=ann, to="ann@example.com", subject="Hi", body="x", by=user)
    OutgoingEmail.objects.filter(pk=entry.outgoing_email.pk).update(
        status="failed", error="Connection refused"
    )
    client.force_login(user)
    status_url = reverse("email_status", args=[entry.pk])

    html = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert "Failed" in html and "Connection refused" in html
    assert "hx-get" not in html  # a failed one stops asking
    assert "<html" not in html

    response = client.post(reverse("email_retry", args=[entry.pk]))
    assert response.status_code == 302
    assert OutgoingEmail.objects.get().status == "queued"
    html = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert "Sending" in html and "hx-get" in html


def test_templates_are_kept_with_their_placeholders_checked(client, user):
    client.force_login(user)
    create = reverse("email_template_create")

    bad = client.post(create, {"name": "Quote", "subject": "Hi", "body": "{{ whatever }}"})
    assert bad.status_code == 422
    assert "Unknown placeholder {{ whatever }}" in bad.content.decode()

    good = client.post(create, {"name": "Quote", "subject": "Hi", "body": "Hi {{ first_name }}"})
    assert good.status_code == 302
    template = EmailTemplate.objects.get()
    assert template.updated_by == user
    listing = client.get(reverse("email_template_list")).content.decode()
    assert "Template “Quote” added." in listing

    client.post(reverse("email_template_delete", args=[template.pk]))
    assert not EmailTemplate.objects.exists()
