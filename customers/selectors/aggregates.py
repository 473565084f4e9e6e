"""Aggregates that Django has in no form common to SQLite and PostgreSQL."""

from django.db.models import Aggregate, JSONField


class JSONList(Aggregate):
    """The group's values as a list, made by the database as JSON and read back as a
    Python list (None for no rows). In no particular order."""

    function = "json_group_array"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # jsonb, which Django reads back as it does a JSONField's column.
        return super().as_sql(compiler, connection, function="jsonb_agg", **extra_context)
