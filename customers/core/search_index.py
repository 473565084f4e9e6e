"""The search indexes, kept by the database itself: of customers, and of deals' titles.

Customers and deals are found by substrings of their `search_text` (customers/core/search.py).
Reading every row for that takes seconds at a million customers; a trigram index answers
in about a millisecond. The customers' index holds those outside the trash only; the
deals' holds every deal (a deal is hidden with its customer, by the deals' manager).

- SQLite: an FTS5 table with the trigram tokenizer over `search_text`, kept in step by
  triggers, so every write (the ORM, the admin, raw SQL) keeps it right.
- PostgreSQL: a GIN trigram index (pg_trgm) on `search_text`, which PostgreSQL keeps
  itself and uses for `LIKE '%term%'`. `search_text` is folded already, so the query
  needs no unaccent().

To alter a table SQLite builds a new one, which drops the triggers: `install()` runs
after every migrate (apps.py) and puts back whatever is missing.
"""

from contextlib import ExitStack, contextmanager
from dataclasses import dataclass

from django.db import connection as default_connection
from django.db.models.expressions import RawSQL


@dataclass(frozen=True)
class SearchIndex:
    table: str
    name: str  # the FTS5 table, or the GIN index
    outside_trash_only: bool = False
    # PostgreSQL guesses how many rows `LIKE '%term%'` matches from a histogram of
    # search_text, and walks the sort order's index for a common term, the GIN index for
    # a rare one. Of the default 100 values, a term in 1% of customers (`jose`) often
    # matches none and is taken for rare: all its matches were read and sorted where a
    # walk stops after a page. 300 values tell such a term from a rare one, and still
    # plan a search quickly.
    statistics: int | None = None

    def kept(self, row: str = "") -> str:
        """The SQL condition for a row (`new.`, `old.` or none) to be in the index."""
        return f"{row}deleted_at IS NULL" if self.outside_trash_only else "1"

    @property
    def triggers(self) -> dict[str, str]:
        name, table = self.name, self.table
        moved_by = "search_text, deleted_at" if self.outside_trash_only else "search_text"
        return {
            f"{name}_insert": f"""
                AFTER INSERT ON {table} WHEN {self.kept("new.")} BEGIN
                    INSERT INTO {name}(rowid, search_text) VALUES (new.id, new.search_text);
                END""",
            f"{name}_delete": f"""
                AFTER DELETE ON {table} WHEN {self.kept("old.")} BEGIN
                    INSERT INTO {name}({name}, rowid, search_text)
                    VALUES ('delete', old.id, old.search_text);
                END""",
            # Into or out of the trash, or a changed text: out with the old, in with the new.
            f"{name}_update": f"""
                AFTER UPDATE OF {moved_by} ON {table} BEGIN
                    INSERT INTO {name}({name}, rowid, search_text)
                    SELECT 'delete', old.id, old.search_text WHERE {self.kept("old.")};
                    INSERT INTO {name}(rowid, search_text)
                    SELECT new.id, new.search_text WHERE {self.kept("new.")};
                END""",
        }

    def install(self, cursor, vendor: str) -> None:
        if vendor == "sqlite":
            self._install_fts(cursor)
        elif vendor == "postgresql":
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            where = f" WHERE {self.kept()}" if self.outside_trash_only else ""
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {self.name} ON {self.table} "
                f"USING gin (search_text gin_trgm_ops){where}"
            )
            if self.statistics and statistics_target(cursor, self.table) != self.statistics:
                cursor.execute(
                    f"ALTER TABLE {self.table} ALTER COLUMN search_text "
                    f"SET STATISTICS {self.statistics}"
                )
                cursor.execute(f"ANALYZE {self.table} (search_text)")

    def _install_fts(self, cursor) -> None:
        tables = cursor.db.introspection.table_names(cursor)
        triggers = {
            name
            for (name,) in cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [self.table],
            )
        }
        if self.name in tables and triggers >= self.triggers.keys():
            return
        if self.name not in tables:
            cursor.execute(
                f"CREATE VIRTUAL TABLE {self.name} USING fts5(search_text, "
                f"content='{self.table}', content_rowid='id', tokenize='trigram')"
            )
        # Without its triggers the index may have missed writes: fill it afresh.
        for name, body in self.triggers.items():
            cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
        self.refill(cursor)

    def uninstall(self, cursor, vendor: str) -> None:
        if vendor == "sqlite":
            for name in self.triggers:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {self.name}")
        elif vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {self.name}")
            if self.statistics:
                cursor.execute(
                    f"ALTER TABLE {self.table} ALTER COLUMN search_text SET STATISTICS -1"
                )

    def refill(self, cursor, *, after_id: int = 0) -> None:
        if not after_id:
            cursor.execute(f"INSERT INTO {self.name}({self.name}) VALUES ('delete-all')")
        cursor.execute(
            f"INSERT INTO {self.name}(rowid, search_text) SELECT id, search_text "
            f"FROM {self.table} WHERE id > %s AND {self.kept()}",
            [after_id],
        )
        # Merged into one b-tree, the index answers faster than as the many pieces a
        # large fill leaves.
        cursor.execute(f"INSERT INTO {self.name}({self.name}) VALUES ('optimize')")

    @contextmanager
    def bulk_loading(self, connection):
        """See `bulk_loading()`."""
        if connection.vendor != "sqlite":
            yield
            return
        insert = f"{self.name}_insert"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT coalesce(max(id), 0) FROM {self.table}")
            (last_id,) = cursor.fetchone()
            cursor.execute(f"DROP TRIGGER IF EXISTS {insert}")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"CREATE TRIGGER IF NOT EXISTS {insert} {self.triggers[insert]}")
                self.refill(cursor, after_id=last_id)

    def matching_ids(self, terms: list[set[str]]) -> RawSQL:
        """The ids of the rows matching every term, for `pk__in` (SQLite's index)."""
        return RawSQL(
            f"SELECT rowid FROM {self.name} WHERE {self.name} MATCH %s", [fts_query(terms)]
        )

    def ids_matching(self, terms: list[set[str]], *, up_to: int) -> tuple[int, str]:
        """How many rows match every term, counting no further than `up_to`, and the
        ids counted, as a JSON array for `ids_in` (SQLite). One look-up in the index
        serves both: the array costs next to nothing beside the count."""
        with default_connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*), json_group_array(rowid) FROM (SELECT rowid FROM {self.name} "
                f"WHERE {self.name} MATCH %s LIMIT %s)",
                [fts_query(terms), up_to],
            )
            return cursor.fetchone()


def ids_in(ids: str) -> RawSQL:
    """The ids of a JSON array (`SearchIndex.ids_matching`), for `pk__in` (SQLite): one
    parameter however many ids, where a list would be thousands to build and bind."""
    return RawSQL("SELECT value FROM json_each(%s)", [ids])


CUSTOMERS = SearchIndex(
    "customers_customer", "customers_customer_search", outside_trash_only=True, statistics=300
)
DEALS = SearchIndex("customers_deal", "customers_deal_search")
ALL = (CUSTOMERS, DEALS)


def install(connection=default_connection, *, indexes=ALL) -> None:
    """Create the indexes where they are missing, filled from the rows as they are."""
    with connection.cursor() as cursor:
        for index in indexes:
            index.install(cursor, connection.vendor)


def uninstall(connection=default_connection, *, indexes=ALL) -> None:
    with connection.cursor() as cursor:
        for index in indexes:
            index.uninstall(cursor, connection.vendor)


def statistics_target(cursor, table: str) -> int | None:
    """How many values PostgreSQL's statistics keep of `table`'s search_text (None or
    -1: the server's default)."""
    cursor.execute(
        "SELECT attstattarget FROM pg_attribute WHERE attrelid = %s::regclass "
        "AND attname = 'search_text'",
        [table],
    )
    return cursor.fetchone()[0]


@contextmanager
def bulk_loading(connection=default_connection):
    """Add many customers and deals faster: on SQLite the indexes take the new rows in
    one go at the end rather than one by one. For inserts only, with ids above any
    existing."""
    with ExitStack() as stack:
        for index in ALL:
            stack.enter_context(index.bulk_loading(connection))
        yield


def indexed() -> bool:
    """Whether the database has an index to look words up in (else it reads rows)."""
    return default_connection.vendor == "sqlite"


def fts_query(terms: list[set[str]]) -> str:
    """The FTS5 query for `terms`: each a phrase, so no character is an operator."""
    return " AND ".join(
        "(" + " OR ".join('"' + form.replace('"', '""') + '"' for form in sorted(forms)) + ")"
        for forms in terms
    )
