"""`manage.py demo --locale zh_CN`: a Chinese team's stages, lead sources, reasons a deal
is lost and email templates are seeded in Chinese; the English demo keeps the defaults."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.http import HttpRequest
from django.urls import reverse

from customers.models import ClosingReason, Deal, EmailTemplate, LeadSource, Stage

pytestmark = pytest.mark.django_db
CJK = re.compile("[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def development(settings):
    settings.DEBUG = True  # the demo login is for development


def run_demo(**options):
    call_command("demo", stdout=StringIO(), **options)


def test_a_chinese_demo_seeds_its_lists_in_chinese_and_they_work_as_the_defaults(client):
    run_demo(customers=60, locale="zh_CN")

    stages = list(Stage.objects.values_list("name", "outcome", "probability"))
    assert stages == [
        ("新商机", "open", 10),
        ("需求确认", "open", 25),
        ("方案报价", "open", 50),
        ("商务谈判", "open", 75),
        ("赢单", "won", 100),
        ("丢单", "lost", 0),
    ]
    assert all(CJK.search(name) for name in LeadSource.objects.values_list("name", flat=True))
    assert all(CJK.search(name) for name in ClosingReason.objects.values_list("name", flat=True))
    assert all(CJK.search(name) for name in EmailTemplate.objects.values_list("name", flat=True))
    # Stages are told apart by their outcome, not their name: lost deals have a reason,
    # closed ones a closing time.
    deals = list(Deal.objects.select_related("stage", "closing_reason", "lead_source"))
    assert deals
    for deal in deals:
        assert CJK.search(deal.lead_source.name)
        assert (deal.closing_reason is not None) == deal.stage.is_lost
        assert (deal.closed_at is not None) == deal.stage.is_closed

    client.login(request=HttpRequest(), username="demo", password="demo")
    board = client.get(reverse("deal_board")).content.decode()
    for name, _outcome, _probability in stages:
        assert name in board


def test_the_english_demo_keeps_the_default_lists():
    run_demo(customers=10)

    assert list(Stage.objects.values_list("name", flat=True)) == [
        *("New", "Qualified", "Proposal", "Negotiation", "Won", "Lost")
    ]
    assert "Referral" in LeadSource.objects.values_list("name", flat=True)
    assert "Price too high" in ClosingReason.objects.values_list("name", flat=True)
    assert list(EmailTemplate.objects.values_list("name", flat=True)) == [
        "Follow-up after a call",
        "Quote",
    ]


def test_a_default_an_admin_renamed_is_left_as_it_is():
    Stage.objects.filter(name="Won").update(name="Signed")

    run_demo(customers=5, locale="zh_CN")

    names = list(Stage.objects.values_list("name", flat=True))
    assert "Signed" in names and "赢单" not in names
    assert "丢单" in names
