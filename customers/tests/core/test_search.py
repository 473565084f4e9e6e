"""Finding customers by any part of name, email, company or phone, as people type it."""

import pytest

from customers.core.selectors import customer_list, customer_search
from customers.core.services import customer_update
from customers.models import Customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def jose(make_customer):
    return make_customer(
        name="José Álvarez",
        email="jalvarez@example.com",
        phone="+12025550143",
        company="Acme Widgets",
    )


@pytest.fixture
def others(make_customer):
    return [
        make_customer(
            name="Ann Lee", email="ann@globex.com", phone="+442079460958", company="Globex"
        ),
        make_customer(name="Jose Smith", email="smith@example.org", company="Initech"),
    ]


def names(query):
    return sorted(c.name for c in customer_search(queryset=customer_list(), query=query))


@pytest.mark.parametrize("query", ["jose", "JOSE", "José", "JOSÉ"])
def test_search_ignores_case_and_accents(jose, others, query):
    assert names(query) == ["Jose Smith", "José Álvarez"]


@pytest.mark.parametrize("query", ["alvarez", "ÁLVAREZ", "álvarez", "alva", "jose alvarez"])
def test_accented_names_are_found_without_typing_the_accents(jose, others, query):
    assert names(query) == ["José Álvarez"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("jalvarez@example", ["José Álvarez"]),  # email
        ("widgets", ["José Álvarez"]),  # company
        ("globex", ["Ann Lee"]),  # company and email
        ("example", ["Jose Smith", "José Álvarez"]),
    ],
)
def test_search_matches_email_and_company(jose, others, query, found):
    assert names(query) == found


@pytest.mark.parametrize(
    "query", ["555-0143", "(202) 555", "202.555.0143", "+1 202 555 0143", "2025550143"]
)
def test_search_finds_phone_numbers_however_they_are_typed(jose, others, query):
    assert names(query) == ["José Álvarez"]


def test_folding_is_more_than_dropping_accents(make_customer):
    make_customer(name="Jürgen Weiß", company="Großhandel GmbH")

    assert names("weiss") == ["Jürgen Weiß"]
    assert names("großhandel") == ["Jürgen Weiß"]
    assert names("JURGEN") == ["Jürgen Weiß"]


def test_company_names_with_digits_and_dots_are_found_as_typed(make_customer):
    """A word of digits and punctuation is read as part of a phone number, but it may
    just as well be part of a name or company."""
    make_customer(name="Pi Bakery", company="3.14 Pies", phone="+12025550143")
    make_customer(name="Phone Corp", company="1-800-Flowers")

    assert names("3.14") == ["Pi Bakery"]
    assert names("1-800") == ["Phone Corp"]


def test_every_word_must_match_somewhere(jose, others):
    assert names("jose acme") == ["José Álvarez"]
    assert names("jose initech") == ["Jose Smith"]
    assert names("jose globex") == []


def test_a_word_does_not_match_across_two_fields(make_customer):
    # name "Ann" + email "example.com": "ann example" must not match as one string.
    make_customer(name="Bo Ann", email="zed@example.com")

    assert names("annzed") == []


def test_blank_query_finds_everyone(jose, others):
    assert len(names("   ")) == 3


def test_search_finds_a_customer_by_new_details_after_an_update(jose):
    customer_update(customer=jose, data={"company": "Umbrella"})

    assert names("umbrella") == ["José Álvarez"]
    assert names("widgets") == []


def rows_for(client, query):
    return client.get("/customers/", {"q": query}).content.decode()


def test_grid_search_by_url(user_client, jose, others):
    page = rows_for(user_client, "jose")
    assert "José Álvarez" in page
    assert "Jose Smith" in page
    assert "Ann Lee" not in page
    assert "2 customers" in page

    page = rows_for(user_client, "ÁLVAREZ")
    assert "José Álvarez" in page
    assert "Jose Smith" not in page

    page = rows_for(user_client, "(202) 555")
    assert "José Álvarez" in page
    assert "1 customer<" in page


def test_grid_search_without_a_match_says_so(user_client, jose):
    page = rows_for(user_client, "nobody-by-this-name")

    assert "No customers found" in page
    assert "0 customers" in page
    assert "José Álvarez" not in page


def test_grid_search_in_a_fragment(user_client, jose, others):
    response = user_client.get("/customers/", {"q": "acme"}, headers={"HX-Request": "true"})

    body = response.content.decode()
    assert "José Álvarez" in body
    assert "Ann Lee" not in body
    assert Customer.objects.count() == 3
