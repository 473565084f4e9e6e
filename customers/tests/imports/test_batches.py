"""A batch that mixes new, bad and duplicate rows goes in exactly as the same rows do
one batch each: the same outcomes and messages, customers, tags and history."""

import pytest

from customers.core.services import customer_create, customer_trash
from customers.imports.services import import_run
from customers.models import Customer, ImportRow, ImportRun

ROWS = [
    ["Name", "Email", "Phone", "Company", "Status", "Owner", "Tags"],
    ["Ann Lee", "ann@example.com", "(415) 555-0100", "Acme", "Active", "clerk", "VIP, Partner"],
    ["Bad email", "not-an-email", "", "", "", "", ""],
    ["Bob Roy", "bob@example.com", "", "", "", "", "New tag"],
    ["Ann again", "ANN@example.com", "", "Acme Two", "Lead", "", "Partner, Other"],
    ["Bad phone", "phone@example.com", "12", "", "", "", ""],
    ["Old one", "old@example.com", "+44 20 7946 0958", "Filled", "", "", "VIP"],
    ["Trashed", "gone@example.com", "", "", "", "", ""],
    ["Bob twice", "bob@EXAMPLE.com", "415 555 0101", "", "Prospect", "", ""],
    ["Bad status", "status@example.com", "", "", "Sleeping", "", ""],
    ["Cy", "cy@example.com", "", "", "", "nobody-here", ""],
    ["Dee", "dee@example.com", "", "Dee Co", "", "", ""],
]


def snapshot(run: ImportRun) -> dict:
    run.refresh_from_db()
    customers = Customer.all_objects.order_by("email")
    return {
        "counts": (run.created_count, run.updated_count, run.skipped_count, run.failed_count),
        "rows": list(
            ImportRow.objects.filter(run=run)
            .order_by("number")
            .values_list("number", "outcome", "email", "message", "cells", "previous")
        ),
        "customers": [
            (
                c.name,
                c.email,
                c.phone,
                c.company,
                c.status,
                c.owner_id,
                c.search_text,
                c.likeness_key,
                sorted(c.tags.values_list("name", flat=True)),
                [
                    (h.history_type, h.history_user_id, h.name, h.company, h.status)
                    + (sorted(t.tag.name for t in h.tags.all()),)
                    for h in c.history.order_by("history_date", "history_id")
                ],
            )
            for c in customers
        ],
    }


def clean_slate() -> None:
    Customer.all_objects.all().delete()
    Customer.history.all().delete()
    ImportRun.objects.all().delete()


def existing(user) -> None:
    customer_create(name="Old one", email="old@example.com", owner=user)
    gone = customer_create(name="Trashed", email="gone@example.com", owner=user)
    customer_trash(customers=[gone], by=user)


@pytest.mark.parametrize("policy", ["skip", "fill", "overwrite"])
def test_one_batch_of_all_rows_is_the_same_as_a_batch_a_row(user, start_import, policy):
    results = []
    for batch_size in (1000, 1):
        clean_slate()
        existing(user)
        run = start_import(user, ROWS, on_duplicate=policy)
        import_run(run_id=run.pk, batch_size=batch_size)
        results.append(snapshot(run))
    together, one_by_one = results
    assert together == one_by_one
    assert together["counts"][0] == 3  # Ann, Bob, Dee
    assert together["counts"][3] == 5  # the bad email, phone, status, owner and the trashed
