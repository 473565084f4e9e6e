"""Finding a customer by its number: `ID 123`, `id123`, `Id: 123` or `#123`."""

import pytest
from django.utils import timezone

from customers.core.search import id_reference
from customers.core.selectors import customer_list, customer_search
from customers.models import Customer

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def ann(make_customer):
    """A customer with no digits anywhere in her text, so only her number finds her."""
    return make_customer(name="Ann Lee", email="ann@example.com", company="Acme")


@pytest.fixture
def bea(make_customer):
    return make_customer(name="Bea Ray", email="bea@example.com", phone="+1 202 555 0143")


def found(query: str) -> list[str]:
    return sorted(c.name for c in customer_search(queryset=customer_list(), query=query))


def grid(client, query: str, **filters) -> str:
    response = client.get("/customers/", {"q": query, **filters}, headers=HTMX)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    "form", ["ID {}", "id{}", "Id: {}", "#{}", "  iD:{}  ", "# {}", "ID {:05d}"]
)
def test_each_way_of_writing_an_id_finds_the_customer(ann, bea, form):
    assert found(form.format(ann.pk)) == ["Ann Lee"]


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("ID 123", 123),
        ("id123", 123),
        ("Id: 123", 123),
        ("#123", 123),
        ("123", None),  # a bare number is phone digits, as before
        ("id 12 34", None),
        ("ID 123 smith", None),  # words beside it make it a text search
        ("idea", None),
        ("ID 9223372036854775807", None),  # longer than 18 digits: never a key
    ],
)
def test_what_counts_as_an_id(query, number):
    assert id_reference(query) == number


def test_text_matches_of_the_same_words_show_too(ann, make_customer):
    invoice = make_customer(name=f"Invoice id{ann.pk} Ltd", email="inv@example.com")
    unit = make_customer(name="Unit Co", email="unit@example.com", company=f"Unit #{ann.pk}")

    assert found(f"id{ann.pk}") == ["Ann Lee", invoice.name]
    assert found(f"#{ann.pk}") == ["Ann Lee", unit.name]


def test_a_bare_number_still_searches_phone_digits_only(ann, bea):
    assert "Ann Lee" not in found(str(ann.pk))
    assert found("5550143") == ["Bea Ray"]
    assert found("555-0143") == ["Bea Ray"]


def test_an_id_nobody_has_finds_nothing_and_no_error(ann):
    assert found(f"ID {ann.pk + 1000}") == []
    assert found("ID 999999999999999999") == []


def test_a_customer_in_the_trash_is_not_found_by_its_id(ann, bea):
    Customer.all_objects.filter(pk=ann.pk).update(deleted_at=timezone.now())

    assert found(f"ID {ann.pk}") == []


def test_searching_by_id_is_one_query(ann, bea, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert [c.name for c in customer_search(queryset=customer_list(), query=f"#{ann.pk}")] == [
            "Ann Lee"
        ]


# --- The grid -----------------------------------------------------------------------


def test_the_grid_shows_the_customer_with_that_id(user_client, ann, bea):
    page = grid(user_client, f"ID {ann.pk}")

    assert "<html" not in page
    assert f'id="customer-{ann.pk}"' in page
    assert f'id="customer-{bea.pk}"' not in page
    assert "1 customer<" in page


@pytest.mark.parametrize("form", ["id{}", "Id: {}", "#{}"])
def test_the_grid_finds_by_every_form(user_client, ann, bea, form):
    page = grid(user_client, form.format(ann.pk))

    assert f'id="customer-{ann.pk}"' in page
    assert f'id="customer-{bea.pk}"' not in page


def test_the_grid_does_not_show_a_trashed_customer_by_its_id(user_client, ann):
    Customer.all_objects.filter(pk=ann.pk).update(deleted_at=timezone.now())

    page = grid(user_client, f"ID {ann.pk}")

    assert f'id="customer-{ann.pk}"' not in page
    assert "No customers found" in page


def test_the_grid_keeps_the_other_filters_for_an_id(user_client, make_customer):
    lead = make_customer(name="Lee Lead", email="lead@example.com", status=Customer.Status.LEAD)
    active = Customer.Status.ACTIVE

    assert f'id="customer-{lead.pk}"' not in grid(user_client, f"ID {lead.pk}", status=active)
    assert f'id="customer-{lead.pk}"' in grid(user_client, f"ID {lead.pk}", status=lead.status)


def test_the_grid_treats_a_bare_number_as_before(user_client, ann, bea):
    page = grid(user_client, str(ann.pk))

    assert f'id="customer-{ann.pk}"' not in page
    assert f'id="customer-{bea.pk}"' in grid(user_client, "0143")


def test_the_whole_page_works_for_an_id_search_too(user_client, ann):
    response = user_client.get("/customers/", {"q": f"#{ann.pk}"})

    assert response.status_code == 200
    assert "<html" in response.content.decode()
    assert f'id="customer-{ann.pk}"' in response.content.decode()
    assert f'value="#{ann.pk}"' in response.content.decode()  # the box keeps what was typed
