"""The customer search index, kept by the database itself.

Customers are found by substrings of their `search_text` (customers/search.py). Reading
every row for that takes seconds at a million customers; a trigram index answers in
about a millisecond. It holds the customers outside the trash only.

- SQLite: an FTS5 table with the trigram tokenizer over `search_text`, kept in step by
  triggers, so every write (the ORM, the admin, raw SQL) keeps it right.
- PostgreSQL: a GIN trigram index (pg_trgm) on `search_text`, which PostgreSQL keeps
  itself and uses for `LIKE '%term%'`. `search_text` is folded already, so the query
  needs no unaccent().

To alter a table SQLite builds a new one, which drops the triggers: `install()` runs
after every migrate (apps.py) and puts back whatever is missing.
"""

from contextlib import contextmanager

from django.db import connection as default_connection
from django.db.models.expressions import RawSQL

CUSTOMERS = "customers_customer"
INDEX = "customers_customer_search"  # the FTS5 table, or the GIN index
# PostgreSQL guesses how many customers `LIKE '%term%'` matches from a histogram of
# search_text, and walks the sort order's index for a common term, the GIN index for a
# rare one. Of the default 100 values, a term in 1% of customers (`jose`) often matches
# none and is taken for rare: all its 13,000 matches were read and sorted (41 ms at a
# million) where a walk stops after a page (11 ms). 300 values tell such a term from a
# rare one; planning a search still takes 0.2 ms.
STATISTICS = 300
TRIGGERS = {
    f"{INDEX}_insert": f"""
        AFTER INSERT ON {CUSTOMERS} WHEN new.deleted_at IS NULL BEGIN
            INSERT INTO {INDEX}(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    f"{INDEX}_delete": f"""
        AFTER DELETE ON {CUSTOMERS} WHEN old.deleted_at IS NULL BEGIN
            INSERT INTO {INDEX}({INDEX}, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        END""",
    # Into or out of the trash, or a changed text: out with the old, in with the new.
    f"{INDEX}_update": f"""
        AFTER UPDATE OF search_text, deleted_at ON {CUSTOMERS} BEGIN
            INSERT INTO {INDEX}({INDEX}, rowid, search_text)
            SELECT 'delete', old.id, old.search_text WHERE old.deleted_at IS NULL;
            INSERT INTO {INDEX}(rowid, search_text)
            SELECT new.id, new.search_text WHERE new.deleted_at IS NULL;
        END""",
}


def install(connection=default_connection) -> None:
    """Create the index where it is missing, filled from the customers as they are."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            tables = connection.introspection.table_names(cursor)
            triggers = {
                name
                for (name,) in cursor.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                    [CUSTOMERS],
                )
            }
            if INDEX in tables and triggers >= TRIGGERS.keys():
                return
            if INDEX not in tables:
                cursor.execute(
                    f"CREATE VIRTUAL TABLE {INDEX} USING fts5(search_text, "
                    f"content='{CUSTOMERS}', content_rowid='id', tokenize='trigram')"
                )
            # Without its triggers the index may have missed writes: fill it afresh.
            for name, body in TRIGGERS.items():
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
            _refill(cursor)
        elif connection.vendor == "postgresql":
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON {CUSTOMERS} "
                "USING gin (search_text gin_trgm_ops) WHERE deleted_at IS NULL"
            )
            if statistics_target(cursor) != STATISTICS:
                cursor.execute(
                    f"ALTER TABLE {CUSTOMERS} ALTER COLUMN search_text SET STATISTICS {STATISTICS}"
                )
                cursor.execute(f"ANALYZE {CUSTOMERS} (search_text)")


def uninstall(connection=default_connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {INDEX}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {INDEX}")
            cursor.execute(f"ALTER TABLE {CUSTOMERS} ALTER COLUMN search_text SET STATISTICS -1")


def statistics_target(cursor) -> int | None:
    """How many values PostgreSQL's statistics keep of search_text (None or -1: the
    server's default)."""
    cursor.execute(
        "SELECT attstattarget FROM pg_attribute WHERE attrelid = %s::regclass "
        "AND attname = 'search_text'",
        [CUSTOMERS],
    )
    return cursor.fetchone()[0]


def _refill(cursor, *, after_id: int = 0) -> None:
    if not after_id:
        cursor.execute(f"INSERT INTO {INDEX}({INDEX}) VALUES ('delete-all')")
    cursor.execute(
        f"INSERT INTO {INDEX}(rowid, search_text) SELECT id, search_text FROM {CUSTOMERS} "
        "WHERE id > %s AND deleted_at IS NULL",
        [after_id],
    )
    # Merged into one b-tree, the index answers faster than as the many pieces a
    # large fill leaves.
    cursor.execute(f"INSERT INTO {INDEX}({INDEX}) VALUES ('optimize')")


@contextmanager
def bulk_loading(connection=default_connection):
    """Add many customers faster: on SQLite the index takes the new rows in one go at
    the end rather than one by one. For inserts only, with ids above any existing."""
    if connection.vendor != "sqlite":
        yield
        return
    insert = f"{INDEX}_insert"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {CUSTOMERS}")
        (last_id,) = cursor.fetchone()
        cursor.execute(f"DROP TRIGGER IF EXISTS {insert}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {insert} {TRIGGERS[insert]}")
            _refill(cursor, after_id=last_id)


def indexed() -> bool:
    """Whether the database has an index to look words up in (else it reads rows)."""
    return default_connection.vendor == "sqlite"


def fts_query(terms: list[set[str]]) -> str:
    """The FTS5 query for `terms`: each a phrase, so no character is an operator."""
    return " AND ".join(
        "(" + " OR ".join('"' + form.replace('"', '""') + '"' for form in sorted(forms)) + ")"
        for forms in terms
    )


def matching_ids(terms: list[set[str]]) -> RawSQL:
    """The ids of the customers matching every term, for `pk__in`."""
    return RawSQL(f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH %s", [fts_query(terms)])


def count_matching(terms: list[set[str]], *, up_to: int) -> int:
    """How many customers match every term, counting no further than `up_to`."""
    with default_connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {INDEX} WHERE {INDEX} MATCH %s LIMIT %s)",
            [fts_query(terms), up_to],
        )
        return cursor.fetchone()[0]
