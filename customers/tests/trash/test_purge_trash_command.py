"""`manage.py purge_trash`: what has been in the trash too long goes for good."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from customers.core.services import customer_delete
from customers.models import Contact, Customer
from customers.tests.furnished import furnish

pytestmark = pytest.mark.django_db


def trashed_days_ago(customer, days: int, by) -> None:
    customer_delete(customer=customer, by=by)
    Customer.all_objects.filter(pk=customer.pk).update(
        deleted_at=timezone.now() - datetime.timedelta(days=days)
    )


def purge(*args) -> str:
    out = StringIO()
    call_command("purge_trash", *args, stdout=out)
    return out.getvalue()


def test_purges_what_is_older_than_30_days_by_default(make_customer, user):
    old = furnish(make_customer(name="Old"), user=user)
    recent, kept = make_customer(name="Recent"), make_customer(name="Kept")
    trashed_days_ago(old, 31, user)
    trashed_days_ago(recent, 29, user)

    assert purge() == "Purged 1 customer from the trash (deleted more than 30 days ago).\n"

    assert set(Customer.all_objects.values_list("name", flat=True)) == {"Recent", "Kept"}
    assert not Contact.objects.filter(customer_id=old.pk).exists()
    assert Customer.history.filter(id=old.pk, history_type="-").exists()
    assert list(Customer.objects.all()) == [kept]


def test_days_option(make_customer, user):
    for days in (3, 8, 9):
        trashed_days_ago(make_customer(), days, user)

    assert (
        purge("--days", "7")
        == "Purged 2 customers from the trash (deleted more than 7 days ago).\n"
    )
    assert Customer.all_objects.count() == 1


def test_nothing_to_purge(make_customer):
    make_customer()

    assert purge().startswith("Purged 0 customers")
    assert Customer.objects.count() == 1


def test_negative_days_are_refused(db):
    with pytest.raises(CommandError, match="cannot be negative"):
        purge("--days", "-1")


def test_days_beyond_the_calendar_are_refused_clearly():
    with pytest.raises(CommandError, match="before the calendar"):
        call_command("purge_trash", days=3_000_000, stdout=StringIO())
