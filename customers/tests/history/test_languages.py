"""The history names fields by the models' verbose names, in the reader's language."""

import re

import pytest
from django.test import Client

from customers.core.services import customer_update
from customers.deals.services import deal_create
from customers.models import Stage, UserPreference

pytestmark = pytest.mark.django_db


def reader(make_user, language: str) -> Client:
    user = make_user(f"reader-{language}", perms=("view_customer", "view_deal"))
    UserPreference.objects.create(user=user, language=language)
    browser = Client()
    browser.force_login(user)
    return browser


def field_names(body: str) -> set[str]:
    return set(re.findall(r'<span class="history__field">(.*?):</span>', body))


@pytest.fixture
def changed(ann):
    customer_update(customer=ann, data={"phone": "+442079460959", "status": "active"})
    deal_create(customer=ann, title="Fit-out", amount=100, stage=Stage.objects.first())
    return ann


def test_a_chinese_reader_sees_the_fields_in_chinese(make_user, changed):
    body = reader(make_user, "zh-hans").get(f"/customers/{changed.pk}/history/").content
    names = field_names(body.decode())

    assert {"电话", "状态", "标题", "金额", "阶段"} <= names
    assert not {"Phone", "Status", "Title", "Amount", "Stage"} & names


def test_an_english_reader_sees_them_in_english(make_user, changed):
    body = reader(make_user, "en").get(f"/customers/{changed.pk}/history/").content
    names = field_names(body.decode())

    assert {"Phone", "Status", "Title", "Amount", "Stage"} <= names
    assert not {"电话", "状态"} & names
