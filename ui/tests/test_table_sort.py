"""A file or a printout comes out in the order its table shows on screen."""

import django_tables2 as tables
import pytest
from django.contrib.auth.models import User
from django.http import QueryDict
from django.test import RequestFactory

from ui.table_sort import sorted_as_the_table

pytestmark = pytest.mark.django_db


class PeopleTable(tables.Table):
    username = tables.Column()
    email = tables.Column(order_by=("email", "username"))

    class Meta:
        model = User
        fields = ["username", "email"]
        order_by = "username"


@pytest.fixture
def people():
    for name, email in [("bea", "z@example.com"), ("al", "y@example.com"), ("cy", "y@example.com")]:
        User.objects.create(username=name, email=email)


@pytest.mark.parametrize(
    ("query", "order"),
    [
        ("", ["al", "bea", "cy"]),  # the table's own default
        ("sort=-username", ["cy", "bea", "al"]),
        ("sort=email", ["al", "cy", "bea"]),  # the column's own order_by breaks the tie
        ("sort=-email", ["bea", "cy", "al"]),
        ("sort=nonsense", ["al", "bea", "cy"]),
        ("sort=email&page=2", ["al", "cy", "bea"]),  # never one page: every row
    ],
)
def test_every_row_in_the_order_the_table_shows_for_the_query(people, query, order):
    request = RequestFactory().get("/people/")
    rows = sorted_as_the_table(
        PeopleTable, User.objects.all(), request=request, data=QueryDict(query)
    )
    assert [person.username for person in rows] == order
