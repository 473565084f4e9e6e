"""A file's Tags column makes new tags only for who may make them, as the record's
"Add tag" does: anyone else's rows go in with the tags there are, and say which not."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from customers.core.services import tag_get_or_create
from customers.imports.rows import tags_not_created
from customers.models import Customer, ImportRow, ImportRun, Tag, UserPreference
from customers.tests.imports.helpers import csv_bytes

NOT_CREATED = "Tags not created, as you may not create new tags:"


@pytest.fixture
def clerk(make_user):
    """May import and change customers, and use the tags there are; not make new ones."""
    return make_user("ivy", perms=("add_customer", "view_customer", "change_customer", "view_tag"))


@pytest.fixture
def vip(transactional_db):
    return tag_get_or_create(name="VIP")


def tag_names(email: str) -> list[str]:
    return sorted(Customer.objects.get(email=email).tags.values_list("name", flat=True))


def message(run, number: int) -> str:
    return ImportRow.objects.get(run=run, number=number).message


def test_new_rows_go_in_with_the_tags_there_are_and_say_which_were_not_made(clerk, vip, run_import):
    rows = [
        ["Name", "Email", "Tags"],
        ["Ann Lee", "ann@example.com", "vip, Brand new"],
        ["Bob Roy", "bob@example.com", "Brand new; Other"],
        ["Cy Young", "cy@example.com", "VIP"],
    ]

    run = run_import(clerk, rows)

    assert (run.created_count, run.failed_count) == (3, 0)
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["VIP"]
    assert tag_names("ann@example.com") == ["VIP"]
    assert tag_names("bob@example.com") == []
    assert message(run, 2) == f"{NOT_CREATED} “Brand new”."
    assert message(run, 3) == f"{NOT_CREATED} “Brand new”, “Other”."
    assert message(run, 4) == ""


def test_an_updated_row_gets_the_tags_there_are_and_says_which_were_not_made(
    clerk, vip, make_customer, run_import
):
    make_customer(name="Ann Lee", email="ann@example.com", owner=clerk)
    make_customer(name="Bob Roy", email="bob@example.com", owner=clerk)
    rows = [
        ["Name", "Email", "Tags"],
        ["Ann Lee", "ann@example.com", "VIP, Brand new"],
        ["Bob Roy", "bob@example.com", "Brand new"],
    ]

    run = run_import(clerk, rows, on_duplicate="overwrite")

    assert (run.updated_count, run.skipped_count) == (1, 1)
    assert tag_names("ann@example.com") == ["VIP"]
    assert message(run, 2) == (
        f"The customer “Ann Lee” already has this email. {NOT_CREATED} “Brand new”."
    )
    # The only change it asked for was a tag that is not there: nothing changed.
    assert message(run, 3) == (
        "The customer “Bob Roy” already has this email. Nothing in the row to change. "
        f"{NOT_CREATED} “Brand new”."
    )
    assert not Tag.objects.filter(name="Brand new").exists()


def test_the_import_page_lists_the_rows_that_went_in_without_some_tags(
    client, clerk, vip, start_import, run_worker
):
    rows = [
        ["Name", "Email", "Tags"],
        ["Ann Lee", "ann@example.com", "VIP, Brand new"],
        ["Bob Roy", "bob@example.com", "VIP"],
    ]
    run = start_import(clerk, rows)
    run_worker()
    client.force_login(clerk)

    page = client.get(reverse("import_detail", args=[run.pk])).content.decode()

    assert "Rows not imported as they were" in page
    assert f"{NOT_CREATED} “Brand new”." in page
    assert page.count('<td data-label="Row">') == 1  # Bob's went in as it was


def test_who_may_make_tags_still_makes_them(user, run_import):
    rows = [["Name", "Email", "Tags"], ["Ann Lee", "ann@example.com", "Brand new"]]

    run = run_import(user, rows)

    assert tag_names("ann@example.com") == ["Brand new"]
    assert message(run, 2) == ""


def test_the_note_is_in_the_importers_language(clerk, vip, run_import):
    UserPreference.objects.create(user=clerk, language="zh-hans")
    rows = [["Name", "Email", "Tags"], ["Ann Lee", "ann@example.com", "Brand new"]]

    run = run_import(clerk, rows)

    assert message(run, 2) == "未创建标签，因为你无权创建新标签：“Brand new”。"


def test_the_preview_says_which_tags_will_not_be_made(clerk, vip, client):
    rows = [
        ["Name", "Email", "Tags"],
        ["Ann Lee", "ann@example.com", "vip, Brand new"],
        ["Cy Young", "cy@example.com", "VIP"],
    ]
    client.force_login(clerk)
    client.post(
        reverse("customer_import"),
        {"file": SimpleUploadedFile("customers.csv", csv_bytes(rows))},
    )
    run = ImportRun.objects.get()

    page = client.get(reverse("import_map", args=[run.pk])).content.decode()

    assert f"{NOT_CREATED} “Brand new”." in page
    assert page.count(NOT_CREATED) == 1  # Cy's VIP is a tag there is


@pytest.mark.parametrize(
    ("language", "note"),
    [
        (
            "en",
            "A customer in the trash has this email: the row will be reported. "
            "Tags not created, as you may not create new tags: “Gold”.",
        ),
        (
            "zh-hans",
            "回收站中的客户使用此邮箱：该行将列为失败。未创建标签，因为你无权创建新标签：“Gold”。",
        ),
    ],
)
def test_the_note_on_tags_not_created_follows_the_rows_note_as_the_language_writes(language, note):
    """A space between two sentences in English; none after a Chinese full stop."""
    with translation.override(language):
        said = _("A customer in the trash has this email: the row will be reported.")
        assert tags_not_created(["Gold"], after=said) == note
        assert tags_not_created(["Gold"]) == note.removeprefix(said).lstrip()
