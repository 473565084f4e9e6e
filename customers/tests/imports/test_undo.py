"""Undoing an import, in the worker: what it created goes to the trash, what it
overwrote goes back, except where someone changed it since."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from customers.core.services import customer_update
from customers.models import Customer, ImportRun


@pytest.fixture
def done_import(user, make_customer, start_import, run_worker):
    kept = make_customer(name="Kept", email="kept@example.com", company="Old Co")
    edited = make_customer(name="Edited", email="edited@example.com", company="Old Co")
    rows = [
        ["Name", "Email", "Company"],
        ["New One", "new@example.com", "Newco"],
        ["Kept", "kept@example.com", "Import Co"],
        ["Edited", "edited@example.com", "Import Co"],
    ]
    run = start_import(user, rows, on_duplicate="overwrite")
    run_worker()
    run.refresh_from_db()
    assert (run.status, run.created_count, run.updated_count) == ("done", 1, 2)
    # Someone changes one of them after the import.
    customer_update(customer=Customer.objects.get(pk=edited.pk), data={"company": "Theirs"})
    return run, kept, edited


def test_undo_trashes_what_it_created_and_restores_what_it_changed(
    user_client, done_import, run_worker
):
    run, kept, edited = done_import
    response = user_client.post(reverse("import_undo", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == "undoing"  # the request only queued it
    run_worker()
    run.refresh_from_db()
    assert run.status == "undone"
    assert run.undo_report == {"trashed": 1, "restored": 1, "kept": ["Edited (edited@example.com)"]}
    assert Customer.all_objects.get(email="new@example.com").in_trash
    kept.refresh_from_db()
    edited.refresh_from_db()
    assert kept.company == "Old Co"  # put back
    assert edited.company == "Theirs"  # changed since: left alone
    page = user_client.get(reverse("import_detail", args=[run.pk])).content.decode()
    assert "1 customer it created moved to the trash, 1 it changed restored" in page
    assert "Edited (edited@example.com)" in page
    assert "Undo this import" not in page


def test_only_who_ran_it_or_a_manager_may_undo_and_only_for_some_days(
    client, make_user, done_import, settings
):
    run, _, _ = done_import
    other = make_user("other", perms=("add_customer", "view_customer", "delete_customer"))
    client.force_login(other)
    assert client.post(reverse("import_undo", args=[run.pk])).status_code == 403
    assert (
        "Undo this import"
        not in client.get(reverse("import_detail", args=[run.pk])).content.decode()
    )
    manager = make_user(
        "boss", perms=("add_customer", "view_customer", "delete_customer", "change_others_records")
    )
    client.force_login(manager)
    ImportRun.objects.filter(pk=run.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=settings.IMPORT_UNDO_DAYS + 1)
    )
    client.post(reverse("import_undo", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == "done"  # too late
