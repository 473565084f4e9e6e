"""Hints for SQLite's query planner, which PostgreSQL's does without."""

from django.db.models import BooleanField, Func


class Likely(Func):
    """A condition to take as true of most rows.

    Asked for a page of customers of one status in some sort order, SQLite reads every
    customer of that status through its index and sorts them all (260 ms at a million);
    told the condition is likely, it reads the sort order's index and stops after a
    page (4 ms). PostgreSQL's planner weighs that itself: there it is the bare condition.
    """

    function = "likely"
    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "sqlite":
            return compiler.compile(self.source_expressions[0])
        return super().as_sql(compiler, connection, **extra_context)
