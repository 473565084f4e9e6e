"""`manage.py import_customers`: the same import, from a shell."""

import json

import pytest
from django.core.management import CommandError, call_command

from customers.models import Customer, ImportRun
from customers.tests.imports.helpers import csv_bytes


def test_imports_a_file_with_a_given_mapping_and_policy(db, write_file, make_customer, capsys):
    make_customer(name="Old", email="old@example.com")
    path = write_file(
        csv_bytes(
            [
                ["Who", "Mail", "Ignored"],
                ["Ann", "ann@example.com", "x"],
                ["Older", "OLD@example.com", ""],
            ],
            delimiter=";",
        )
    )
    mapping = json.dumps({"Who": "name", "Mail": "email"})
    call_command("import_customers", str(path), mapping=mapping, on_duplicate="overwrite")
    out = capsys.readouterr().out
    assert "Done: 2 rows, 1 created, 1 updated, 0 skipped, 0 failed." in out
    assert "Ignored → skipped" in out
    assert sorted(Customer.objects.values_list("name", flat=True)) == ["Ann", "Older"]
    run = ImportRun.objects.get()
    assert (run.user, run.status, run.on_duplicate) == (None, "done", "overwrite")


def test_guesses_the_mapping_and_refuses_what_cannot_work(db, write_file):
    good = write_file(csv_bytes([["Name", "E-mail"], ["Ann", "ann@example.com"]]))
    call_command("import_customers", str(good))
    assert Customer.objects.filter(email="ann@example.com").exists()
    with pytest.raises(CommandError, match="header row but no rows"):
        call_command("import_customers", str(write_file(b"Name,Email\n", "h.csv")))
    with pytest.raises(CommandError, match="Choose the column that holds the email"):
        call_command("import_customers", str(good), mapping='["name", ""]')
    with pytest.raises(CommandError, match="Unknown fields"):
        call_command("import_customers", str(good), mapping='["name", "mail"]')
    with pytest.raises(CommandError, match="No file"):
        call_command("import_customers", "/nonexistent.csv")
