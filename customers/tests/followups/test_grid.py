"""The grid's "Next step" column, its sort, the "No next step" filter and the row's
"Add task" link."""

import datetime
import re

import pytest
from django.db import connection
from django.utils import timezone

from customers.followups.services import task_complete
from customers.grid.selectors import customer_grid
from ui.testing import HX

pytestmark = pytest.mark.django_db


def names(body: str) -> list[str]:
    return re.findall(r'<td\s+data-label="Name"[^>]*><a href="[^"]*">([^<]*)</a>', body)


def test_the_next_step_column_says_overdue_in_words(user_client, make_customer, make_task):
    late = make_customer(name="Late")
    make_task(customer=late, due_date=timezone.localdate() - datetime.timedelta(days=1))

    body = user_client.get("/customers/", headers=HX).content.decode()

    assert 'data-label="Next step"' in body
    assert "<strong>overdue</strong>" in body


def test_sorting_by_next_step(user_client, make_customer, make_task):
    today = timezone.localdate()
    for name, days in (("Later", 5), ("Sooner", 1)):
        make_task(customer=make_customer(name=name), due_date=today + datetime.timedelta(days=days))
    make_customer(name="None")

    body = user_client.get("/customers/?sort=next_step", headers=HX).content.decode()

    shown = [n for n in names(body) if n in {"Later", "Sooner", "None"}]
    assert shown == ["Sooner", "Later", "None"]  # no next step: last

    body = user_client.get("/customers/?sort=-next_step", headers=HX).content.decode()
    shown = [n for n in names(body) if n in {"Later", "Sooner", "None"}]
    assert shown == ["None", "Later", "Sooner"]  # reversed: the ones slipping away first


def test_no_next_step_finds_the_customers_slipping_away(
    user_client, make_customer, make_task, user
):
    make_task(customer=make_customer(name="Busy"))
    done = make_customer(name="Was busy")
    task_complete(task=make_task(customer=done), by=user)
    make_customer(name="Idle")

    body = user_client.get("/customers/?no_next_step=on", headers=HX).content.decode()

    assert {"Idle", "Was busy"} <= set(names(body))
    assert "Busy" not in names(body)


def test_a_row_offers_add_task_with_the_customer_filled_in(user_client, ann):
    body = user_client.get("/customers/").content.decode()
    assert f'href="/tasks/create/?customer={ann.pk}&amp;next=' in body
    assert 'Add task<span class="visually-hidden"> Ann Lee</span>' in body


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's own plan")
@pytest.mark.django_db
@pytest.mark.parametrize("descending", [False, True])
def test_the_sort_by_next_step_walks_its_index(rf, user, descending):
    from customers.grid.tables import CustomerTable

    table = CustomerTable([])
    ordered, _ = table.order_next_step(customer_grid(), descending)
    query = ordered[:25].query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "customer_next_step_idx" in plan
    assert "TEMP B-TREE" not in plan


def test_a_deal_card_and_the_records_deals_link_to_a_task_on_that_deal(user_client, ann):
    from customers.deals.services import deal_create
    from customers.models import Stage

    deal = deal_create(customer=ann, title="Big one", amount=1, stage=Stage.objects.first())
    link = f'href="/tasks/create/?customer={ann.pk}&amp;deal={deal.pk}&amp;next='

    board = user_client.get("/deals/").content.decode()
    record = user_client.get(f"/customers/{ann.pk}/").content.decode()

    assert link in board and link in record
    assert 'Add task<span class="visually-hidden"> for Big one</span>' in board
