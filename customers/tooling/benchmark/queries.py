"""How many queries each grid request costs at this size, counted in-process: the test
suite asserts the same counts at 10 and at 1,000 customers
(customers/tests/grid/test_query_budget.py)."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from customers.tooling.benchmark.cases import GetCase


def count_queries(cases: list[GetCase], username: str) -> dict[str, int]:
    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username=username))
    counts = {}
    for case in cases:
        headers = {"HX-Request": "true"} if case.htmx is not None else {}
        client.get(case.path, headers=headers)  # a first request fills per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(case.path, headers=headers)
        if response.status_code != 200:
            raise AssertionError(f"{case.path} answered {response.status_code}")
        counts[case.label] = len(queries)
    return counts
