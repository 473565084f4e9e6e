"""An index the reports read that no model's state holds: django-simple-history builds
its historical models' Meta itself. Made by migration 0029, and put back after every
migrate (apps.py), since SQLite drops it when a migration rebuilds the history's table
to alter it.

The status moves (selectors.status_moves) read the customers' saved changes ("~") of a
period; the history's own index on the moment holds every entry, nearly all of them
creations.
"""

HISTORY_CHANGES = "customer_history_change_idx"


def install(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {HISTORY_CHANGES} "
            "ON customers_historicalcustomer (history_type, history_date)"
        )
