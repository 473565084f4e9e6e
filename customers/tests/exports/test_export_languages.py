"""An export is written in the language of the user it is made for: headers, sheet
names and the words in its cells, the rows of a streamed CSV included."""

import pytest
from django.test import Client
from django.utils import translation

from customers.deals.services import deal_create
from customers.models import Stage, UserPreference
from customers.record.services import contact_create
from customers.tests.exports.reading import csv_rows, xlsx_sheets

pytestmark = pytest.mark.django_db
PERMS = ("view_customer", "view_contact", "view_interaction", "view_deal")


def exporter(make_user, language: str) -> Client:
    user = make_user(f"exporter-{language}", perms=PERMS)
    UserPreference.objects.create(user=user, language=language)
    browser = Client()
    browser.force_login(user)
    return browser


def read_elsewhere(response) -> list[list[str]]:
    """The CSV as it streams after the view has returned, in whatever language the
    server's thread is left in by then."""
    with translation.override("en"):
        return csv_rows(response)


def test_a_chinese_users_customer_export_is_in_chinese(make_user, ann):
    response = exporter(make_user, "zh-hans").get(
        "/customers/export/", {"format": "csv", "columns": "all"}
    )

    header, row = read_elsewhere(response)
    assert header[:7] == ["ID", "姓名", "邮箱", "电话", "公司", "状态", "负责人"]
    assert row[1] == "Ann Lee" and row[5] == "线索"  # the status: Lead


def test_a_chinese_users_contacts_and_deals_are_in_chinese(make_user, ann):
    contact_create(customer=ann, name="Bob Boss", is_primary=True)
    deal_create(customer=ann, title="Fit-out", amount=100, stage=Stage.objects.first())
    browser = exporter(make_user, "zh-hans")

    header, row = read_elsewhere(browser.get("/contacts/export/", {"format": "csv"}))
    assert header[:3] == ["客户", "客户邮箱", "姓名"] and "主要联系人" in header
    assert row[6] == "是"  # primary: Yes
    header, _row = read_elsewhere(browser.get("/deals/export/", {"format": "csv"}))
    assert header[:4] == ["标题", "客户", "客户邮箱", "阶段"]
    sheets = xlsx_sheets(browser.get(f"/customers/{ann.pk}/export/", {"format": "xlsx"}))
    assert list(sheets) == ["客户", "联系人", "活动", "商机"]


def test_an_english_users_export_stays_english(make_user, ann):
    browser = exporter(make_user, "en")

    with translation.override("zh-hans"):
        header, row = csv_rows(
            browser.get("/customers/export/", {"format": "csv", "columns": "all"})
        )
    assert header[:6] == ["ID", "Name", "Email", "Phone", "Company", "Status"]
    assert row[5] == "Lead"
    sheets = xlsx_sheets(browser.get(f"/customers/{ann.pk}/export/", {"format": "xlsx"}))
    assert list(sheets) == ["Customer", "Contacts", "Activity", "Deals"]
