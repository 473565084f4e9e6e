"""Load a large demo in bulk: raw inserts of ready-made rows, batch after batch.

Going through the services validates and saves each record and writes its history; a
million customers would take hours. Here each batch of 10,000 customers, with
their tags, contacts, interactions and deals, goes in by raw SQL in one transaction:
`executemany` on SQLite, COPY on PostgreSQL. The database then copies the batch into
the change history itself (INSERT ... SELECT), one "created" record each: that costs a
fifth of the time, where making those rows in Python would cost half as much again.
Memory holds one batch, whatever the count.

Tables and columns come from the models, and a model field the rows do not fill is an
error rather than a silent NULL (raw inserts apply no Django defaults).
"""

import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, replace

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from customers.core import search_index
from customers.deals import totals as deal_totals
from customers.models import Contact, Customer, Deal, FollowUp, Interaction
from customers.tooling.demo.bulk_rows import ASCENDING, FEW_VALUES, FIELDS, BulkRows, References
from customers.tooling.demo.vocabulary import ENGLISH, DemoLanguage

BATCH = 10_000  # customers per transaction
PROGRESS_EVERY = 100_000  # customers
SQLITE_LOADING = {
    "cache_size": -64_000,  # KiB (more was no faster): also what an index build sorts in
    "synchronous": "OFF",
    "threads": 2,  # helper threads for the sorts that build the indexes
}


@dataclass(frozen=True)
class Table:
    """A table the batches fill, with the columns of their tuples, and its history."""

    key: str  # as in bulk_rows.FIELDS
    model: type[models.Model]
    columns: tuple[str, ...]
    history: "History | None" = None

    @classmethod
    def of(cls, key: str, model: type[models.Model], history_model=None) -> "Table":
        fields = FIELDS[key]
        known = {field.name for field in model._meta.concrete_fields}
        if set(fields) != known:
            raise ImproperlyConfigured(
                f"The bulk demo fills {model._meta.label} with {sorted(fields)}, "
                f"but its fields are {sorted(known)}: update customers/tooling/demo/bulk_rows.py."
            )
        table = cls(key, model, tuple(model._meta.get_field(name).column for name in fields))
        if history_model is None:
            return table
        return replace(table, history=History.of(history_model, table))

    @property
    def name(self) -> str:
        return self.model._meta.db_table

    def insert_sql(self) -> str:
        values = ", ".join(["%s"] * len(self.columns))
        return f"INSERT INTO {quote(self.name)} ({_listed(self.columns)}) VALUES ({values})"

    def copy_sql(self) -> str:
        return f"COPY {quote(self.name)} ({_listed(self.columns)}) FROM STDIN"


@dataclass(frozen=True)
class History:
    """A table's change history, which the database fills from the rows just inserted:
    each record's creation ("+"), by nobody in particular, dated when it was created.

    The history ids run parallel to the records' ids, at a fixed offset, so a tag link's
    history finds its customer's record the same way.
    """

    model: type[models.Model]
    record: Table
    insert_sql: str  # its %s: the offsets of `offset_keys`' ids, then the first and last id
    offset_keys: tuple[str, ...]

    @classmethod
    def of(cls, model: type[models.Model], record: Table) -> "History":
        recorded = {field.name: quote(field.column) for field in record.model._meta.concrete_fields}
        selected, offset_keys = [], []
        for field in model._meta.concrete_fields:
            if field.name in recorded:
                selected.append(recorded[field.name])
            elif field.primary_key:  # history_id (m2m_history_id for the tags)
                selected.append(f"{recorded['id']} + %s")
                offset_keys.append(record.key)
            elif field.name == "history":  # a tag link's: its customer's creation
                selected.append(f"{recorded['customer']} + %s")
                offset_keys.append("customer")
            elif field.name == "history_date":
                selected.append(recorded["created_at"])
            elif field.name == "history_type":
                selected.append("'+'")
            elif field.name in ("history_user", "history_change_reason"):
                selected.append("NULL")
            else:
                raise ImproperlyConfigured(
                    f"The bulk demo cannot fill {model._meta.label}.{field.name}: "
                    "update customers/tooling/demo/bulk_load.py."
                )
        columns = [field.column for field in model._meta.concrete_fields]
        insert_sql = (
            f"INSERT INTO {quote(model._meta.db_table)} ({_listed(columns)}) "
            f"SELECT {', '.join(selected)} FROM {quote(record.name)} "
            f"WHERE {recorded['id']} BETWEEN %s AND %s"
        )
        return cls(model, record, insert_sql, tuple(offset_keys))

    @property
    def name(self) -> str:
        return self.model._meta.db_table


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _listed(columns) -> str:
    return ", ".join(quote(column) for column in columns)


def tables() -> list[Table]:
    """The tables a batch fills, in an order that inserts a customer before its records."""
    return [
        Table.of("customer", Customer, Customer.history.model),
        Table.of(
            "tag_link",
            Customer.tags.through,
            apps.get_model("customers", "HistoricalCustomer_tags"),
        ),
        Table.of("contact", Contact, Contact.history.model),
        Table.of("interaction", Interaction, Interaction.history.model),
        Table.of("deal", Deal, Deal.history.model),
        Table.of("task", FollowUp, FollowUp.history.model),
    ]


def _highest(model: type[models.Model], field: str) -> int:
    return model._base_manager.aggregate(top=Max(field))["top"] or 0


def first_ids(tables: list[Table]) -> tuple[dict[str, int], dict[str, int]]:
    """The id each table's rows start from, and how far their history ids are from them.

    Past every id in use, and past every id the history still names (of records purged
    since), so no two records' histories are mixed up.
    """
    ids, offsets = {}, {}
    for table in tables:
        history = table.history.model
        ids[table.key] = max(_highest(table.model, "pk"), _highest(history, "id")) + 1
        offsets[table.key] = _highest(history, "pk") + 1 - ids[table.key]
    return ids, offsets


def bulk_load(
    *,
    count: int,
    seed: int,
    refs: References,
    progress: Callable[[str], None],
    language: DemoLanguage = ENGLISH,
) -> dict[str, int]:
    """Insert `count` customers and their records; returns how many of each were made."""
    targets = tables()
    ids, offsets = first_ids(targets)
    postgres = connection.vendor == "postgresql"
    rows = BulkRows(
        seed=seed,
        refs=refs,
        first_ids=ids,
        now=timezone.now(),
        tz="+00:00" if postgres else "",
        language=language,
    )
    totals = dict.fromkeys(FIELDS, 0)
    started = time.monotonic()
    with (
        search_index.bulk_loading(),
        deal_totals.bulk_loading(),
        _tuned_for_loading(targets),
    ):
        while totals["customer"] < count:
            batch = rows.batch(min(BATCH, count - totals["customer"]))
            with transaction.atomic():
                _insert(batch, targets, offsets)
            for key, records in batch.items():
                totals[key] += len(records)
            made = totals["customer"]
            if made % PROGRESS_EVERY == 0 or made == count:
                elapsed = time.monotonic() - started
                progress(f"{made:,} customers, {elapsed:.0f} s, {made / elapsed:,.0f}/s")
    if postgres:
        _reset_sequences(targets)
    _analyze()
    progress(f"Indexes and statistics ready, {time.monotonic() - started:.0f} s in all.")
    return totals


def _insert(batch: dict[str, list[tuple]], targets: list[Table], offsets: dict[str, int]):
    write = _copy if connection.vendor == "postgresql" else _executemany
    with connection.cursor() as cursor:
        for table in targets:
            if records := batch[table.key]:
                write(cursor, table, records)
                history = table.history
                offset = [offsets[key] for key in history.offset_keys]
                cursor.execute(history.insert_sql, [*offset, records[0][0], records[-1][0]])


@contextmanager
def _tuned_for_loading(targets: list[Table]):
    """SQLite: set aside the indexes a load would scatter its rows over, and build them
    once at the end.

    A row added to an index led by a name, an email or a time lands on a page anywhere
    in it: a million of them touch pages all over, ever slower as the index outgrows the
    cache, while building an index from the full table sorts it once. An index led by
    ids that count up, or by a few values, gets its rows at a handful of places that
    stay in the cache, so it is kept up to date as we go (building it would cost more).
    Unique indexes check the rows when they are built. Also: a bigger cache, and no
    waiting for the disk (a crash mid-load leaves a half-loaded demo either way: run it
    again on a fresh database).

    PostgreSQL keeps its indexes: COPY into them takes about three minutes for a million
    customers, fine for a demo made once.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        scattered = [
            index for table in _and_histories(targets) for index in _scattered(cursor, table)
        ]
        tuning = dict(SQLITE_LOADING)
        if connection.in_atomic_block:  # as in a test; SQLite allows no change then
            del tuning["synchronous"]
        settings = {name: _pragma(cursor, name) for name in tuning}
        for name, value in tuning.items():
            cursor.execute(f"PRAGMA {name} = {value}")
        for name, _ in scattered:
            cursor.execute(f"DROP INDEX {quote(name)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for _, sql in scattered:
                cursor.execute(sql)
            for name, value in settings.items():
                cursor.execute(f"PRAGMA {name} = {value}")


def _scattered(cursor, table: Table | History) -> list[tuple[str, str]]:
    """The (name, SQL) of each of the table's indexes that a load adds to all over."""
    field_names = {field.column: field.name for field in table.model._meta.concrete_fields}
    cursor.execute(
        "SELECT name, sql FROM sqlite_master "
        "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
        [table.name],
    )
    scattered = []
    for name, sql in cursor.fetchall():
        cursor.execute(f"PRAGMA index_info({quote(name)})")
        columns = [column for _, _, column in cursor.fetchall()]  # None: an expression
        if not _few_places([field_names.get(column) for column in columns]):
            scattered.append((name, sql))
    return scattered


def _few_places(fields: list[str | None]) -> bool:
    """Whether rows arrive at an index on these fields at a few places only. (After the
    last field comes the row id, which counts up too.)"""
    for field in fields:
        if field in ASCENDING:
            return True
        if field not in FEW_VALUES:
            return False
    return True


def _pragma(cursor, name: str):
    cursor.execute(f"PRAGMA {name}")
    return cursor.fetchone()[0]


def _executemany(cursor, table: Table, rows: list[tuple]) -> None:
    if rows:
        cursor.executemany(table.insert_sql(), rows)


def _copy(cursor, table: Table, rows: list[tuple]) -> None:
    if rows:
        with cursor.cursor.copy(table.copy_sql()) as copy:
            for row in rows:
                copy.write_row(row)


def _reset_sequences(targets: list[Table]) -> None:
    """The rows came with their ids, so PostgreSQL's sequences must catch up with them."""
    statements = connection.ops.sequence_reset_sql(
        no_style(), [table.model for table in _and_histories(targets)]
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _analyze() -> None:
    """Give the query planner fresh statistics, on every table (the search index's too).

    Without them SQLite guesses how selective each index is (and may walk the wrong one
    for a search or a sort), and PostgreSQL plans from an empty table's figures until
    autovacuum gets round to analysing. A large demo is meant to be measured at once.
    """
    with connection.cursor() as cursor:
        if connection.vendor != "sqlite":
            # VACUUM too: until the visibility map says the new rows are visible to all,
            # an index-only read must look at each row as well (deep pages slow down
            # many times), and the planner walks the newest customers for a rare term
            # instead of using the index.
            # (No VACUUM within a transaction, as in a test.)
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
            return
        # Every row: sampled with analysis_limit, SQLite once took the
        # phone index for 3.5 million rows and the email index for 0.7, and sorted a
        # million customers by phone rather than walk the phone index.
        limit = _pragma(cursor, "analysis_limit")
        cursor.execute("PRAGMA analysis_limit = 0")
        cursor.execute("ANALYZE")
        cursor.execute(f"PRAGMA analysis_limit = {int(limit)}")


def _and_histories(targets: list[Table]) -> list[Table | History]:
    return [*targets, *(table.history for table in targets)]
