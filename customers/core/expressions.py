"""Query expressions the selectors share."""

from django.db.models import Aggregate, BooleanField, Func, JSONField


class JSONList(Aggregate):
    """The group's values as a list, made by the database as JSON and read back as a
    Python list (None for no rows). In no particular order."""

    function = "json_group_array"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # jsonb, which Django reads back as it does a JSONField's column.
        return super().as_sql(compiler, connection, function="jsonb_agg", **extra_context)


class Likely(Func):
    """A condition to take as true of most rows.

    Asked for a page of customers of one status in some sort order, SQLite reads every
    customer of that status through its index and sorts them all; told the condition
    is likely, it reads the sort order's index and stops after a page. PostgreSQL's
    planner weighs that itself: there it is the bare condition.
    """

    function = "likely"
    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "sqlite":
            return compiler.compile(self.source_expressions[0])
        return super().as_sql(compiler, connection, **extra_context)
