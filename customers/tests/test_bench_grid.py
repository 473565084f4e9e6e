"""`manage.py bench_grid` prints a row of timings for each grid request."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_prints_a_markdown_row_per_request(make_user, make_customer):
    make_user("demo", perms=("view_customer",))
    make_customer(name="José Álvarez")
    out = StringIO()

    call_command("bench_grid", requests=2, stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0] == "1 customer, 2 requests each"
    assert "| request | median ms | p95 ms | KB | queries |" in lines
    rows = [line for line in lines if line.startswith("| grid") or line.startswith("| search")]
    assert len(rows) == 4
    assert all(len(row.split("|")) == 7 for row in rows)


def test_needs_a_user_to_sign_in_as():
    with pytest.raises(CommandError, match="run `manage.py demo` first"):
        call_command("bench_grid", requests=1, username="nobody", stdout=StringIO())
