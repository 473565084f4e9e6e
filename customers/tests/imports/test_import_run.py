"""Imports run by the real worker: rows through the customer services, duplicates by
policy, bad rows reported with the reason, and resuming after an interruption."""

import pytest
from django.contrib.auth.models import User
from django_tasks_db.models import DBTaskResult

from customers.core.services import customer_trash
from customers.models import Customer, ImportRow, ImportRun, Tag
from customers.tests.imports.helpers import finished

HEADER = ["Name", "Email", "Phone", "Company", "Status", "Owner", "Tags", "Created"]


@pytest.fixture
def rep(make_user):
    return make_user("rep", perms=("add_customer", "view_customer", "change_customer"))


def test_rows_become_customers_through_the_services(user, start_import, run_worker):
    rows = [
        HEADER,
        [
            "Ann Lee",
            "ann@example.com",
            "(415) 555-0100",
            "Acme",
            "Active",
            "clerk",
            "VIP, Partner",
            "2024-03-14",
        ],
        ["Bob Roy", "bob@example.com", "", "", "", "", "", ""],
    ]
    run = start_import(user, rows)
    assert Customer.objects.count() == 0  # queued, not run: the worker runs it
    run_worker()
    run = finished(run)
    assert (run.status, run.total_rows, run.done_rows, run.created_count) == ("done", 2, 2, 2)
    ann = Customer.objects.get(email="ann@example.com")
    assert ann.phone == "+14155550100"  # read as the form reads it
    assert ann.status == "active" and ann.owner == user and ann.company == "Acme"
    assert sorted(ann.tags.values_list("name", flat=True)) == ["Partner", "VIP"]
    assert ann.created_at.date().isoformat() == "2024-03-14"
    bob = Customer.objects.get(email="bob@example.com")
    assert (bob.status, bob.owner) == ("lead", user)  # the importer's, as on the form
    assert ann.history.first().history_user == user  # history says who imported it
    assert DBTaskResult.objects.get(id=run.task_id).status == "SUCCESSFUL"


def test_bad_rows_do_not_stop_the_import_and_say_why(user, start_import, run_worker):
    rows = [
        HEADER,
        ["Good", "good@example.com", "", "", "", "", "", ""],
        ["No email", "not-an-email", "", "", "", "", "", ""],
        ["Bad phone", "phone@example.com", "12", "", "", "", "", ""],
        ["Bad status", "status@example.com", "", "", "Sleeping", "", "", ""],
        ["Bad owner", "owner@example.com", "", "", "", "ghost", "", ""],
        ["N" * 101, "long@example.com", "", "", "", "", "", ""],
        ["Bad date", "date@example.com", "", "", "", "", "", "14/03/2024"],
        ["", "noname@example.com", "", "", "", "", "", ""],
        ["Also good", "good2@example.com", "", "", "", "", "", ""],
    ]
    run = finished(start_import(user, rows))
    run_worker()
    run = finished(run)
    assert (run.status, run.created_count, run.failed_count) == ("done", 2, 7)
    failed = {r.number: r.message for r in ImportRow.objects.filter(run=run, outcome="failed")}
    assert "Email: Enter a valid email address." in failed[3]
    assert failed[4].startswith("Phone: Enter a valid phone number")
    assert "“Sleeping” is not a status" in failed[5]
    assert "No active user has the username or email “ghost”" in failed[6]
    assert "at most 100 characters" in failed[7]
    assert "not a date" in failed[8]
    assert failed[9] == "Name: This field cannot be blank."
    assert ImportRow.objects.get(run=run, number=3).cells[:2] == ["No email", "not-an-email"]


@pytest.mark.parametrize(
    ("policy", "expected_phone", "expected_company", "counts"),
    [
        ("skip", "", "Old Co", (0, 0, 2)),
        ("fill", "+14155550100", "Old Co", (0, 1, 1)),
        ("overwrite", "+14155550100", "New Co", (0, 2, 0)),  # both rows overwrite
    ],
)
def test_duplicate_policies(
    user, make_customer, policy, expected_phone, expected_company, counts, run_import
):
    existing = make_customer(name="Kept", email="Dup@Example.com", company="Old Co")
    rows = [
        ["Name", "Email", "Phone", "Company"],
        ["Kept again", "dup@example.COM", "415 555 0100", "New Co"],
        ["Kept the third", "DUP@example.com", "", ""],
    ]
    run = run_import(user, rows, on_duplicate=policy)
    assert (run.created_count, run.updated_count, run.skipped_count) == counts
    existing.refresh_from_db()
    assert (existing.phone, existing.company) == (expected_phone, expected_company)
    name = "Kept the third" if policy == "overwrite" else "Kept"
    assert existing.name == name
    assert Customer.objects.count() == 1


def test_rows_repeating_an_email_inside_the_file_are_reported(user, run_import):
    rows = [
        ["Name", "Email", "Company"],
        ["First", "same@example.com", ""],
        ["Second", "SAME@example.com", "Later Co"],
    ]
    skip = run_import(user, rows, on_duplicate="skip")
    assert (skip.created_count, skip.skipped_count) == (1, 1)
    second = ImportRow.objects.get(run=skip, number=3)
    assert second.message == "Row 2 of this file has the same email."
    Customer.objects.all().delete()
    fill = run_import(user, rows, on_duplicate="fill")
    assert (fill.created_count, fill.updated_count) == (1, 1)
    assert Customer.objects.get().company == "Later Co"


def test_a_customer_in_the_trash_is_reported_not_restored(user, make_customer, run_import):
    gone = make_customer(name="Gone", email="gone@example.com")
    customer_trash(customers=[gone], by=user)
    run = run_import(
        user, [["Name", "Email"], ["Gone again", "gone@example.com"]], on_duplicate="overwrite"
    )
    assert (run.created_count, run.failed_count) == (0, 1)
    assert "in the trash" in ImportRow.objects.get(run=run).message
    gone.refresh_from_db()
    assert gone.in_trash and gone.name == "Gone"


def test_a_sales_rep_updates_only_their_own_and_owns_what_they_import(
    rep, make_customer, run_import
):
    other = User.objects.create_user("other")
    make_customer(name="Theirs", email="theirs@example.com", owner=other)
    rows = [
        ["Name", "Email", "Company", "Owner"],
        ["Theirs", "theirs@example.com", "X", ""],
        ["New", "new@example.com", "", "other"],
    ]
    run = run_import(rep, rows, on_duplicate="overwrite")
    assert (run.created_count, run.updated_count, run.failed_count) == (1, 0, 1)
    assert "Only its owner or a manager" in ImportRow.objects.get(run=run, number=2).message
    assert Customer.objects.get(email="new@example.com").owner == rep  # not "other"


def test_an_interrupted_import_resumes_where_it_stopped_without_duplicates(
    user, run_import, run_worker, settings
):
    settings.IMPORT_BATCH_SIZE = 10
    rows = [["Name", "Email", "Tags"]]
    rows += [[f"Customer {n}", f"c{n}@example.com", "Imported"] for n in range(1, 36)]
    rows.append(["Bad", "bad", ""])
    run = run_import(user, rows, batch_limit=2)  # the worker "dies" after two batches
    assert (run.status, run.done_rows, run.created_count) == ("running", 20, 20)
    assert Customer.objects.count() == 20
    # The worker died without finishing its task: a new worker takes the import up.
    DBTaskResult.objects.filter(id=run.task_id).update(status="RUNNING")
    run_worker()
    run = finished(run)
    assert (run.status, run.total_rows, run.done_rows) == ("done", 36, 36)
    assert (run.created_count, run.failed_count) == (35, 1)
    assert Customer.objects.count() == 35
    assert ImportRow.objects.filter(run=run).count() == 36
    assert Tag.objects.get(name="Imported").customers.count() == 35


def test_a_runner_behind_another_stops_instead_of_writing_twice(user, start_import, run_worker):
    from customers.imports.services import import_run

    rows = [["Name", "Email"]] + [[f"C{n}", f"c{n}@example.com"] for n in range(5)]
    run = start_import(user, rows)
    ImportRun.objects.filter(pk=run.pk).update(done_rows=3, status="running", total_rows=5)
    # A stale runner that believes it is at row 0 would find the import ahead of it.
    run = import_run(run_id=run.pk, batch_size=2)
    assert Customer.objects.count() == 2  # rows 4 and 5 only
    assert finished(run).done_rows == 5


@pytest.mark.parametrize("rows", [20, 400])
def test_a_batch_costs_the_same_few_queries_however_many_rows(
    user, start_import, django_assert_max_num_queries, settings, rows
):
    from customers.imports.services import import_run

    settings.IMPORT_BATCH_SIZE = 1000
    data = [["Name", "Email", "Status", "Tags"]]
    data += [[f"C{n}", f"c{n}@example.com", "Active", "VIP, Partner"] for n in range(rows)]
    run = start_import(user, data)
    # New customers are made together (customers_create_many): their inserts, history
    # and tags are a few statements a batch, not a dozen a row.
    with django_assert_max_num_queries(32):
        import_run(run_id=run.pk)
    assert Customer.objects.filter(tags__name="VIP").count() == rows


def test_imported_customers_are_found_by_search_and_their_history_has_their_tags(
    user, start_import, run_worker
):
    from customers.core.selectors import customer_search

    run_worker_rows = [["Name", "Email", "Tags"], ["Zoë Quixote", "zq@example.com", "VIP"]]
    start_import(user, run_worker_rows)
    run_worker()
    assert [c.name for c in customer_search(queryset=Customer.objects.all(), query="quixote")] == [
        "Zoë Quixote"
    ]
    created = Customer.objects.get().history.get()
    assert created.history_user == user and created.history_type == "+"
    assert [t.tag.name for t in created.tags.all()] == ["VIP"]


def test_an_import_whose_file_is_gone_fails_saying_so(user, start_import, run_worker):
    run = start_import(user, [["Name", "Email"], ["Ann", "ann@example.com"]])
    run.file.delete(save=False)
    run_worker()
    run = finished(run)
    assert run.status == "failed"
    assert run.failure == "The uploaded file cannot be read: No such file or directory."
