"""Inserting many rows of one model: each row's values prepared as `bulk_create` prepares
them, but the INSERT's text made once per shape and reused.

`QuerySet.bulk_create` compiles its SQL anew for every batch, and most of an import's
time went there. Here the text is built once: on PostgreSQL one array a column (UNNEST,
as bulk_create itself sends them there); elsewhere a chunk of n rows a statement, or
executemany when no keys are wanted back. What is stored is the same: `insert_objects`
puts each value through its field's `pre_save`, and every value is prepared by its
field's `get_db_prep_save`, as `bulk_create` does, but for the plain values it would
send unchanged (a string for a text field, say). No signals are sent, as `bulk_create`
sends none.
"""

from collections.abc import Iterable, Sequence
from functools import lru_cache

from django.db import connections, models, router
from django.db.models import Field, Model
from django.db.models.fields import AutoFieldMixin

MAX_PARAMS = 65_535
MAX_ROWS = 500


def insert_objects(objs: Sequence[Model], *, returning: bool = True) -> list[Model]:
    """INSERT these unsaved instances of one model (their pk left to the database) and,
    when `returning`, set each one's pk, as `bulk_create` does; returns them."""
    if not objs:
        return list(objs)
    model = type(objs[0])
    db = router.db_for_write(model)
    fields = _insert_fields(model)
    rows = []
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="insert_objects")
        rows.append([field.pre_save(obj, True) for field in fields])
    pks = insert_rows(model, fields, rows, using=db, returning=returning)
    if returning:
        for obj, pk in zip(objs, pks, strict=True):
            obj.pk = pk
            obj._state.adding, obj._state.db = False, db
    return list(objs)


def insert_rows(
    model: type[Model],
    fields: Sequence[Field],
    rows: Iterable[Sequence],
    *,
    using: str,
    returning: bool = True,
) -> list:
    """INSERT `rows` (one value a field, as the model holds it) into the model's table;
    return the new rows' primary keys, in order (none when not `returning`)."""
    connection = connections[using]
    unchanged = [_as_they_are(field) for field in fields]
    prepared = [
        [
            value if type(value) in kinds else f.get_db_prep_save(value, connection)
            for f, kinds, value in zip(fields, unchanged, row, strict=True)
        ]
        for row in rows
    ]
    if not prepared:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and _unnestable(connection, fields):
            # One array of values a column, as bulk_create sends them to PostgreSQL:
            # psycopg merges values into the text client-side, and parses only a short
            # text once, so the text must not grow with the rows.
            cursor.execute(
                _unnest_sql(using, model, tuple(fields), returning=returning),
                [list(column) for column in zip(*prepared, strict=True)],
            )
            return [value for (value,) in cursor.fetchall()] if returning else []
        if not returning:
            columns = tuple(f.column for f in fields)
            cursor.executemany(_insert_sql(using, model, columns, 1, returning=False), prepared)
            return []
        return _insert_returning(cursor, connection, using, model, fields, prepared)


# The types of value that each kind of field sends to the database as they are: what
# get_db_prep_save would do for them, without the calls it takes to find that out.
# Exact classes only: a subclass (a phone number, say) may prepare its values its own way.
NONE = type(None)
_AS_THEY_ARE = {
    models.CharField: (str, NONE),
    models.TextField: (str, NONE),
    models.EmailField: (str, NONE),
    models.IntegerField: (int, NONE),
    models.BigIntegerField: (int, NONE),
    models.PositiveIntegerField: (int, NONE),
    models.AutoField: (int, NONE),
    models.BigAutoField: (int, NONE),
    # A date is adapted by each backend its own way, but None is None to all.
    models.DateTimeField: (NONE,),
    models.DateField: (NONE,),
}


def _as_they_are(field: Field) -> tuple[type, ...]:
    """The types of value that `field` stores unchanged (none: all are prepared)."""
    target = field.target_field if field.is_relation else field
    return _AS_THEY_ARE.get(type(target), ())


def _unnestable(connection, fields) -> bool:
    """As Django's own PostgreSQL bulk insert decides: standard column types only."""
    return not any(
        hasattr(field, "get_placeholder_sql")
        or (field.target_field if field.is_relation else field).get_internal_type()
        not in connection.data_types
        for field in fields
    )


@lru_cache(maxsize=64)
def _unnest_sql(using: str, model: type[Model], fields: tuple[Field, ...], *, returning: bool):
    connection = connections[using]
    qn = connection.ops.quote_name
    # Without their sizes (varchar, not varchar(100)): nothing is cut short.
    arrays = ", ".join(f"(%s)::{f.db_type(connection).split('(')[0]}[]" for f in fields)
    sql = "INSERT INTO {table} ({columns}) SELECT * FROM UNNEST({arrays})".format(
        table=qn(model._meta.db_table),
        columns=", ".join(qn(f.column) for f in fields),
        arrays=arrays,
    )
    return f"{sql} RETURNING {qn(model._meta.pk.column)}" if returning else sql


def _insert_returning(cursor, connection, using, model, fields, prepared) -> list:
    """Many rows a statement, each statement saying the keys it gave."""
    # As many rows a statement as the backend takes (SQLite limits its parameters),
    # and the same few statement texts again and again.
    size = min(
        connection.ops.bulk_batch_size(list(fields), prepared),
        MAX_PARAMS // len(fields),
        MAX_ROWS,
    )
    size = max(size, 1)
    pk_field = model._meta.pk
    converters = pk_field.get_db_converters(connection)
    columns = tuple(f.column for f in fields)
    pks = []
    for start in range(0, len(prepared), size):
        chunk = prepared[start : start + size]
        cursor.execute(
            _insert_sql(using, model, columns, len(chunk), returning=True),
            [value for row in chunk for value in row],
        )
        for (value,) in cursor.fetchall():
            for converter in converters:
                value = converter(value, pk_field, connection)
            pks.append(value)
    return pks


def _insert_fields(model: type[Model]) -> list[Field]:
    """The columns `bulk_create` writes for instances without a pk: all but the
    auto-incremented key."""
    return [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key and isinstance(field, AutoFieldMixin))
    ]


@lru_cache(maxsize=256)
def _insert_sql(
    using: str, model: type[Model], columns: tuple[str, ...], rows: int, *, returning: bool
) -> str:
    qn = connections[using].ops.quote_name
    one = "({})".format(", ".join(["%s"] * len(columns)))
    sql = "INSERT INTO {table} ({columns}) VALUES {values}".format(
        table=qn(model._meta.db_table),
        columns=", ".join(qn(c) for c in columns),
        values=", ".join([one] * rows),
    )
    return f"{sql} RETURNING {qn(model._meta.pk.column)}" if returning else sql
