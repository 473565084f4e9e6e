"""Who sees which figures, the filters' errors, the fragment, and a fixed number of queries."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import CRM_PERMISSIONS
from customers.deals.services import deal_create, deal_move, deal_update
from customers.models import ClosingReason, Deal, Stage, UserPreference
from ui.testing import HX

URL = reverse("report_dashboard")
# Session and user, their permissions, the form's choices, one grouped query or two per
# table, and the navigation's count of unread notifications.
QUERIES = 29


@pytest.fixture
def two_reps_customers(make_customer, sales_rep, other_rep):
    return (
        make_customer(name="Rita's customer", owner=sales_rep),
        make_customer(name="Otto's customer", owner=other_rep),
    )


def test_a_rep_sees_everyones_totals_with_only_their_own_name(
    client, sales_rep, other_rep, two_reps_customers
):
    client.force_login(sales_rep)
    html = client.get(URL).content.decode()
    assert "Other people" in html
    assert other_rep.username not in html
    assert sales_rep.username in html
    # The owner filter offers them themselves, or everyone.
    owners = re.search(r'<select name="owner".*?</select>', html, re.S).group()
    assert re.findall(r'<option value="(\d*)"', owners) == ["", str(sales_rep.pk)]


def test_a_rep_cannot_ask_for_someone_elses_figures(client, sales_rep, other_rep):
    client.force_login(sales_rep)
    response = client.get(f"{URL}?owner={other_rep.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "Open deals by stage" not in html


def test_a_setting_lets_reps_see_their_colleagues_names(
    client, settings, sales_rep, other_rep, two_reps_customers
):
    settings.REPORTS_SHOW_NAMES = True
    client.force_login(sales_rep)
    html = client.get(URL).content.decode()
    assert other_rep.username in html
    assert "Other people" not in html


def test_a_manager_sees_every_name_and_may_choose_any_owner(
    client, manager, sales_rep, other_rep, two_reps_customers
):
    client.force_login(manager)
    html = client.get(f"{URL}?owner={other_rep.pk}").content.decode()
    assert "Otto's customer" not in html  # figures, not records
    assert "records of otto" in html
    html = client.get(URL).content.decode()
    assert other_rep.username in html and sales_rep.username in html


def test_without_view_customer_it_is_forbidden(client, no_role_user, make_user):
    client.force_login(make_user("viewer_of_deals", perms=("view_deal",)))
    assert client.get(URL).status_code == 403
    assert client.get(reverse("report_download", args=["pipeline"])).status_code == 403


def test_without_view_deal_the_deals_figures_are_left_out(client, make_user):
    client.force_login(make_user("customers_only", perms=("view_customer",)))
    html = client.get(URL).content.decode()
    assert "Customers by status now" in html
    assert "Open deals by stage" not in html and "Deals won and lost" not in html
    assert client.get(reverse("report_download", args=["pipeline"])).status_code == 404
    assert client.get(reverse("report_download", args=["quiet-customers"])).status_code == 200


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ("period=custom&start=2026-02-01&end=2026-01-01", "must not be before"),
        ("period=custom&start=2026-02-01", "needs both a start and an end"),
        ("period=custom&start=2020-01-01&end=2026-01-01", "at most three years"),
        ("period=custom&start=1200-01-01&end=2026-01-01", "from 1900 to 2999"),
        ("period=custom&start=2026-13-45&end=2026-01-01", "Enter a valid date"),
        ("period=someday", "Select a valid choice"),
        ("tag=x", "Select a valid choice"),
        ("source=99999999999999999999999", "Select a valid choice"),
    ],
)
def test_bad_filters_are_explained_not_a_500(user_client, query, error):
    response = user_client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert error in response.content.decode()


def test_a_bad_filter_on_a_download_goes_back_to_the_dashboard(user_client):
    query = "period=custom&start=2026-02-01&end=2026-01-01"
    response = user_client.get(reverse("report_download", args=["pipeline"]) + "?" + query)
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?{query}"


def test_empty_filters_from_a_page_without_javascript_leave_the_url(user_client):
    response = user_client.get(f"{URL}?period=last-month&start=&end=&owner=&source=&tag=")
    assert response.status_code == 302
    assert response["Location"] == f"{URL}?period=last-month"


def test_htmx_gets_the_figures_alone(user_client):
    response = user_client.get(f"{URL}?period=this-year", headers=HX)
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="report"' in html and "Open deals by stage" in html
    assert "HX-Request" in response["Vary"]


def make_deals(customer, count: int, user):
    stages = list(Stage.objects.all())
    lost_reason = ClosingReason.objects.first()
    for n in range(count):
        stage = stages[n % len(stages)]
        deal_create(
            customer=customer,
            title=f"Deal {n}",
            amount=Decimal(100 + n),
            currency=["USD", "EUR", "GBP"][n % 3],
            stage=stage,
            owner=user,
            closing_reason=lost_reason if stage.is_lost else None,
        )


@pytest.mark.parametrize("deals", [3, 30])
def test_the_dashboard_costs_the_same_queries_however_many_records(
    client, manager, make_customer, deals, django_assert_num_queries
):
    client.force_login(manager)
    for n in range(deals // 3):
        make_deals(make_customer(name=f"Customer {n}", owner=manager), 3, manager)
    with django_assert_num_queries(QUERIES):
        response = client.get(f"{URL}?period=this-year")
    assert response.status_code == 200
    assert f"{deals // 3 * 2}" in response.content.decode()  # open deals in all


# --- When a deal closed ---------------------------------------------------------------


def test_a_deal_is_closed_when_won_and_again_when_it_turns_lost(make_customer, user):
    customer = make_customer()
    stages = {stage.name: stage for stage in Stage.objects.all()}
    deal = deal_create(customer=customer, title="D", amount=Decimal(5), stage=stages["New"])
    assert deal.closed_at is None
    deal = deal_move(deal=Deal.objects.get(pk=deal.pk), stage=stages["Won"])
    won_at = Deal.objects.get(pk=deal.pk).closed_at
    assert won_at is not None and timezone.now() - won_at < datetime.timedelta(minutes=1)

    deal_update(deal=Deal.objects.get(pk=deal.pk), data={"title": "Renamed"})
    assert Deal.objects.get(pk=deal.pk).closed_at == won_at  # an edit is not a close

    Deal.objects.filter(pk=deal.pk).update(closed_at=won_at - datetime.timedelta(days=3))
    deal_move(
        deal=Deal.objects.get(pk=deal.pk),
        stage=stages["Lost"],
        closing_reason=ClosingReason.objects.first(),
    )
    assert Deal.objects.get(pk=deal.pk).closed_at > won_at - datetime.timedelta(days=3)

    deal_move(deal=Deal.objects.get(pk=deal.pk), stage=stages["Qualified"])
    assert Deal.objects.get(pk=deal.pk).closed_at is None


def test_a_deal_made_won_is_closed_at_once(make_customer):
    deal = deal_create(
        customer=make_customer(),
        title="D",
        amount=Decimal(5),
        stage=Stage.objects.get(name="Won"),
    )
    assert Deal.objects.get(pk=deal.pk).closed_at is not None


def test_a_stages_probability_is_a_percentage(admin_client):
    stage = Stage.objects.get(name="Proposal")
    assert stage.probability == 50
    response = admin_client.post(
        reverse("admin:customers_stage_change", args=[stage.pk]),
        {"name": stage.name, "position": stage.position, "outcome": "open", "probability": 150},
    )
    assert response.status_code == 200
    assert "less than or equal to 100" in response.content.decode()
    stage.refresh_from_db()
    assert stage.probability == 50


def test_a_deal_won_as_it_is_made_took_no_days_to_close(client, manager, make_customer):
    client.force_login(manager)
    deal_create(
        customer=make_customer(), title="D", amount=Decimal(5), stage=Stage.objects.get(name="Won")
    )
    html = client.get(URL).content.decode()
    counts = re.search(r"<caption>Deals won and lost per month.*?</table>", html, re.S).group()
    assert '<td class="num">0</td></tr>' in counts
    assert ">-0<" not in counts


def test_a_support_request_is_resolved_until_it_is_reopened(make_customer):
    from customers.timeline.services import interaction_create, interaction_set_status

    request = interaction_create(
        customer=make_customer(), recorded_by=None, kind="support", subject="Help"
    )
    assert request.resolved_at is None
    interaction_set_status(interaction=request, status="resolved")
    request.refresh_from_db()
    assert request.resolved_at is not None
    interaction_set_status(interaction=request, status="open")
    request.refresh_from_db()
    assert request.resolved_at is None


def test_a_chinese_user_reads_the_figures_in_chinese(make_user):
    """The captions, headers and period labels are built in Python; they follow the
    viewer's language as the template's words do."""
    wang = make_user("wang", perms=CRM_PERMISSIONS)
    UserPreference.objects.create(user=wang, language="zh-hans")
    browser = Client()
    browser.force_login(wang)
    html = browser.get(URL, {"period": "this-year"}).content.decode()
    assert "当前各状态客户" in html  # Customers by status now
    assert "Customers by status now" not in html
    assert f"{timezone.localdate().year}年1月" in html  # the first month's column
    assert "今年" in html  # the period's choice: This year
