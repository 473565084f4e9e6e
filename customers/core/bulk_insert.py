"""Inserting many rows of one model: each row's values prepared as `bulk_create` prepares
them, but the INSERT's text made once per shape and reused.

`QuerySet.bulk_create` compiles its SQL anew for every batch, and most of an import's
time went there. Here the statement for a chunk of n rows is built once (per model,
columns and n) and then only the values change. What is stored is the same: each value
goes through its field's `pre_save` and `get_db_prep_save`, as `bulk_create` does. No
signals are sent, as `bulk_create` sends none.
"""

from collections.abc import Iterable, Sequence
from functools import lru_cache

from django.db import connections, router
from django.db.models import Field, Model
from django.db.models.fields import AutoFieldMixin

MAX_PARAMS = 65_535
MAX_ROWS = 500


def insert_objects(objs: Sequence[Model]) -> list[Model]:
    """INSERT these unsaved instances of one model (their pk left to the database) and
    set each one's pk, as `bulk_create` does; returns them."""
    if not objs:
        return list(objs)
    model = type(objs[0])
    db = router.db_for_write(model)
    fields = _insert_fields(model)
    rows = []
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="insert_objects")
        rows.append([field.pre_save(obj, True) for field in fields])
    pks = insert_rows(model, fields, rows, using=db)
    for obj, pk in zip(objs, pks, strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, db
    return list(objs)


def insert_rows(
    model: type[Model], fields: Sequence[Field], rows: Iterable[Sequence], *, using: str
) -> list:
    """INSERT `rows` (one value a field, as the model holds it) into the model's table;
    return the new rows' primary keys, in order."""
    connection = connections[using]
    ops = connection.ops
    prepared = [
        [f.get_db_prep_save(value, connection) for f, value in zip(fields, row, strict=True)]
        for row in rows
    ]
    if not prepared:
        return []
    # As many rows a statement as the backend takes (SQLite limits its parameters, and
    # PostgreSQL's protocol counts them in 16 bits), and the same few statement texts
    # again and again, which psycopg then prepares once.
    size = min(ops.bulk_batch_size(list(fields), prepared), MAX_PARAMS // len(fields), MAX_ROWS)
    size = max(size, 1)
    pks = []
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), size):
            chunk = prepared[start : start + size]
            sql = _insert_sql(using, model, tuple(f.column for f in fields), len(chunk))
            cursor.execute(sql, [value for row in chunk for value in row])
            pk_field = model._meta.pk
            converters = pk_field.get_db_converters(connection)
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
def _insert_sql(using: str, model: type[Model], columns: tuple[str, ...], rows: int) -> str:
    connection = connections[using]
    qn = connection.ops.quote_name
    one = "({})".format(", ".join(["%s"] * len(columns)))
    return "INSERT INTO {table} ({columns}) VALUES {values} RETURNING {pk}".format(
        table=qn(model._meta.db_table),
        columns=", ".join(qn(c) for c in columns),
        values=", ".join([one] * rows),
        pk=qn(model._meta.pk.column),
    )
