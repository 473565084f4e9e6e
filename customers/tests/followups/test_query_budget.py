"""My work, the record's next steps and the badge cost the same few queries however
many tasks there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from customers.deals.services import deal_create
from customers.models import FollowUp, Interaction, Stage
from customers.timeline.services import interaction_create
from ui.testing import HX, count_queries

pytestmark = pytest.mark.django_db


def add_tasks(customers, user, count):
    """`count` open tasks spread over the customers, each with a deal and every other
    one on a support request, over past and future days, so a missing join would show as
    a query per row."""
    stage = Stage.objects.first()
    deals = [
        deal_create(customer=c, title=f"Deal {c.pk}", amount=1, stage=stage) for c in customers
    ]
    requests = [
        interaction_create(
            customer=c, kind=Interaction.Kind.SUPPORT, subject="Cannot log in", recorded_by=user
        )
        for c in customers
    ]
    today = timezone.localdate()
    FollowUp.objects.bulk_create(
        FollowUp(
            customer=customers[n % len(customers)],
            deal=deals[n % len(customers)],
            support_request=requests[n % len(customers)] if n % 2 else None,
            title=f"Task {n}",
            due_date=today + datetime.timedelta(days=(n % 30) - 10),
            assignee=user,
            created_by=user,
            priority=n % 3,
        )
        for n in range(count)
    )


def queries(client, url, headers=None) -> int:
    return count_queries(client, url, headers)[0]


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
@pytest.mark.parametrize("query", ["", "?priority=1", "?status=lead", "?assignee=all"])
def test_my_work_does_not_grow_with_the_tasks(user_client, user, make_customer, query, headers):
    customers = [make_customer() for _ in range(5)]
    add_tasks(customers, user, 3)
    few = queries(user_client, f"/tasks/{query}", headers)
    add_tasks(customers, user, 200)

    assert queries(user_client, f"/tasks/{query}", headers) == few
    # session, user, permissions, every open task's day (for a day of up to
    # ONE_QUERY_MAX tasks: the groups are counted from it), the groups' first rows, the
    # assignee choices (a manager's), the calendar address, the badge (filtered: on the
    # page's own list it is the groups' counts), the count of unread notifications.
    assert few <= 9


def test_the_record_page_does_not_grow_with_its_tasks(user_client, user, ann):
    add_tasks([ann], user, 2)
    few = queries(user_client, f"/customers/{ann.pk}/")
    add_tasks([ann], user, 40)
    assert queries(user_client, f"/customers/{ann.pk}/") == few


def test_the_badge_is_one_query_on_a_page(user_client, user, ann, django_assert_num_queries):
    add_tasks([ann], user, 50)
    with CaptureQueriesContext(connection) as context:
        user_client.get("/tasks/badge/", headers=HX)
    counts = [q["sql"] for q in context.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1
