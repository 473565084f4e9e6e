"""A customer is found by its contacts' names, in any script and by pinyin, through the
search index, on both databases; and the names stay in step with every write that adds,
renames, moves or deletes a contact, without counting as an edit of the customer."""

import importlib

import pytest
from django.apps import apps

from customers.core.merge import customer_merge, restore_from_trash
from customers.core.selectors import customer_list, customer_search
from customers.core.services import customer_update
from customers.models import Contact, Customer
from customers.record.services import contact_create, contact_delete, contact_update
from ui.testing import HX

pytestmark = pytest.mark.django_db


def found(query):
    return sorted(c.name for c in customer_search(queryset=customer_list(), query=query))


@pytest.fixture
def acme(make_customer):
    acme = make_customer(name="Acme Ltd", email="hello@acme.test", company="Acme")
    make_customer(name="Globex", email="hello@globex.test", company="Globex")
    return acme


def test_a_customer_is_found_by_a_contacts_name(acme):
    contact_create(customer=acme, name="Priya Raman")

    assert found("priya") == ["Acme Ltd"]
    assert found("raman acme") == ["Acme Ltd"]  # a contact's word and the company's
    assert found("ra") == ["Acme Ltd"]  # a short word where a word starts, as for names


def test_a_chinese_contact_is_found_by_one_character_and_by_pinyin(acme):
    contact_create(customer=acme, name="张伟")

    assert found("伟") == ["Acme Ltd"]
    assert found("张伟") == ["Acme Ltd"]
    assert found("zhangwei") == ["Acme Ltd"]
    assert found("zw") == ["Acme Ltd"]


def test_the_grid_search_finds_it_too(user_client, acme):
    contact_create(customer=acme, name="Priya Raman")

    page = user_client.get("/customers/", {"q": "priya"}, headers=HX).content.decode()

    assert f'id="customer-{acme.pk}"' in page


def test_a_renamed_contact_is_found_by_its_new_name_only(acme):
    contact = contact_create(customer=acme, name="Priya Raman")

    contact_update(contact=contact, data={"name": "Olga Petrova"})

    assert found("priya") == []
    assert found("olga") == ["Acme Ltd"]


def test_a_deleted_contact_no_longer_finds_its_customer(acme):
    contact = contact_create(customer=acme, name="Priya Raman")

    contact_delete(contact=contact)

    assert found("priya") == []


def test_a_contact_moved_to_another_customer_finds_that_one(acme):
    globex = Customer.objects.get(name="Globex")
    contact = contact_create(customer=acme, name="Priya Raman")

    contact_update(contact=contact, data={"customer": globex})

    assert found("priya") == ["Globex"]


def test_adding_a_contact_is_not_an_edit_of_the_customer(acme):
    version, updated = acme.version, acme.updated_at

    contact_create(customer=acme, name="Priya Raman")

    acme.refresh_from_db()
    assert (acme.version, acme.updated_at) == (version, updated)
    assert acme.history.count() == 1  # its creation only


def test_editing_the_customer_keeps_its_contacts_findable(acme):
    contact_create(customer=acme, name="Priya Raman")
    stale = Customer.objects.get(pk=acme.pk)

    customer_update(customer=stale, data={"name": "Acme Limited"})

    assert found("priya") == ["Acme Limited"]


def test_a_merge_moves_the_names_with_the_contacts_and_its_undo_moves_them_back(acme):
    other = Customer.objects.get(name="Globex")
    contact_create(customer=other, name="Olga Petrova")

    customer_merge(survivor=acme, other=other, values={})
    assert found("olga") == ["Acme Ltd"]

    restore_from_trash(customers=[Customer.all_objects.get(pk=other.pk)], by=None)
    assert found("olga") == ["Globex"]


def test_the_migration_indexes_the_contacts_customers_already_have(acme):
    contact_create(customer=acme, name="Priya Raman")
    Customer.all_objects.filter(pk=acme.pk).update(contact_names="", search_text="")
    assert found("acme") == []

    migration = importlib.import_module("customers.migrations.0027_contact_names")
    migration.forwards(apps, schema_editor=None)

    assert found("priya") == ["Acme Ltd"]
    assert found("acme") == ["Acme Ltd"]
    assert Contact.objects.count() == 1
