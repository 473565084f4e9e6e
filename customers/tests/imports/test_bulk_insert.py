"""customers/core/bulk_insert.py and the history customers_create_many writes with it:
the same rows bulk_create and simple_history's bulk_create_with_history would write."""

from django.db import connection
from simple_history.utils import bulk_create_with_history

from customers.core.bulk_insert import MAX_ROWS, insert_objects
from customers.core.services import customers_create_many, tag_get_or_create
from customers.models import Customer, ImportRow

# Not compared: what each write makes anew (keys, timestamps) and the email (unique).
NEW_EACH_TIME = {"id", "history_id", "history_date", "created_at", "updated_at", "email"}


def stored(queryset):
    return [
        {k: v for k, v in row.items() if k not in NEW_EACH_TIME}
        for row in queryset.order_by("pk").values()
    ]


def test_history_entries_are_those_simple_history_writes(user, make_user):
    other_user = make_user("other")

    def new(prefix):
        return [
            Customer(name="Ann", email=f"{prefix}ann@example.com", phone="+14155550100"),
            Customer(name="Bob", email=f"{prefix}bob@example.com", owner=other_user),
        ]

    theirs = bulk_create_with_history(new("a"), Customer, default_user=user)
    ours = customers_create_many(new=[(c, []) for c in new("b")], by=user)
    history = Customer.history.model.objects
    assert stored(history.filter(id__in=[c.pk for c in ours])) == stored(
        history.filter(id__in=[c.pk for c in theirs])
    )
    assert {h.history_user for h in history.all()} == {user}


def test_rows_beyond_one_statement_all_go_in_with_their_keys(user):
    # More rows than one statement takes: several statements.
    tag = tag_get_or_create(name="VIP")
    many = 3 * min(connection.features.max_query_params or MAX_ROWS, MAX_ROWS) + 7
    created = customers_create_many(
        new=[(Customer(name=f"C{n}", email=f"c{n}@example.com"), [tag]) for n in range(many)],
        by=user,
    )
    assert [c.name for c in Customer.objects.order_by("pk")] == [c.name for c in created]
    assert {c.pk for c in created} == set(Customer.objects.values_list("pk", flat=True))
    assert Customer.history.filter(history_type="+").count() == many
    entry = Customer.history.get(id=created[-1].pk)
    assert [t.tag_id for t in entry.tags.all()] == [tag.pk]


def test_insert_objects_stores_what_bulk_create_stores(user, start_import):
    run = start_import(user, [["Name", "Email"], ["Ann", "ann@example.com"]])
    ours = insert_objects(
        [ImportRow(run=run, number=2, outcome="failed", cells=["a", "b"], message="Why")]
    )
    theirs = ImportRow.objects.bulk_create(
        [ImportRow(run=run, number=2, outcome="failed", cells=["a", "b"], message="Why")]
    )
    assert ours[0].pk and not ours[0]._state.adding
    assert stored(ImportRow.objects.filter(pk=ours[0].pk)) == stored(
        ImportRow.objects.filter(pk=theirs[0].pk)
    )
