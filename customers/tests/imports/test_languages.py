"""An import's messages are in its user's language: the rows' problems the worker
stores (outside any request), the error report, and the pages' own."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from customers.imports.services import import_run
from customers.models import ImportRow, UserPreference

pytestmark = pytest.mark.django_db
ROWS = [
    ["Name", "Email", "Status"],
    ["Ann Lee", "ann@example.com", "潜在客户"],  # a status by its Chinese label
    ["Bad Email", "bad-email", "lead"],
    ["Odd Status", "odd@example.com", "maybe"],
    ["Ann Again", "ann@example.com", "lead"],
]


def signed_in(user, language: str) -> Client:
    UserPreference.objects.update_or_create(user=user, defaults={"language": language})
    browser = Client()
    browser.force_login(user)
    return browser


def run_in_the_worker(run):
    with translation.override("en"):  # the worker's own language, not the user's
        return import_run(run_id=run.pk)


def messages(run) -> dict[int, str]:
    return dict(ImportRow.objects.filter(run=run).values_list("number", "message"))


def test_a_chinese_users_import_reports_its_rows_in_chinese(user, start_import):
    browser = signed_in(user, "zh-hans")
    run = run_in_the_worker(start_import(user, ROWS))

    assert (run.created_count, run.failed_count, run.skipped_count) == (1, 2, 1)
    said = messages(run)
    assert said[3].startswith("邮箱：")
    assert said[4] == "状态：“maybe”不是有效状态，请使用以下之一：线索、潜在客户、活跃、不活跃。"
    assert said[5] == "本文件第 2 行的邮箱相同。"
    report = browser.get(reverse("import_errors", args=[run.pk]))
    lines = list(csv.reader(io.StringIO(b"".join(report.streaming_content).decode("utf-8-sig"))))
    assert lines[0] == [*ROWS[0], "错误"]
    assert [line[-1] for line in lines[1:]] == [said[3], said[4]]
    page = browser.get(reverse("import_detail", args=[run.pk])).content.decode()
    assert "本文件第 2 行的邮箱相同。" in page


def test_an_english_users_import_stays_english(user, start_import):
    signed_in(user, "en")
    with translation.override("zh-hans"):
        run = import_run(run_id=start_import(user, ROWS).pk)

    said = messages(run)
    assert said[3] == "Email: Enter a valid email address."
    assert (
        said[4] == "Status: “maybe” is not a status; use one of Lead, Prospect, Active, Inactive."
    )
    assert said[5] == "Row 2 of this file has the same email."


def test_a_chinese_users_mapping_problems_are_in_chinese(user, start_import):
    browser = signed_in(user, "zh-hans")
    run = start_import(user, ROWS)
    run.status = run.Status.UPLOADED
    run.save()

    response = browser.post(
        reverse("import_map", args=[run.pk]),
        {"column_0": "name", "column_1": "name", "column_2": "", "on_duplicate": "skip"},
    )

    assert response.status_code == 422
    html = response.content.decode()
    assert "请选择包含邮箱的列。" in html
    assert "只能有一列是姓名。" in html
