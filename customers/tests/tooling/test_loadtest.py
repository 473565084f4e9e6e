"""`manage.py loadtest`, briefly: two real app hosts behind a real HAProxy, on the
suite's own PostgreSQL database, one host killed and restarted under load."""

from io import StringIO

import pytest
from django.conf import global_settings
from django.core.management import CommandError, call_command
from django.db import connection

from customers.models import Customer
from customers.tooling.loadtest.workload import database_url

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="several app hosts share one PostgreSQL: runs in the suite's PostgreSQL pass",
)


@pytest.fixture
def served(make_customer, settings):
    """What the app hosts under load find: 30 customers to search, and the production
    password hashers (the hosts check passwords with those, not the suite's quick one)."""
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    for n in range(30):
        make_customer(name=f"Alma Marquez {n}", company="Acme")


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_host_killed_under_load_loses_no_acknowledged_write(served):
    out = StringIO()

    call_command("loadtest", seconds=6, clients=3, workers=1, stdout=out, stderr=StringIO())

    report = out.getvalue()
    assert "kill -9 of host1" in report
    assert "host1 serving again" in report
    assert "failed twice: 0." in report
    assert ", 0 of them missing, 0 stored twice;" in report
    assert "Sessions moved between hosts: 3 of 3 users" in report
    assert Customer.all_objects.filter(email__endswith="@loadtest.example").exists()


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite pass's refusal")
@pytest.mark.django_db
def test_refuses_sqlite_with_a_clear_reason():
    with pytest.raises(CommandError, match="Several app hosts share one PostgreSQL"):
        call_command("loadtest", seconds=1, stdout=StringIO(), stderr=StringIO())


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_throughput_loads_each_database_in_turn_and_reports_it(served):
    out = StringIO()

    call_command(
        "throughput",
        database_url(),
        seconds=2,
        rounds=1,
        clients=2,
        workers=1,
        stdout=out,
        stderr=StringIO(),
    )

    row = next(line for line in out.getvalue().splitlines() if line.startswith("| postgresql"))
    requests, rate, *_, errors, lost = (cell.strip() for cell in row.strip("|").split("|")[1:])
    assert int(requests.replace(",", "")) > 0
    assert float(rate.replace(",", "")) > 0
    assert (errors, lost) == ("0", "0")


def test_throughput_refuses_an_empty_window_before_touching_anything():
    with pytest.raises(CommandError, match="must be positive"):
        call_command("throughput", "postgres://nobody@127.0.0.1:1/none", rounds=0)
