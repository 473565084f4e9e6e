"""Story: a manager opens the reports, changes the period, and follows a figure to the
customers behind it; the dashboard prints without its filters."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from customers.models import Customer
from customers.reports.periods import LAST_MONTH, preset
from e2e.conftest import grant
from e2e.pages.customers import CustomerGrid
from e2e.pages.printing import Pdf
from e2e.pages.reports import ReportsPage

NEW_BY_OWNER = "New customers per month, by owner"
FIRST_QUARTER = "?period=custom&start=2026-01-01&end=2026-03-31"
SECTIONS = ("Pipeline", "Won and lost", "Customers", "Activity", "Support")
TABLES = (
    "Open deals by stage",
    "Open deals at the start and at the end of the period",
    "Deals won and lost per month",
    "Amounts won and lost per month",
    "Why deals were lost",
    NEW_BY_OWNER,
    "New customers per month, by the lead source of their deals",
    "Customers by status now",
    "Customers who moved between statuses in the period",
    "Calls, emails, meetings and notes per week",
    "Calls, emails, meetings and notes per rep",
    "Customers with no activity lately",
)


@pytest.fixture(autouse=True)
def pipeline_defaults(pipeline):
    """The stages a fresh install has: the pipeline report lists them."""


@pytest.fixture
def customers(make_customer, user):
    """Two customers of the user's made this month, one last month, and one in the trash."""
    make_customer("Made now one", owner=user)
    make_customer("Made now two", owner=user)
    old = make_customer("Made last month", owner=user)
    last_month = preset(LAST_MONTH, timezone.localdate())
    middle = timezone.make_aware(
        datetime.datetime.combine(last_month.first + datetime.timedelta(days=14), datetime.time(12))
    )
    Customer.objects.filter(pk=old.pk).update(created_at=middle)
    trashed = make_customer("Made now, trashed", owner=user)
    Customer.objects.filter(pk=trashed.pk).update(deleted_at=timezone.now())


def test_change_the_period_and_follow_a_figure_to_its_customers(logged_in_page, customers):
    reports = ReportsPage(logged_in_page).open()
    expect(reports.chart("New customers per month")).to_be_visible()
    this_month = reports.row(NEW_BY_OWNER, "demo")
    expect(this_month.get_by_role("cell")).to_have_text(["2", "2"])

    reports.choose_period("Last month")
    expect(logged_in_page).to_have_url(re.compile(r"/reports/\?period=last-month$"))
    expect(reports.row(NEW_BY_OWNER, "demo").get_by_role("cell")).to_have_text(["1", "1"])

    reports.choose_period("This month")
    expect(reports.row(NEW_BY_OWNER, "demo").get_by_role("cell")).to_have_text(["2", "2"])
    reports.row(NEW_BY_OWNER, "demo").get_by_role("link").last.click()

    grid = CustomerGrid(logged_in_page)
    expect(grid.heading).to_be_visible()
    grid.expect_names(["Made now two", "Made now one"])
    logged_in_page.go_back()
    expect(reports.row(NEW_BY_OWNER, "demo").get_by_role("cell")).to_have_text(["2", "2"])


def test_the_figures_over_time_go_by_quarter(logged_in_page, customers):
    reports = ReportsPage(logged_in_page).open("?period=this-year")
    reports.group_by("Quarter")
    expect(logged_in_page).to_have_url(re.compile(r"by=quarter"))
    expect(reports.chart("New customers per quarter")).to_be_visible()
    by_owner = reports.row("New customers per quarter, by owner", "demo").get_by_role("cell")
    expect(by_owner).to_have_count(4 + 1)  # each quarter of the year, and the total
    # The two made now, and the one made last month unless that was last year.
    today = timezone.localdate()
    made_this_year = 2 + (preset(LAST_MONTH, today).first.year == today.year)
    expect(by_owner.last).to_have_text(str(made_this_year))


def test_a_custom_range_the_wrong_way_round_is_explained(logged_in_page, customers):
    reports = ReportsPage(logged_in_page).open("?period=custom&start=2026-03-01&end=2026-02-01")
    expect(logged_in_page.get_by_role("alert")).to_contain_text(
        "The end date must not be before the start date."
    )
    expect(reports.table(NEW_BY_OWNER)).to_have_count(0)


def test_the_dashboard_prints_its_figures_without_the_filters(logged_in_page, customers):
    reports = ReportsPage(logged_in_page).open()
    logged_in_page.emulate_media(media="print")
    expect(reports.filters).to_be_hidden()
    expect(logged_in_page.get_by_role("link", name=re.compile("as CSV"))).to_have_count(0)
    expect(reports.table(NEW_BY_OWNER)).to_be_visible()
    expect(reports.chart("New customers per month")).to_be_visible()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_dashboard_prints_on_a4_and_letter_each_chart_with_its_table(
    logged_in_page, user, customers, paper
):
    grant(user, "view_deal")  # a manager's dashboard: the deals' figures too
    made = timezone.make_aware(datetime.datetime(2026, 2, 10, 12))
    Customer.objects.filter(owner=user).update(created_at=made)
    ReportsPage(logged_in_page).open(FIRST_QUARTER)

    pdf = Pdf.of(logged_in_page, format=paper)

    assert pdf.portrait
    assert len(pdf.pages) == {"A4": 4, "Letter": 5}[paper]  # Letter is the shorter sheet
    for title in (*SECTIONS, *TABLES):
        assert title in pdf.text, title
    # The quarter's months, a column each, and February's three customers.
    assert "Owner Jan 2026 Feb 2026 Mar 2026 Total demo 0 3 0 3" in pdf.text
    # A chart is on the sheet of its table: its categories, then the table's caption.
    assert any(
        "Lead Prospect Active Inactive" in sheet and "Customers by status now" in sheet
        for sheet in map(" ".join, map(str.split, pdf.pages))
    )
    for on_screen_only in ("Report filters", "Group by", "as CSV", "Log out"):
        assert on_screen_only not in pdf.text


def test_the_charts_keep_within_the_content_security_policy(page, user, log_in, customers):
    from e2e.test_console import REPORT_CSP_VIOLATIONS

    errors = []
    page.add_init_script(REPORT_CSP_VIOLATIONS)
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    log_in(page, user)
    reports = ReportsPage(page).open()
    reports.choose_period("This year")
    expect(page).to_have_url(re.compile(r"period=this-year"))
    expect(reports.chart("New customers per month")).to_be_visible()
    expect(reports.chart("Customers by status now")).to_be_visible()
    assert errors == []
