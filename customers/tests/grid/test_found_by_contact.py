"""A customer that a search found by one of its contacts says so under its name, so
the reader sees why a row is there when nothing else in it holds the words."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from customers.core.contact_names import FoundByContacts
from customers.models import Customer
from customers.record.services import contact_create
from ui.testing import HX

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme(make_customer):
    return make_customer(name="Acme Ltd", email="hello@acme.test", company="Acme")


def found_by(client, query) -> dict[str, str]:
    """Each row's name, and what it says it was found by (empty: nothing)."""
    page = client.get("/customers/", {"q": query}, headers=HX).content.decode()
    rows = re.findall(r'<tr [^>]*aria-label="([^"]*)".*?</tr>', page, re.S)
    cells = re.findall(r'<tr [^>]*aria-label="[^"]*".*?</tr>', page, re.S)
    return {
        name: (re.findall(r'class="found-by">([^<]*)<', cell) or [""])[0]
        for name, cell in zip(rows, cells, strict=True)
    }


def test_a_customer_found_by_a_contact_names_that_contact(user_client, acme):
    contact_create(customer=acme, name="Priya Raman")
    contact_create(customer=acme, name="Olga Petrova")

    assert found_by(user_client, "priya") == {"Acme Ltd": "Found by contact: Priya Raman"}
    # A word of the company and a word of the contact: the contact is why.
    assert found_by(user_client, "raman acme") == {"Acme Ltd": "Found by contact: Priya Raman"}


def test_a_customer_its_own_fields_explain_says_nothing_more(user_client, make_customer):
    priya = make_customer(name="Priya Stores", email="shop@priya.test")
    contact_create(customer=priya, name="Priya Raman")

    assert found_by(user_client, "priya") == {"Priya Stores": ""}
    assert found_by(user_client, f"ID {priya.pk}") == {"Priya Stores": ""}


def test_a_chinese_contact_found_by_its_pinyin_is_named(user_client, acme):
    contact_create(customer=acme, name="张伟")

    assert found_by(user_client, "zhangwei") == {"Acme Ltd": "Found by contact: 张伟"}
    assert found_by(user_client, "伟") == {"Acme Ltd": "Found by contact: 张伟"}


def test_the_contacts_name_is_escaped(user_client, acme):
    contact_create(customer=acme, name="<b>Bo</b> Diddley")

    page = user_client.get("/customers/", {"q": "diddley"}, headers=HX).content.decode()

    assert "Found by contact: &lt;b&gt;Bo&lt;/b&gt; Diddley" in page
    assert "<b>Bo</b>" not in page


def test_the_chinese_page_says_it_in_chinese(user_client, acme, user):
    contact_create(customer=acme, name="Priya Raman")

    page = user_client.get(
        "/customers/", {"q": "priya"}, headers={**HX, "Accept-Language": "zh-hans"}
    ).content.decode()

    assert "匹配联系人：Priya Raman" in page


def test_saying_so_costs_no_query_per_row(user_client, make_customer):
    def queries():
        with CaptureQueriesContext(connection) as context:
            user_client.get("/customers/", {"q": "raman"}, headers=HX)
        return len(context)

    first = make_customer(name="First")
    contact_create(customer=first, name="Priya Raman")
    one = queries()
    for n in range(10):
        contact_create(customer=make_customer(name=f"Other {n}"), name=f"Ravi Raman {n}")

    assert queries() == one
    assert len(found_by(user_client, "raman")) == 11


def test_the_rule_in_one_place():
    customer = Customer(pk=7, name="Acme", email="", phone="", company="")
    customer.contact_names = "Olga Petrova\nPriya Raman"
    customer.derive()

    def found_by(query):
        return FoundByContacts(query).of(customer)

    assert found_by("priya") == ["Priya Raman"]
    assert found_by("acme") == []
    assert found_by("acme olga") == ["Olga Petrova"]
    assert found_by("#7") == []
