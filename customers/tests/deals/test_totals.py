"""The deal totals the database keeps (customers/deals/totals.py) stay equal to the deals
they add up, whichever road a write takes: the services, the admin, trash, restore and
purge, bulk and raw SQL writes, loaddata, the demo's bulk load, and a migration that
rebuilds a table. Each test compares the whole table with a plain aggregate by the ORM.
"""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps as global_apps
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal, emit_pre_migrate_signal
from django.db import connection, migrations, models
from django.db.migrations.loader import MigrationLoader
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext

from customers.core.services import customer_delete, customer_restore
from customers.deals import totals as deal_totals
from customers.deals.filters import DealBoardFilter, DealFilter
from customers.deals.selectors import (
    OwnerScope,
    cents,
    deal_board,
    deal_list,
    deal_owners,
    kept_board_totals,
)
from customers.deals.services import deal_create, deal_delete, deal_update
from customers.models import Customer, Deal, Stage
from customers.trash.services import customer_purge

pytestmark = pytest.mark.django_db

CENT = Decimal("0.01")


def truth() -> dict:
    """What the totals should be: the deals of customers outside the trash, added up."""
    rows = (
        Deal.objects.order_by()
        .values_list("stage_id", "currency", "owner_id")
        .annotate(deals=Count("id"), amount=Sum("amount"))
    )
    return {
        (stage, currency, owner or 0): (deals, cents(amount))
        for stage, currency, owner, deals, amount in rows
    }


def kept() -> dict:
    """The totals as the database keeps them."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT stage_id, currency, owner_key, deals, amount FROM {deal_totals.TOTALS}"
        )
        rows = cursor.fetchall()
    return {
        (stage, currency, owner): (deals, exact(amount))
        for stage, currency, owner, deals, amount in rows
    }


def exact(amount) -> Decimal:
    """A stored total, which must be whole cents: no floating-point dust, no -0.00."""
    value = Decimal(str(amount))
    assert value == value.quantize(CENT), f"{amount!r} is not whole cents"
    assert not (value == 0 and value.is_signed()), f"{amount!r} is a negative zero"
    return value.quantize(CENT)


def assert_in_step() -> None:
    assert kept() == truth()


def stage(name: str) -> Stage:
    return Stage.objects.get(name=name)


@pytest.fixture
def ann(make_user):
    return make_user("ann")


@pytest.fixture
def acme(make_customer):
    return make_customer(name="Acme")


@pytest.fixture
def make_deal(acme):
    def make(amount="100.00", *, customer=None, stage_name="New", **fields):
        return deal_create(
            customer=customer or acme,
            title="Deal",
            amount=Decimal(amount),
            stage=stage(stage_name),
            **fields,
        )

    return make


@pytest.fixture
def deals(make_deal, make_customer, ann):
    """Deals in several groups, one group shared by two customers."""
    globex = make_customer(name="Globex")
    return [
        make_deal("100.00"),
        make_deal("0.10", owner=ann),
        make_deal("0.20", owner=ann),
        make_deal("3500.50", currency="EUR", stage_name="Qualified"),
        make_deal("42.00", customer=globex),
        make_deal("7.00", customer=globex, owner=ann, stage_name="Won"),
    ]


# --- The services ------------------------------------------------------------------


def test_deals_created_are_counted_in_their_group(deals, ann):
    assert_in_step()
    new = stage("New")
    assert kept()[(new.pk, "USD", ann.pk)] == (2, Decimal("0.30"))
    assert kept()[(new.pk, "USD", 0)] == (2, Decimal("142.00"))


def test_the_boards_counts_are_whole_numbers_on_either_database(deals):
    """PostgreSQL adds the kept counts up as numerics; a Decimal count in the column's
    plural ("2 deals") is deprecated by gettext, and soon an error."""
    counts = {
        stage: count for stage, (count, _totals) in kept_board_totals(scope=OwnerScope()).items()
    }
    assert counts[stage("New").pk] == 4
    assert all(type(count) is int for count in counts.values())


@pytest.mark.parametrize(
    "change",
    [
        lambda: {"stage": stage("Proposal")},
        lambda: {"currency": "GBP"},
        lambda: {"amount": Decimal("0.30")},
        lambda: {"owner": None},
        lambda: {"customer": Customer.objects.get(name="Globex")},
    ],
    ids=["stage", "currency", "amount", "owner", "customer"],
)
def test_an_update_of_a_counted_field_moves_the_deal_between_totals(deals, change):
    deal_update(deal=deals[1], data=change())

    assert_in_step()


def test_an_update_of_other_fields_leaves_the_totals(deals):
    before = kept()

    deal_update(deal=deals[0], data={"title": "Renamed"})

    assert kept() == before


def test_a_deleted_deal_leaves_its_total_and_an_emptied_group_goes(deals):
    won = stage("Won")

    deal_delete(deal=deals[5])

    assert_in_step()
    assert not [key for key in kept() if key[0] == won.pk]


def test_cents_add_up_exactly_and_a_total_comes_back_to_zero(make_deal):
    """On SQLite amounts are floating point: 0.10 + 0.20 - 0.30 is 5.55e-17 there."""
    tenth, fifth = make_deal("0.10"), make_deal("0.20")
    free = make_deal("0.00")
    three_tenths = make_deal("0.30", stage_name="Won")
    key = (stage("New").pk, "USD", 0)
    assert kept()[key] == (3, Decimal("0.30"))

    deal_update(deal=three_tenths, data={"stage": stage("New")})
    deal_delete(deal=tenth)
    deal_delete(deal=fifth)
    deal_delete(deal=three_tenths)

    assert kept()[key] == (1, Decimal("0.00"))
    assert_in_step()
    deal_delete(deal=free)
    assert key not in kept()
    assert kept() == truth() == {}


# --- Trash, restore, purge ---------------------------------------------------------


def test_trash_takes_the_customers_deals_out_and_restore_brings_them_back(deals, acme, user):
    with_acme = kept()

    customer_delete(customer=acme, by=user)
    assert_in_step()
    assert kept() != with_acme

    customer_restore(customers=[Customer.all_objects.get(pk=acme.pk)], by=user)
    assert_in_step()
    assert kept() == with_acme


def test_deals_changed_while_in_the_trash_count_as_changed_once_restored(deals, acme, user):
    customer_delete(customer=acme, by=user)
    trashed_deal = Deal._base_manager.get(pk=deals[0].pk)
    trashed_deal.amount = Decimal("1.00")
    trashed_deal.save()
    before = kept()

    customer_restore(customers=[Customer.all_objects.get(pk=acme.pk)], by=user)

    assert kept() != before
    assert_in_step()


def test_purge_from_the_trash_leaves_the_totals_as_they_were(deals, acme, user):
    customer_delete(customer=acme, by=user)
    trashed = kept()

    customer_purge(customers=[Customer.all_objects.get(pk=acme.pk)])

    assert kept() == trashed
    assert_in_step()


def test_a_kept_customer_deleted_outright_takes_its_deals_out(deals, acme):
    """Django's cascade deletes the deals first, then the customer."""
    Customer.all_objects.filter(pk=acme.pk).delete()

    assert_in_step()


def test_a_customer_deleted_before_its_deals_takes_them_out_as_well(deals, acme):
    """As a cascade in the database would: the customer first, its deals after."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM customers_customer WHERE id = %s", [acme.pk])
        cursor.execute("DELETE FROM customers_deal WHERE customer_id = %s", [acme.pk])

    assert_in_step()


# --- Other roads -------------------------------------------------------------------


@pytest.fixture
def admin(client, superuser):
    client.force_login(superuser)
    return client


def test_an_edit_in_the_admin(admin, deals, ann):
    deal = deals[0]

    response = admin.post(
        f"/admin/customers/deal/{deal.pk}/change/",
        {
            "customer": deal.customer_id,
            "title": deal.title,
            "amount": "250.25",
            "currency": "CHF",
            "stage": stage("Negotiation").pk,
            "owner": ann.pk,
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    assert Deal.objects.get(pk=deal.pk).currency == "CHF"
    assert_in_step()


def test_a_trash_from_the_admin(admin, deals, acme):
    admin.post(f"/admin/customers/customer/{acme.pk}/delete/", {"post": "yes"})

    assert Customer.all_objects.get(pk=acme.pk).in_trash
    assert_in_step()


def test_bulk_and_queryset_writes(deals, acme, ann):
    Deal.objects.bulk_create(
        Deal(customer=acme, title="Bulk", amount=Decimal("0.10"), stage=stage("Lost"))
        for _ in range(3)
    )
    assert_in_step()

    Deal.objects.filter(owner=ann).update(stage=stage("Proposal"))
    assert_in_step()

    ann.delete()  # her deals lose their owner
    assert_in_step()


def test_raw_sql_writes(deals, acme):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE customers_deal SET stage_id = %s, amount = amount + 0.1, owner_id = NULL "
            "WHERE customer_id = %s",
            [stage("Won").pk, acme.pk],
        )
        assert_in_step()
        cursor.execute("UPDATE customers_customer SET deleted_at = CURRENT_TIMESTAMP")
        assert kept() == truth() == {}
        cursor.execute("UPDATE customers_customer SET deleted_at = NULL")

    assert_in_step()


def test_loaddata_of_deals_before_their_customer(tmp_path, deals):
    """A fixture may hold a deal before its customer: the customer's arrival counts it."""
    fixture = tmp_path / "deal_first.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "customers.deal",
                    "pk": 9001,
                    "fields": {
                        "customer": 9001,
                        "title": "Loaded",
                        "amount": "12.34",
                        "currency": "SEK",
                        "stage": stage("New").pk,
                        "created_at": "2026-01-01T00:00:00Z",
                        "updated_at": "2026-01-01T00:00:00Z",
                    },
                },
                {
                    "model": "customers.customer",
                    "pk": 9001,
                    "fields": {
                        "name": "Loaded",
                        "email": "loaded@example.com",
                        "created_at": "2026-01-01T00:00:00Z",
                        "updated_at": "2026-01-01T00:00:00Z",
                    },
                },
            ]
        )
    )

    call_command("loaddata", str(fixture), verbosity=0)

    assert kept()[(stage("New").pk, "SEK", 0)] == (1, Decimal("12.34"))
    assert_in_step()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no TRUNCATE")
def test_truncate_empties_the_totals(deals):
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no checks pending on the deals
        # CASCADE: tables that refer to deals (tasks on a deal) are emptied with them.
        cursor.execute("TRUNCATE customers_deal CASCADE")

    assert kept() == truth() == {}


def test_the_demos_bulk_load(settings):
    settings.DEBUG = True  # the demo login

    call_command("demo", customers=60, bulk=True, stdout=StringIO())

    assert Deal.objects.count() > 10
    assert_in_step()
    assert deal_totals.trigger_names() == set(deal_totals.definitions(connection))


# --- Reads -------------------------------------------------------------------------


def test_the_board_reads_its_totals_from_the_kept_table(deals, ann):
    with CaptureQueriesContext(connection) as everyone:
        columns = deal_board(queryset=deal_list(), owner_scope=OwnerScope())
    with CaptureQueriesContext(connection) as anns:
        anns_columns = deal_board(
            queryset=deal_list().filter(owner=ann), owner_scope=OwnerScope(ann.pk)
        )

    for queries in (everyone, anns):
        sql = [query["sql"] for query in queries.captured_queries]
        assert len(sql) == 4  # stages, totals, cards, the cards' owners
        assert sum(deal_totals.TOTALS in statement for statement in sql) == 1
    added_up = deal_board(queryset=deal_list())
    added_up_for_ann = deal_board(queryset=deal_list().filter(owner=ann))
    assert [(c.count, c.totals) for c in columns] == [(c.count, c.totals) for c in added_up]
    assert [(c.count, c.totals) for c in anns_columns] == [
        (c.count, c.totals) for c in added_up_for_ann
    ]
    assert [c.count for c in anns_columns] == [2, 0, 0, 0, 1, 0]


@pytest.mark.parametrize(
    ("chosen", "scope"),
    [
        ({}, OwnerScope()),
        ({"owner": "ann"}, OwnerScope("ann")),
        ({"mine": "on"}, OwnerScope("clerk")),
        ({"owner": "clerk", "mine": "on"}, OwnerScope("clerk")),
        ({"owner": "ann", "mine": "on"}, None),  # nobody's deals: none to add up
        ({"q": "deal"}, None),
        ({"q": "deal", "owner": "ann"}, None),
    ],
)
def test_the_board_filter_says_when_the_kept_totals_answer(rf, deals, ann, user, chosen, scope):
    deal_update(deal=deals[0], data={"owner": user})
    ids = {"ann": ann.pk, "clerk": user.pk}
    request = rf.get("/deals/")
    request.user = user
    data = {key: ids.get(value, value) for key, value in chosen.items()}

    board_filter = DealBoardFilter(data or None, queryset=deal_list(), request=request)
    list_filter = DealFilter({**data, "stage": stage("New").pk}, request=request)

    assert not board_filter.is_bound or board_filter.is_valid(), board_filter.errors
    expected = scope and OwnerScope(ids.get(scope.owner_id))
    assert board_filter.owner_scope == expected
    assert list_filter.is_valid() and list_filter.owner_scope is None


def test_the_owner_filter_offers_owners_of_deals_outside_the_trash(deals, ann, make_user, user):
    bob = make_user("bob")
    deal_update(deal=deals[0], data={"owner": bob})
    assert list(deal_owners()) == [ann, bob]

    customer_delete(customer=deals[0].customer, by=user)

    assert list(deal_owners()) == [ann]


# --- Migrations --------------------------------------------------------------------


def migrate(operation, state, *, meanwhile=lambda: None):
    """Apply `operation` as `manage.py migrate` applies a migration: pre_migrate, the
    migration, post_migrate; `meanwhile` writes between the last two. Returns the state
    the migration leaves."""
    migration = migrations.Migration("9999_rebuild", "customers")
    migration.operations = [operation]
    plan = [(migration, False)]
    emit_pre_migrate_signal(0, False, connection.alias, apps=global_apps, plan=plan)
    with connection.schema_editor(atomic=migration.atomic) as editor:
        state = migration.apply(state, editor)
    meanwhile()
    emit_post_migrate_signal(0, False, connection.alias, apps=global_apps, plan=plan)
    return state


# SQLite rebuilds the table for either; PostgreSQL alters a column a trigger names.
REBUILDS = {
    "deal": ("amount", lambda digits: models.DecimalField(max_digits=digits, decimal_places=2)),
    "customer": ("company", lambda length: models.CharField(max_length=length, blank=True)),
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("model", "size"), [("deal", 12), ("customer", 100)])
def test_a_migration_that_rebuilds_a_table_leaves_the_totals_kept(make_user, model, size):
    """Transactional: SQLite alters a table only outside a transaction. Writes made while
    the triggers were set aside are counted by the refill that follows."""
    field, definition = REBUILDS[model]
    owner = make_user("olga")
    customer = Customer.objects.create(name="Acme", email="acme@example.com")
    new, _ = Stage.objects.get_or_create(name="New")
    won, _ = Stage.objects.get_or_create(name="Won", defaults={"outcome": "won"})
    deal = Deal.objects.create(customer=customer, title="A", amount=1, stage=new, owner=owner)
    state = MigrationLoader(connection).project_state()

    def meanwhile():
        Deal.objects.create(customer=customer, title="Uncounted", amount=5, stage=won)

    altered = migrate(
        migrations.AlterField(model, field, definition(size + 1)), state, meanwhile=meanwhile
    )
    try:
        assert deal_totals.trigger_names() == set(deal_totals.definitions(connection))
        assert_in_step()
        Deal.objects.filter(pk=deal.pk).update(stage=won, amount=Decimal("2.50"))
        Deal.objects.create(customer=customer, title="B", amount=Decimal("0.10"), stage=new)
        customer_delete(customer=customer, by=owner)
        assert_in_step()
    finally:
        migrate(migrations.AlterField(model, field, definition(size)), altered)
    assert_in_step()
