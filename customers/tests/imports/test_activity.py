"""Importing activity: an old CRM's notes, calls and meetings, with their dates, into
their customers' timelines through interaction_create."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from customers.imports.mapping import guess_mapping, mapping_problems
from customers.imports.related import kinds, parse_when
from customers.models import ImportRow, Interaction
from customers.record.services import contact_create
from customers.tests.imports.helpers import finished

HEADER = ["Type", "Subject", "Notes", "Date", "Contact", "Customer email"]


@pytest.fixture
def acme(make_customer):
    return make_customer(name="Acme", email="office@acme.example")


@pytest.fixture
def importer(make_user):
    return make_user("importer", perms=("add_interaction", "view_customer", "delete_interaction"))


def test_headers_in_english_and_chinese_are_guessed():
    assert guess_mapping(HEADER, target="activity") == [
        "kind",
        "subject",
        "body",
        "happened_at",
        "contact",
        "customer_email",
    ]
    chinese = ["类型", "主题", "备注", "日期", "联系人", "客户编号"]
    assert guess_mapping(chinese, target="activity") == [
        "kind",
        "subject",
        "body",
        "happened_at",
        "contact",
        "customer_id",
    ]
    assert mapping_problems(["subject", "customer_id"], "activity") == [
        "Choose the column that holds the date."
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Call", "call"),
        ("phone call", "call"),
        ("电话", "call"),
        ("E-mail", "email"),
        ("邮件", "email"),
        ("Meeting", "meeting"),
        ("会议", "meeting"),
        ("Support request", "support"),
        ("工单", "support"),
        ("备注", "note"),
        ("NOTE", "note"),
    ],
)
def test_kinds_by_value_label_in_either_language_or_synonym(text, kind):
    from customers.imports.related import _fold

    assert kinds()[_fold(text)] == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-14", (2024, 3, 14, 0, 0)),
        ("2024-03-14 09:30", (2024, 3, 14, 9, 30)),
        ("2024/03/14 09:30:15", (2024, 3, 14, 9, 30)),
        ("2024-03-14T09:30:00", (2024, 3, 14, 9, 30)),
        ("14.03.2024", (2024, 3, 14, 0, 0)),
        ("14/03/2024 17:05", (2024, 3, 14, 17, 5)),
        ("03/14/2024", (2024, 3, 14, 0, 0)),
        ("2024年3月14日", (2024, 3, 14, 0, 0)),
        ("2024年3月14日 9:30", (2024, 3, 14, 9, 30)),
    ],
)
def test_dates_in_common_formats_are_read_in_the_sites_time_zone(text, expected, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    when = parse_when(text)
    assert when.utcoffset() == datetime.timedelta(hours=8)
    local = when.astimezone(zoneinfo.ZoneInfo("Asia/Shanghai"))
    assert (local.year, local.month, local.day, local.hour, local.minute) == expected


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("03/04/2024", "either day first or month first"),
        ("yesterday", "is not a date"),
        ("2024-02-30", "is not a date"),
        ("31.02.2024", "not a date of the calendar"),
    ],
)
def test_dates_that_cannot_be_read_say_how_to_write_them(text, says):
    with pytest.raises(ValueError, match=says):
        parse_when(text)


def test_rows_become_timeline_entries_through_the_service(
    importer, acme, make_customer, start_import, run_worker
):
    ann = contact_create(customer=acme, name="Ann Lee", email="ann@acme.example")
    globex = make_customer(name="Globex", email="hq@globex.example")
    rows = [
        [*HEADER, "Customer ID"],
        ["Call", "Renewal", "Wants 10 seats", "2023-05-02 14:30", "ann lee", "", ""],
        ["会议", "Kick-off", "", "2023-05-03", "ann@acme.example", "OFFICE@acme.example", ""],
        ["", "", "First line stands in\nfor a subject", "2023-05-04", "", "", str(globex.pk)],
        ["Support", "Broken login", "", "2023-05-05", "", "office@acme.example", ""],
    ]
    rows[1][5] = "office@acme.example"
    run = start_import(importer, rows, target="activity")
    assert Interaction.objects.count() == 0  # queued: the worker runs it
    run_worker()
    run = finished(run)
    assert (run.status, run.created_count, run.failed_count) == ("done", 4, 0)
    call = Interaction.objects.get(subject="Renewal")
    assert (call.customer, call.kind, call.body, call.contact) == (
        acme,
        "call",
        "Wants 10 seats",
        ann,
    )
    assert call.recorded_by == importer
    assert call.happened_at == datetime.datetime(2023, 5, 2, 14, 30, tzinfo=datetime.UTC)
    assert Interaction.objects.get(subject="Kick-off").kind == "meeting"
    note = Interaction.objects.get(customer=globex)
    assert (note.kind, note.subject) == ("note", "First line stands in")
    assert Interaction.objects.get(subject="Broken login").support_status == "open"
    assert call.history.first().history_user == importer


def test_bad_rows_and_exact_repeats_are_reported(importer, acme, run_import):
    rows = [
        HEADER,
        ["Call", "Same", "", "2023-05-02", "", "office@acme.example"],
        ["Call", "Same", "", "2023-05-02", "", "office@acme.example"],
        ["Call", "Same", "", "2023-05-03", "", "office@acme.example"],  # another day
        ["Fax", "Old tech", "", "2023-05-02", "", "office@acme.example"],
        ["Call", "No date", "", "", "", "office@acme.example"],
        ["Call", "Nobody", "", "2023-05-02", "Zed", "office@acme.example"],
        ["Call", "Lost", "", "2023-05-02", "", "nobody@example.com"],
    ]
    run = run_import(importer, rows, target="activity")
    assert (run.created_count, run.skipped_count, run.failed_count) == (2, 1, 4)
    messages = dict(ImportRow.objects.filter(run=run).values_list("number", "message"))
    assert messages[3] == "The same as row 2 of this file."
    assert "“Fax” is not a kind of activity" in messages[5]
    assert "The row has no date." in messages[6]
    assert messages[7] == "“Acme” has no contact named “Zed”."
    assert messages[8] == "No customer has the email “nobody@example.com”."


def test_row_messages_are_in_the_importers_language(make_user, acme, run_import):
    from customers.models import UserPreference

    importer = make_user("wang", perms=("add_interaction", "view_customer"))
    UserPreference.objects.update_or_create(user=importer, defaults={"language": "zh-hans"})
    rows = [HEADER, ["Call", "Lost", "", "2023-05-02", "", "nobody@example.com"]]
    run = run_import(importer, rows, target="activity")
    message = ImportRow.objects.get(run=run).message
    with translation.override("zh-hans"):
        assert message == translation.gettext("No customer has the email “{email}”.").format(
            email="nobody@example.com"
        )
    assert message != "No customer has the email “nobody@example.com”."


def test_undo_deletes_the_imported_activity_only(importer, acme, client, run_worker, run_import):
    from customers.timeline.services import interaction_create

    interaction_create(customer=acme, recorded_by=None, kind="note", subject="By hand")
    rows = [HEADER, ["Call", "Imported", "", "2023-05-02", "", "office@acme.example"]]
    run = run_import(importer, rows, target="activity")
    client.force_login(importer)
    assert client.post(reverse("import_undo", args=[run.pk])).status_code == 302
    run_worker()
    run = finished(run)
    assert (run.status, run.undo_report) == ("undone", {"deleted": 1, "restored": 0, "kept": []})
    assert list(Interaction.objects.values_list("subject", flat=True)) == ["By hand"]
    page = client.get(reverse("import_detail", args=[run.pk])).content.decode()
    assert "1 activity entry it created deleted" in page


def test_an_interrupted_activity_import_resumes_without_duplicates(
    importer, acme, run_worker, settings, run_import
):
    settings.IMPORT_BATCH_SIZE = 10
    rows = [HEADER] + [
        ["Note", f"Note {n}", "", f"2023-05-{n + 1:02d}", "", "office@acme.example"]
        for n in range(25)
    ]
    rows.append(rows[1])  # the first entry again, in the last batch
    run = run_import(importer, rows, batch_limit=1, target="activity")
    assert run.done_rows == 10
    DBTaskResult.objects.filter(id=run.task_id).update(status="RUNNING")  # the worker died
    run_worker()
    run = finished(run)
    assert (run.status, run.done_rows, run.created_count, run.skipped_count) == (
        "done",
        26,
        25,
        1,
    )
    assert Interaction.objects.count() == 25


def test_a_workbooks_date_cells_and_number_ids_are_read(importer, acme, run_import):
    from customers.tests.imports.helpers import xlsx_bytes

    rows = [
        ["Type", "Subject", "Date", "Customer ID"],
        ["Meeting", "Lunch", datetime.datetime(2022, 1, 5, 12, 15), acme.pk],
        ["Call", "Follow-up", datetime.date(2022, 1, 6), float(acme.pk)],
    ]
    run = run_import(importer, None, data=xlsx_bytes(rows), target="activity")
    assert run.created_count == 2
    lunch = Interaction.objects.get(subject="Lunch")
    assert (lunch.customer, lunch.kind) == (acme, "meeting")
    assert lunch.happened_at == datetime.datetime(2022, 1, 5, 12, 15, tzinfo=datetime.UTC)
