from django.tasks import task

from customers.emails.services import email_deliver_now


@task()
def email_deliver(outgoing_id: int) -> str:
    """Send an email written on the record (customers/emails/services.py)."""
    return email_deliver_now(outgoing_id=outgoing_id)
