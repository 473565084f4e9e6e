"""The deal board's totals, kept by the database itself.

The board shows per stage how many deals there are and their total per currency. Adding
them up reads every deal, which at a large scale costs more than the whole page may
take (docs/performance.md). So the database keeps them added up, in a small table of running
totals per stage, currency and owner, and the board reads a few hundred rows at most.
Only deals of customers outside the trash count, as everywhere on the board.

Triggers keep the table in step with every write, whichever road it takes (the services,
the admin, bulk writes, trash and restore, purge, raw SQL, loaddata):
- a deal inserted, deleted, or given another stage, currency, amount, owner or
  customer: its old row's share out and its new row's in, each if its customer is kept;
- a customer into or out of the trash: its deals out or back in;
- a customer inserted or deleted while outside the trash: the deals it has at that
  moment in or out, so a purge comes out right whether the deals or the customer go first.

A plain table rather than a model, like the search index: it is the database's own
bookkeeping. Django never writes it, and never dumps it (loaddata would count every deal
twice: once from the dump, once by the triggers).

The owner key is the owner's id, or 0 for none (NULLs never collide in a key). Amounts
stay exact: numeric on PostgreSQL; on SQLite, where they are floating point, every total
is rounded to the cent as it changes, so 0.10 + 0.20 - 0.30 comes back to 0, not 5.55e-17.

Migrations run without the triggers (apps.py): on SQLite, rebuilding a table to alter it
fails while another table's trigger names it, and PostgreSQL refuses to alter a column
that a trigger's condition names. `install()` puts them back after every migrate and
then, since writes went uncounted meanwhile, adds the totals up afresh: one
INSERT ... SELECT ... GROUP BY over the deals.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection as default_connection
from django.db import transaction
from django.db.models.expressions import RawSQL

TOTALS = "customers_deal_total"
DEALS = "customers_deal"
CUSTOMERS = "customers_customer"
KEY = "stage_id, currency, owner_key"
COUNTED = ("customer_id", "stage_id", "currency", "amount", "owner_id")

CREATE_TABLE = [
    f"""CREATE TABLE {TOTALS} (
        stage_id bigint NOT NULL,
        currency varchar(3) NOT NULL,
        owner_key bigint NOT NULL,
        deals bigint NOT NULL,
        amount numeric NOT NULL,
        PRIMARY KEY ({KEY})
    )""",
    f"CREATE INDEX {TOTALS}_owner ON {TOTALS} (owner_key)",
]
DROP_TABLE = f"DROP TABLE IF EXISTS {TOTALS}"


def _kept(customer_id: str) -> str:
    return f"EXISTS (SELECT 1 FROM {CUSTOMERS} WHERE id = {customer_id} AND deleted_at IS NULL)"


def _add(rows: str) -> str:
    """Add `rows` (stage_id, currency, owner_key, deals, amount) to the totals."""
    return (
        f"INSERT INTO {TOTALS} ({KEY}, deals, amount) {rows} "
        f"ON CONFLICT ({KEY}) DO UPDATE SET deals = {TOTALS}.deals + excluded.deals, "
        f"amount = ROUND({TOTALS}.amount + excluded.amount, 2)"
    )


def _deal_moves(*rows: tuple[str, int]) -> str:
    """Add each deal row (`old` or `new`) `sign` times, if its customer is kept.

    One statement, its rows in key order: two moves between the same two groups, in
    opposite directions, then lock their totals in the same order and cannot deadlock.
    """
    shares = " UNION ALL ".join(
        f"SELECT {row}.stage_id AS stage_id, {row}.currency AS currency, "
        f"coalesce({row}.owner_id, 0) AS owner_key, {sign} AS deals, "
        f"{sign} * {row}.amount AS amount WHERE {_kept(f'{row}.customer_id')}"
        for row, sign in rows
    )
    return _add(
        f"SELECT {KEY}, sum(deals), ROUND(sum(amount), 2) FROM ({shares}) AS moved "
        f"WHERE true GROUP BY {KEY} ORDER BY {KEY}"
    )


def _drop_empty_group_of(row: str) -> str:
    return (
        f"DELETE FROM {TOTALS} WHERE deals = 0 AND stage_id = {row}.stage_id "
        f"AND currency = {row}.currency AND owner_key = coalesce({row}.owner_id, 0)"
    )


def _customer_deals(customer_id: str, sign: str) -> str:
    """Add the customer's deals `sign` times, and drop the groups left empty."""
    group = "stage_id, currency, coalesce(owner_id, 0)"
    add = _add(
        f"SELECT {group}, ({sign}) * count(*), ROUND(({sign}) * sum(amount), 2) "
        f"FROM {DEALS} WHERE customer_id = {customer_id} GROUP BY {group} ORDER BY {group}"
    )
    drop = (
        f"DELETE FROM {TOTALS} WHERE deals = 0 AND ({KEY}) IN "
        f"(SELECT {group} FROM {DEALS} WHERE customer_id = {customer_id})"
    )
    return f"{add}; {drop}"


def _deal_changed(differs: str) -> str:
    return " OR ".join(f"old.{column} {differs} new.{column}" for column in COUNTED)


TRASH_CHANGED = "(old.deleted_at IS NULL) <> (new.deleted_at IS NULL)"
IN_OR_OUT = "CASE WHEN new.deleted_at IS NULL THEN 1 ELSE -1 END"
ON_DEAL_UPDATE = f"AFTER UPDATE OF {', '.join(COUNTED)} ON {DEALS}"

# PostgreSQL: a function per table, which its triggers call. OLD and NEW are NULL where
# they do not apply (OLD on insert, NEW on delete), so one body serves a deal's three.
OF_DEAL = f"{TOTALS}_of_deal"
OF_CUSTOMER = f"{TOTALS}_of_customer"
POSTGRESQL_FUNCTIONS = {
    OF_DEAL: f"""
        BEGIN
            IF TG_OP = 'TRUNCATE' THEN
                DELETE FROM {TOTALS};
                RETURN NULL;
            END IF;
            -- A trash or restore of the customer under way finishes first, and the
            -- statements below see it: else each could miss the other's change.
            PERFORM 1 FROM {CUSTOMERS} WHERE id IN (old.customer_id, new.customer_id)
                ORDER BY id FOR SHARE;
            {_deal_moves(("old", -1), ("new", 1))};
            {_drop_empty_group_of("old")};
            RETURN NULL;
        END""",
    OF_CUSTOMER: f"""
        BEGIN
            IF TG_OP = 'DELETE' THEN
                {_customer_deals("old.id", "-1")};
            ELSE
                {_customer_deals("new.id", IN_OR_OUT)};
            END IF;
            RETURN NULL;
        END""",
}


@dataclass(frozen=True)
class Trigger:
    """A trigger's table, and its definition (what follows its name) on each database."""

    table: str
    sqlite: str | None  # None: SQLite has no such event
    postgresql: str


TRIGGERS = {
    f"{TOTALS}_deal_insert": Trigger(
        DEALS,
        sqlite=f"AFTER INSERT ON {DEALS} BEGIN {_deal_moves(('new', 1))}; END",
        postgresql=f"AFTER INSERT ON {DEALS} FOR EACH ROW EXECUTE FUNCTION {OF_DEAL}()",
    ),
    f"{TOTALS}_deal_update": Trigger(
        DEALS,
        sqlite=f"""{ON_DEAL_UPDATE} WHEN {_deal_changed("IS NOT")} BEGIN
            {_deal_moves(("old", -1), ("new", 1))};
            {_drop_empty_group_of("old")};
        END""",
        postgresql=f"{ON_DEAL_UPDATE} FOR EACH ROW WHEN ({_deal_changed('IS DISTINCT FROM')}) "
        f"EXECUTE FUNCTION {OF_DEAL}()",
    ),
    f"{TOTALS}_deal_delete": Trigger(
        DEALS,
        sqlite=f"""AFTER DELETE ON {DEALS} BEGIN
            {_deal_moves(("old", -1))};
            {_drop_empty_group_of("old")};
        END""",
        postgresql=f"AFTER DELETE ON {DEALS} FOR EACH ROW EXECUTE FUNCTION {OF_DEAL}()",
    ),
    f"{TOTALS}_deal_truncate": Trigger(
        DEALS,
        sqlite=None,
        postgresql=f"AFTER TRUNCATE ON {DEALS} FOR EACH STATEMENT EXECUTE FUNCTION {OF_DEAL}()",
    ),
    f"{TOTALS}_customer_insert": Trigger(
        CUSTOMERS,
        sqlite=f"""AFTER INSERT ON {CUSTOMERS} WHEN new.deleted_at IS NULL BEGIN
            {_customer_deals("new.id", "1")};
        END""",
        postgresql=f"AFTER INSERT ON {CUSTOMERS} FOR EACH ROW WHEN (new.deleted_at IS NULL) "
        f"EXECUTE FUNCTION {OF_CUSTOMER}()",
    ),
    f"{TOTALS}_customer_update": Trigger(
        CUSTOMERS,
        sqlite=f"""AFTER UPDATE OF deleted_at ON {CUSTOMERS} WHEN {TRASH_CHANGED} BEGIN
            {_customer_deals("new.id", IN_OR_OUT)};
        END""",
        postgresql=f"AFTER UPDATE OF deleted_at ON {CUSTOMERS} FOR EACH ROW "
        f"WHEN ({TRASH_CHANGED}) EXECUTE FUNCTION {OF_CUSTOMER}()",
    ),
    f"{TOTALS}_customer_delete": Trigger(
        CUSTOMERS,
        sqlite=f"""AFTER DELETE ON {CUSTOMERS} WHEN old.deleted_at IS NULL BEGIN
            {_customer_deals("old.id", "-1")};
        END""",
        postgresql=f"AFTER DELETE ON {CUSTOMERS} FOR EACH ROW WHEN (old.deleted_at IS NULL) "
        f"EXECUTE FUNCTION {OF_CUSTOMER}()",
    ),
}
# What a bulk load sets aside: it only inserts, and the totals are added up at the end.
ON_INSERT = (f"{TOTALS}_deal_insert", f"{TOTALS}_customer_insert")


def trigger_names(connection=default_connection) -> set[str]:
    """The triggers that keep the totals, those present in the database."""
    names = definitions(connection).keys()
    if not names:
        return set()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN "
                f"({', '.join(['%s'] * len(names))})",
                list(names),
            )
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname = ANY(%s)",
                [list(names)],
            )
        return {name for (name,) in cursor.fetchall()}


def install(connection=default_connection) -> None:
    """Put back whichever triggers are missing; then, since writes may have gone
    uncounted without them, add the totals up afresh."""
    triggers = definitions(connection)
    if not triggers:
        return
    with transaction.atomic(using=connection.alias):
        present = trigger_names(connection)
        if present >= triggers.keys():
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for name, body in POSTGRESQL_FUNCTIONS.items():
                    cursor.execute(
                        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger "
                        f"LANGUAGE plpgsql AS $$ {body} $$"
                    )
            # On PostgreSQL creating a trigger locks its table against writes until
            # the refill below commits, so no write falls between the two.
            for name in triggers.keys() - present:
                cursor.execute(f"CREATE TRIGGER {name} {triggers[name]}")
            refill(cursor)


def uninstall(connection=default_connection, *, only: tuple[str, ...] | None = None) -> None:
    """Drop the triggers (`only` those named); the totals then stand still."""
    with connection.cursor() as cursor:
        for name in definitions(connection):
            if only is None or name in only:
                on = f" ON {TRIGGERS[name].table}" if connection.vendor == "postgresql" else ""
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}{on}")
        if connection.vendor == "postgresql" and only is None:
            for name in POSTGRESQL_FUNCTIONS:
                cursor.execute(f"DROP FUNCTION IF EXISTS {name}()")


def refill(cursor) -> None:
    """Add the totals up afresh from the deals there are."""
    cursor.execute(f"DELETE FROM {TOTALS}")
    cursor.execute(
        f"INSERT INTO {TOTALS} ({KEY}, deals, amount) "
        "SELECT stage_id, currency, coalesce(owner_id, 0), count(*), ROUND(sum(amount), 2) "
        f"FROM {DEALS} WHERE customer_id NOT IN "
        # The few customers in the trash, from their index, rather than a join that
        # would look up every deal's customer.
        f"(SELECT id FROM {CUSTOMERS} WHERE deleted_at IS NOT NULL) "
        "GROUP BY stage_id, currency, coalesce(owner_id, 0)"
    )


@contextmanager
def bulk_loading(connection=default_connection):
    """Insert many customers and deals faster: the totals are added up once at the end
    rather than row by row. For inserts only."""
    present = trigger_names(connection)
    uninstall(connection, only=ON_INSERT)
    try:
        yield
    finally:
        if present:
            install(connection)


def definitions(connection=default_connection) -> dict[str, str]:
    """The triggers this database should have, by name: their definitions."""
    if connection.vendor not in ("sqlite", "postgresql"):
        return {}
    definitions = {name: getattr(trigger, connection.vendor) for name, trigger in TRIGGERS.items()}
    return {name: sql for name, sql in definitions.items() if sql}


# --- Reads -------------------------------------------------------------------------


def by_stage(*, owner_key: int | None = None) -> list[tuple[int, str, int, Decimal | float]]:
    """(stage id, currency, number of deals, their total) in that order, for everyone's
    deals or one owner's (0: nobody's). SQLite gives the total as a float."""
    where, params = ("WHERE owner_key = %s", [owner_key]) if owner_key is not None else ("", [])
    with default_connection.cursor() as cursor:
        cursor.execute(
            f"SELECT stage_id, currency, sum(deals), sum(amount) FROM {TOTALS} {where} "
            "GROUP BY stage_id, currency ORDER BY stage_id, currency",
            params,
        )
        return cursor.fetchall()


def owner_ids() -> RawSQL:
    """The ids of the users who own deals of customers outside the trash, for `pk__in`."""
    return RawSQL(f"SELECT owner_key FROM {TOTALS} WHERE owner_key <> 0", ())
