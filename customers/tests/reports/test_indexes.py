"""The reports' index that no model's state holds is made, and put back after every
migrate (a migration that rebuilds the history's table on SQLite drops it)."""

import pytest
from django.db import connection

from customers.apps import reinstall_triggers
from customers.reports.indexes import HISTORY_CHANGES

pytestmark = pytest.mark.django_db


def history_indexes() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, "customers_historicalcustomer"))


def test_the_history_changes_index_is_made_and_put_back_after_a_migrate():
    assert HISTORY_CHANGES in history_indexes()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {HISTORY_CHANGES}")
    assert HISTORY_CHANGES not in history_indexes()

    reinstall_triggers(using="default")

    assert HISTORY_CHANGES in history_indexes()
