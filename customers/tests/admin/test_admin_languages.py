"""The admin names models and fields by their verbose names, in the reader's language."""

import pytest

from customers.models import UserPreference

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_in(client, superuser):
    def signed_in(language: str):
        UserPreference.objects.update_or_create(user=superuser, defaults={"language": language})
        client.force_login(superuser)
        return client

    return signed_in


def test_a_chinese_admin_reads_model_and_field_names_in_chinese(admin_in, ann):
    admin = admin_in("zh-hans")

    customers = admin.get("/admin/customers/customer/").content.decode()
    assert "<title>选择 客户 来修改" in customers
    assert "公司" in customers and "电话" in customers  # the Company and Phone columns
    deals = admin.get("/admin/customers/deal/").content.decode()
    assert "<title>选择 商机 来修改" in deals
    index = admin.get("/admin/customers/").content.decode()
    assert "线索来源" in index and "丢单原因" in index and "阶段" in index
    assert "<title>客户 管理" in index  # the app's own name


def test_an_english_admin_reads_them_in_english(admin_in, ann):
    admin = admin_in("en")

    customers = admin.get("/admin/customers/customer/").content.decode()
    assert "<title>Select customer to change" in customers
    assert "Company" in customers
    index = admin.get("/admin/customers/").content.decode()
    assert "Lead sources" in index and "Reasons lost" in index
