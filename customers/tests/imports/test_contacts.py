"""Importing contacts: each row finds its customer by the customer's email or id, goes
through contact_create, and a contact the customer already has follows the policy."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from customers.core.services import customer_trash
from customers.imports.mapping import guess_mapping, mapping_problems
from customers.models import Contact, ImportRow, ImportRun
from customers.record.services import contact_create, contact_update
from customers.tests.imports.helpers import csv_bytes, finished

HEADER = ["Contact name", "E-mail", "Mobile", "Job title", "Customer email"]


@pytest.fixture
def acme(make_customer):
    return make_customer(name="Acme", email="Office@Acme.example")


@pytest.fixture
def importer(make_user):
    return make_user(
        "importer",
        perms=("add_contact", "view_customer", "change_contact", "delete_contact"),
    )


def test_headers_in_english_and_chinese_are_guessed():
    assert guess_mapping(HEADER, target="contacts") == [
        "name",
        "email",
        "phone",
        "title",
        "customer_email",
    ]
    chinese = ["联系人", "邮箱", "电话", "职位", "客户邮箱"]
    assert guess_mapping(chinese, target="contacts") == [
        "name",
        "email",
        "phone",
        "title",
        "customer_email",
    ]
    assert guess_mapping(["Name", "Customer ID"], target="contacts") == ["name", "customer_id"]
    assert mapping_problems(["name", ""], "contacts") == [
        "Choose the column that holds the customer's email or ID."
    ]


def test_rows_become_contacts_of_their_customers(
    importer, acme, make_customer, start_import, run_worker
):
    globex = make_customer(name="Globex", email="hq@globex.example")
    rows = [
        ["Name", "Email", "Phone", "Role", "Customer email", "Customer ID"],
        ["Ann Lee", "ann@acme.example", "(415) 555-0100", "Buyer", "office@acme.example", ""],
        ["Bo Chen", "", "", "", "", str(globex.pk)],
        ["Cy Doe", "cy@acme.example", "", "CEO", "OFFICE@ACME.EXAMPLE", ""],
    ]
    run = start_import(importer, rows, target="contacts")
    assert Contact.objects.count() == 0  # queued: the worker runs it
    run_worker()
    run = finished(run)
    assert (run.status, run.created_count, run.failed_count) == ("done", 3, 0)
    ann = Contact.objects.get(email="ann@acme.example")
    assert (ann.customer, ann.name, ann.title, ann.phone) == (
        acme,
        "Ann Lee",
        "Buyer",
        "+14155550100",
    )
    assert ann.is_primary  # the first contact, as contact_create makes it
    assert not Contact.objects.get(name="Cy Doe").is_primary
    assert Contact.objects.get(name="Bo Chen").customer == globex
    assert ann.history.first().history_user == importer
    assert DBTaskResult.objects.get(id=run.task_id).status == "SUCCESSFUL"


def test_rows_without_their_customer_fail_and_say_why(
    importer, acme, make_customer, client, run_import
):
    trashed = make_customer(name="Gone Ltd", email="gone@example.com")
    customer_trash(customers=[trashed], by=None)
    rows = [
        HEADER,
        ["Ann Lee", "ann@acme.example", "", "", "office@acme.example"],
        ["Nobody", "", "", "", "missing@example.com"],
        ["Trash", "", "", "", "gone@example.com"],
        ["Bad", "not-an-email", "", "", "office@acme.example"],
        ["", "", "", "", "office@acme.example"],
        ["Lost", "", "", "", ""],
    ]
    run = run_import(importer, rows, target="contacts")
    assert (run.created_count, run.failed_count) == (1, 5)
    messages = dict(ImportRow.objects.filter(run=run).values_list("number", "message"))
    assert messages[3] == "No customer has the email “missing@example.com”."
    assert "“Gone Ltd” is in the trash" in messages[4]
    assert "Enter a valid email address." in messages[5]
    assert "Name: This field cannot be blank." in messages[6]
    assert "The row names no customer" in messages[7]
    client.force_login(importer)
    response = client.get(reverse("import_errors", args=[run.pk]))
    report = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "missing@example.com" in report and "is in the trash" in report


@pytest.mark.parametrize(
    ("policy", "outcome", "title", "phone"),
    [
        ("skip", "skipped", "Buyer", ""),
        ("fill", "updated", "Buyer", "+14155550100"),
        ("overwrite", "updated", "Chief", "+14155550100"),
    ],
)
def test_a_contact_the_customer_has_follows_the_policy(
    importer, acme, policy, outcome, title, phone, run_import
):
    contact_create(customer=acme, name="Ann Lee", email="Ann@Acme.example", title="Buyer")
    rows = [HEADER, ["Ann L.", "ann@acme.example", "415 555 0100", "Chief", "office@acme.example"]]
    run = run_import(importer, rows, on_duplicate=policy, target="contacts")
    row = ImportRow.objects.get(run=run)
    assert row.outcome == outcome
    ann = Contact.objects.get()
    assert (ann.title, ann.phone) == (title, phone)
    assert "“Acme” already has the contact “Ann Lee” with this email." in row.message


def test_a_contact_repeated_in_the_file_follows_the_policy(importer, acme, run_import):
    rows = [
        HEADER,
        ["Ann Lee", "ann@acme.example", "", "", "office@acme.example"],
        ["Ann Lee", "ANN@acme.example", "", "Buyer", "office@acme.example"],
    ]
    run = run_import(importer, rows, on_duplicate="fill", target="contacts")
    assert (run.created_count, run.updated_count) == (1, 1)
    assert Contact.objects.get().title == "Buyer"
    assert ImportRow.objects.get(run=run, number=3).message == (
        "Row 2 of this file has the same contact."
    )


def test_who_may_add_but_not_change_contacts_cannot_overwrite_them(make_user, acme, run_import):
    support_agent = make_user("agent", perms=("add_contact", "view_customer"))
    contact_create(customer=acme, name="Ann Lee", email="ann@acme.example")
    rows = [
        HEADER,
        ["Ann Lee", "ann@acme.example", "", "Buyer", "office@acme.example"],
        ["Bo Chen", "bo@acme.example", "", "", "office@acme.example"],
    ]
    run = run_import(support_agent, rows, on_duplicate="overwrite", target="contacts")
    assert (run.created_count, run.failed_count) == (1, 1)
    assert (
        "Only the customer's owner or a manager" in ImportRow.objects.get(run=run, number=2).message
    )


def test_undo_deletes_created_contacts_and_restores_fields_not_edited_since(
    importer, acme, client, run_worker, run_import
):
    kept = contact_create(customer=acme, name="Kept", email="kept@acme.example", title="Old")
    edited = contact_create(customer=acme, name="Edited", email="edited@acme.example", title="Old")
    rows = [
        HEADER,
        ["New One", "new@acme.example", "", "Intern", "office@acme.example"],
        ["Kept", "kept@acme.example", "", "Import", "office@acme.example"],
        ["Edited", "edited@acme.example", "", "Import", "office@acme.example"],
    ]
    run = run_import(importer, rows, on_duplicate="overwrite", target="contacts")
    assert (run.created_count, run.updated_count) == (1, 2)
    contact_update(contact=Contact.objects.get(pk=edited.pk), data={"title": "Theirs"})
    client.force_login(importer)
    page = client.get(reverse("import_detail", args=[run.pk])).content.decode()
    assert "Contacts it created are deleted" in page
    assert "Rows whose email a contact of the same customer has: overwrite the contact" in page
    response = client.post(reverse("import_undo", args=[run.pk]))
    assert response.status_code == 302
    run_worker()
    run = finished(run)
    assert run.status == "undone"
    assert run.undo_report == {"deleted": 1, "restored": 1, "kept": ["Edited (Acme)"]}
    assert not Contact.objects.filter(email="new@acme.example").exists()
    assert Contact.objects.get(pk=kept.pk).title == "Old"
    assert Contact.objects.get(pk=edited.pk).title == "Theirs"
    page = client.get(reverse("import_detail", args=[run.pk])).content.decode()
    assert "1 contact it created deleted, 1 it changed restored" in page


def test_an_interrupted_contacts_import_resumes_without_duplicates(
    importer, acme, run_worker, settings, run_import
):
    settings.IMPORT_BATCH_SIZE = 10
    rows = [HEADER] + [
        [f"Person {n}", f"p{n}@acme.example", "", "", "office@acme.example"] for n in range(25)
    ]
    run = run_import(importer, rows, batch_limit=1, target="contacts")
    assert (run.status, run.done_rows) == ("running", 10)
    DBTaskResult.objects.filter(id=run.task_id).update(status="RUNNING")  # the worker died
    run_worker()
    run = finished(run)
    assert (run.status, run.done_rows, run.created_count) == ("done", 25, 25)
    assert Contact.objects.count() == 25
    assert Contact.objects.filter(is_primary=True).count() == 1


def test_the_command_imports_contacts(importer, acme, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "contacts.csv"
    path.write_bytes(
        csv_bytes(
            [["联系人", "邮箱", "客户邮箱"], ["王芳", "wang@acme.example", "office@acme.example"]]
        )
    )
    call_command("import_customers", str(path), "--target", "contacts", "--user", "importer")
    assert Contact.objects.get().customer == acme
    run = ImportRun.objects.get()
    assert (run.target, run.status, run.created_count) == ("contacts", "done", 1)
    assert "customer_email" in capsys.readouterr().out
