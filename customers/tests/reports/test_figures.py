"""Every figure of the dashboard against a small data set whose answers are written here.

The site is in Berlin: a deal closed at 23:30 on 31 January there is January's, one closed
an hour later February's, although both closed on 31 January in UTC.
"""

import csv
import datetime
import io
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from customers.core.services import (
    customer_delete,
    customer_tag_add,
    customer_update,
    tag_get_or_create,
)
from customers.deals.services import deal_create, deal_move
from customers.models import (
    ClosingReason,
    Customer,
    Deal,
    Interaction,
    LeadSource,
    Stage,
    UserPreference,
)
from customers.timeline.services import interaction_create, interaction_set_status

BERLIN = ZoneInfo("Europe/Berlin")
PERIOD = "?period=custom&start=2026-01-01&end=2026-02-28"
NOW = datetime.datetime(2026, 3, 15, 12, 0, tzinfo=BERLIN)


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=BERLIN)


def stage(name: str) -> Stage:
    return Stage.objects.get(name=name)


def deal(customer, title, amount, currency, stage_name, *, created, closed=None, **extra):
    made = deal_create(
        customer=customer,
        title=title,
        amount=Decimal(amount),
        currency=currency,
        stage=stage(stage_name),
        owner=customer.owner,
        closing_reason=ClosingReason.objects.first() if stage_name == "Lost" else None,
        **extra,
    )
    dates = {"created_at": created, **({"closed_at": closed} if closed else {})}
    Deal.objects.filter(pk=made.pk).update(**dates)
    return made


@pytest.fixture
def world(settings, make_customer, sales_rep, other_rep, manager):
    """Two reps' customers and deals, and a customer in the trash whose records count
    nowhere."""
    settings.TIME_ZONE = "Europe/Berlin"
    web = LeadSource.objects.get(name="Website")
    price = ClosingReason.objects.get(name="Price too high")
    acme = make_customer(name="Acme", owner=sales_rep, status="active")
    globex = make_customer(name="Globex", owner=other_rep, status="prospect")
    gone = make_customer(name="Gone", owner=sales_rep, status="active")
    Customer.objects.filter(pk=acme.pk).update(created_at=at(2026, 1, 31, 23, 30))
    Customer.objects.filter(pk=globex.pk).update(created_at=at(2026, 2, 1, 0, 30))
    Customer.objects.filter(pk=gone.pk).update(created_at=at(2026, 1, 10, 9, 0))
    customer_tag_add(customer=acme, tag=tag_get_or_create(name="VIP"))
    # Nobody's, made before the period, and quiet since December.
    initech = make_customer(name="Initech")
    Customer.objects.filter(pk=initech.pk).update(created_at=at(2025, 6, 1, 9, 0))
    interaction_create(
        customer=initech, recorded_by=None, kind="note", subject="Long ago",
        happened_at=at(2025, 12, 1, 9, 0),
    )  # fmt: skip

    deal(acme, "Jan win", 1000, "USD", "Won", created=at(2026, 1, 21, 23, 30),
         closed=at(2026, 1, 31, 23, 30), lead_source=web)  # fmt: skip
    deal(globex, "Feb win", 500, "EUR", "Won", created=at(2026, 1, 12, 0, 30),
         closed=at(2026, 2, 1, 0, 30))  # fmt: skip
    # Won, then lost after all: it counts as lost, once.
    turned = deal(acme, "Turned", 300, "USD", "Won", created=at(2026, 2, 5, 12, 0))
    deal_move(deal=Deal.objects.get(pk=turned.pk), stage=stage("Lost"), closing_reason=price)
    Deal.objects.filter(pk=turned.pk).update(closed_at=at(2026, 2, 10, 12, 0))
    deal(acme, "Open big", 2000, "USD", "Proposal", created=at(2026, 1, 5, 9, 0))
    deal(globex, "Open small", 100, "EUR", "New", created=at(2026, 2, 2, 9, 0))
    deal(gone, "Trashed win", 9999, "USD", "Won", created=at(2026, 1, 2, 9, 0),
         closed=at(2026, 1, 15, 9, 0))  # fmt: skip
    deal(gone, "Trashed open", 5000, "USD", "Proposal", created=at(2026, 1, 2, 9, 0))

    call = interaction_create(
        customer=acme, recorded_by=sales_rep, kind="call", subject="Hello",
        happened_at=at(2026, 2, 3, 10, 0),
    )  # fmt: skip
    interaction_create(
        customer=globex, recorded_by=other_rep, kind="email", subject="Offer",
        happened_at=at(2026, 2, 4, 10, 0),
    )  # fmt: skip
    interaction_create(
        customer=gone, recorded_by=sales_rep, kind="meeting", subject="Gone",
        happened_at=at(2026, 2, 4, 10, 0),
    )  # fmt: skip
    # Support: one resolved and reopened (open now, 2 days old), one resolved.
    reopened = interaction_create(
        customer=acme, recorded_by=sales_rep, kind="support", subject="Broken",
        happened_at=NOW - datetime.timedelta(days=2),
    )  # fmt: skip
    interaction_set_status(interaction=reopened, status="resolved")
    interaction_set_status(interaction=reopened, status="open")
    fixed = interaction_create(
        customer=globex, recorded_by=other_rep, kind="support", subject="Slow",
        happened_at=at(2026, 2, 17, 9, 0),
    )  # fmt: skip
    interaction_set_status(interaction=fixed, status="resolved")
    Interaction.objects.filter(pk=fixed.pk).update(resolved_at=at(2026, 2, 18, 9, 0))  # 24 h
    quick = interaction_create(
        customer=globex, recorded_by=other_rep, kind="support", subject="Typo",
        happened_at=at(2026, 2, 20, 9, 0),
    )  # fmt: skip
    interaction_set_status(interaction=quick, status="resolved")
    Interaction.objects.filter(pk=quick.pk).update(resolved_at=at(2026, 2, 20, 13, 0))  # 4 h
    customer_delete(customer=gone, by=manager)
    return {"acme": acme, "globex": globex, "call": call, "web": web, "price": price}


@pytest.fixture
def at_noon_on_15_march(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    monkeypatch.setattr("customers.reports.views.timezone.now", lambda: NOW)


def table(html: str, caption: str) -> list[list[str]]:
    """The rows of the table with `caption`, as the cells' text."""
    match = re.search(rf"<caption>{re.escape(caption)}</caption>(.*?)</table>", html, re.S)
    assert match, f"no table {caption!r}"
    rows = re.findall(r"<tr>(.*?)</tr>", match.group(1), re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows]
    return [[re.sub(r"<[^>]+>", "", cell).strip() for cell in row] for row in cells]


def links(html: str, caption: str) -> dict[str, str]:
    """The figures' links of a table: {text of the link: its URL}."""
    match = re.search(rf"<caption>{re.escape(caption)}</caption>(.*?)</table>", html, re.S)
    return {
        f"{text}@{n}": href.replace("&amp;", "&")
        for n, (href, text) in enumerate(re.findall(r'<a href="([^"]+)">([^<]+)</a>', match[1]))
    }


@pytest.fixture
def dashboard(client, manager, world, at_noon_on_15_march):
    client.force_login(manager)
    response = client.get(reverse("report_dashboard") + PERIOD)
    assert response.status_code == 200
    return response.content.decode()


def test_pipeline_counts_open_deals_by_stage_and_currency_weighted(dashboard):
    assert table(dashboard, "Open deals by stage")[1:] == [
        ["New", "EUR", "1", "€100.00", "10%", "€10.00"],
        ["Proposal", "USD", "1", "$2,000.00", "50%", "$1,000.00"],
        ["All open stages", "EUR", "1", "€100.00", "", "€10.00"],
        ["All open stages", "USD", "1", "$2,000.00", "", "$1,000.00"],
    ]


def test_the_pipeline_at_the_start_and_at_the_end_of_the_period(
    client, manager, world, at_noon_on_15_march
):
    client.force_login(manager)
    february = "?period=custom&start=2026-02-01&end=2026-02-28"
    html = client.get(reverse("report_dashboard") + february).content.decode()
    # Open on 1 February: "Open big" and "Feb win" (closed half an hour into February).
    # Open on 1 March: "Open big" and "Open small"; "Turned" came and went in between.
    assert table(html, "Open deals at the start and at the end of the period") == [
        [
            "Currency",
            "Deals at the start",
            "Deals at the end",
            "Change",
            "Amount at the start",
            "Amount at the end",
            "Change",
        ],
        ["EUR", "1", "1", "0", "€500.00", "€100.00", "−€400.00"],
        ["USD", "1", "1", "0", "$2,000.00", "$2,000.00", "$0.00"],
    ]


def test_the_pipeline_grows_by_the_deals_made_in_the_period(dashboard):
    # On 1 January nothing was open yet; on 1 March the two open deals, the trashed
    # customer's left out.
    assert table(dashboard, "Open deals at the start and at the end of the period")[1:] == [
        ["EUR", "0", "1", "+1", "€0.00", "€100.00", "+€100.00"],
        ["USD", "0", "1", "+1", "$0.00", "$2,000.00", "+$2,000.00"],
    ]


def test_won_and_lost_per_month_in_the_sites_time_zone(dashboard):
    assert table(dashboard, "Deals won and lost per month")[1:] == [
        ["Jan 2026", "1", "0", "100%", "10"],
        ["Feb 2026", "1", "1", "50%", "12.5"],
        ["Whole period", "2", "1", "67%", "11.7"],
    ]
    assert table(dashboard, "Amounts won and lost per month")[1:] == [
        ["Jan 2026", "USD", "$1,000.00", "$1,000.00", "$0.00"],
        ["Feb 2026", "EUR", "€500.00", "€500.00", "€0.00"],
        ["Feb 2026", "USD", "$0.00", "—", "$300.00"],
    ]
    assert table(dashboard, "Why deals were lost")[1:] == [["Price too high", "1"]]


def test_new_customers_and_status(dashboard):
    assert table(dashboard, "New customers per month, by owner")[1:] == [
        ["otto", "0", "1", "1"],
        ["rita", "1", "0", "1"],
    ]
    assert table(dashboard, "New customers per month, by the lead source of their deals")[1:] == [
        ["No lead source", "0", "1", "1"],
        ["Website", "1", "0", "1"],
    ]
    assert table(dashboard, "Customers by status now")[1:] == [
        ["Lead", "1"],
        ["Prospect", "1"],
        ["Active", "1"],
        ["Inactive", "0"],
    ]


def test_moves_between_statuses_in_the_period(client, manager, world, at_noon_on_15_march):
    """Each saved change of status in the period, from the change history; a save that
    keeps the status, a move outside the period and a trashed customer's are not."""
    History = Customer.history.model
    mover = Customer.objects.get(name="Initech")  # a lead, made before the period

    def save(when, **data):
        customer_update(customer=Customer.objects.get(pk=mover.pk), data=data)
        saved = History.objects.filter(id=mover.pk).latest("history_id")
        History.objects.filter(history_id=saved.history_id).update(history_date=when)

    save(at(2025, 12, 20, 9, 0), status="prospect")  # before the period
    save(at(2026, 1, 10, 9, 0), status="active")
    save(at(2026, 1, 12, 9, 0), name="Initech Ltd")  # not a move
    save(at(2026, 2, 27, 23, 30), status="inactive")
    save(at(2026, 3, 1, 0, 30), status="active")  # after the period
    client.force_login(manager)

    html = client.get(reverse("report_dashboard") + PERIOD).content.decode()

    assert table(html, "Customers who moved between statuses in the period") == [
        ["From", "To", "Moves"],
        ["Prospect", "Active", "1"],
        ["Active", "Inactive", "1"],
    ]


def test_activity_per_week_and_rep(dashboard):
    weeks = table(dashboard, "Calls, emails, meetings and notes per week")
    assert ["Week of 2 Feb", "1", "1", "0", "0", "2"] in weeks
    assert sum(int(row[-1]) for row in weeks[1:]) == 2  # the trashed customer's left out
    # Nine weeks, from Thursday 1 January to Saturday 28 February.
    assert table(dashboard, "Calls, emails, meetings and notes per rep")[1:] == [
        ["otto", "0", "1", "0", "0", "1", "0.1"],
        ["rita", "1", "0", "0", "0", "1", "0.1"],
    ]
    # On 15 March Acme and Globex had activity within 30 days (13 Mar, 17 Feb); Initech
    # none since 1 December.
    assert table(dashboard, "Customers with no activity lately")[1:] == [
        ["30 days or more", "1"],
        ["60 days or more", "1"],
        ["90 days or more", "1"],
    ]


def test_support(dashboard):
    weeks = table(dashboard, "Support requests opened and resolved per week")
    assert ["Week of 16 Feb", "2", "2"] in weeks
    assert sum(int(row[1]) for row in weeks[1:]) == 2
    assert sum(int(row[2]) for row in weeks[1:]) == 2  # the reopened one is open
    # The middle of 4 h and 24 h.
    assert table(dashboard, "Time to resolve support requests")[1:] == [["2", "14"]]
    assert table(dashboard, "Support requests open now, by age")[1:] == [
        ["Under 1 day", "0"],
        ["1–3 days", "1"],
        ["3–7 days", "0"],
        ["Older", "0"],
    ]


def test_each_figure_links_to_exactly_its_records(client, dashboard, world):
    def listed(url: str) -> set[str]:
        html = client.get(url).content.decode()
        return set(
            re.findall(r'<tr id="(?:customer|deal)-\d+"[^>]*>.*?<a [^>]*>([^<]+)</a>', html, re.S)
        )

    won = links(dashboard, "Deals won and lost per month")
    january_won, february_lost = won["1@0"], won["1@3"]
    assert "closed_from=2026-01-01" in january_won and "outcome=won" in january_won
    assert listed(january_won) == {"Jan win"}
    assert listed(february_lost) == {"Turned"}
    assert listed(won["2@4"]) == {"Jan win", "Feb win"}

    pipeline = links(dashboard, "Open deals by stage")
    assert {listed(url).pop() for url in pipeline.values()} == {"Open big", "Open small"}

    by_owner = links(dashboard, "New customers per month, by owner")
    assert [listed(url) for url in by_owner.values()] == [
        {"Globex"},
        {"Globex"},
        {"Acme"},
        {"Acme"},
    ]
    by_source = links(dashboard, "New customers per month, by the lead source of their deals")
    assert {frozenset(listed(url)) for url in by_source.values()} == {frozenset({"Acme"})}
    by_status = links(dashboard, "Customers by status now")
    assert listed(by_status["1@1"]) == {"Globex"}
    quiet = links(dashboard, "Customers with no activity lately")
    assert "quiet=30" in quiet["1@0"]
    assert listed(quiet["1@0"]) == {"Initech"}


def test_a_viewer_in_another_time_zone_reads_the_companys_months(
    client, manager, world, at_noon_on_15_march
):
    UserPreference.objects.update_or_create(
        user=manager, defaults={"time_zone": "Pacific/Auckland"}
    )
    client.force_login(manager)
    html = client.get(reverse("report_dashboard") + PERIOD).content.decode()
    # As in Berlin: the deal closed at 23:30 on 31 January there is January's.
    assert table(html, "Deals won and lost per month")[1:3] == [
        ["Jan 2026", "1", "0", "100%", "10"],
        ["Feb 2026", "1", "1", "50%", "12.5"],
    ]


def test_won_and_lost_by_week_and_by_quarter(client, manager, world, at_noon_on_15_march):
    client.force_login(manager)
    by_week = client.get(reverse("report_dashboard") + PERIOD + "&by=week").content.decode()
    weeks = table(by_week, "Deals won and lost per week")
    assert weeks[0][0] == "Week"
    # Saturday 31 January and Sunday 1 February are one week, from Monday 26 January.
    assert ["Week of 26 Jan", "2", "0", "100%", "15"] in weeks
    assert ["Week of 9 Feb", "0", "1", "0%", "5"] in weeks
    assert len(weeks) == 1 + 9 + 1  # the header, nine weeks, the whole period
    assert weeks[-1] == ["Whole period", "2", "1", "67%", "11.7"]
    won_that_week = links(by_week, "Deals won and lost per week")
    assert any(
        "closed_from=2026-01-26" in url and "closed_to=2026-02-01" in url and "outcome=won" in url
        for url in won_that_week.values()
    )

    by_quarter = client.get(reverse("report_dashboard") + PERIOD + "&by=quarter").content.decode()
    assert table(by_quarter, "Deals won and lost per quarter")[1:] == [
        ["Q1 2026", "2", "1", "67%", "11.7"],
        ["Whole period", "2", "1", "67%", "11.7"],
    ]
    assert table(by_quarter, "New customers per quarter, by owner") == [
        ["Owner", "Q1 2026", "Total"],
        ["otto", "1", "1"],
        ["rita", "1", "1"],
    ]


def test_an_unknown_step_is_refused_beside_its_field(client, manager, world):
    client.force_login(manager)
    response = client.get(reverse("report_dashboard") + PERIOD + "&by=fortnight")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_filters_narrow_every_figure(client, manager, world, at_noon_on_15_march):
    client.force_login(manager)
    rep = Customer.objects.get(name="Acme").owner
    tag = tag_get_or_create(name="VIP")
    for query in (f"&owner={rep.pk}", f"&tag={tag.pk}", f"&source={world['web'].pk}"):
        html = client.get(reverse("report_dashboard") + PERIOD + query).content.decode()
        won = table(html, "Deals won and lost per month")
        assert won[1] == ["Jan 2026", "1", "0", "100%", "10"]
        assert won[2][:3] == ["Feb 2026", "0", "0" if "source" in query else "1"]
        by_owner = table(html, "New customers per month, by owner")
        assert by_owner[1:] == [["rita", "1", "0", "1"]]
        links_ = links(html, "New customers per month, by owner")
        assert all(query.split("=")[0].lstrip("&").replace("source", "lead_source") in url
                   for url in links_.values())  # fmt: skip


def test_a_team_narrows_every_figure_to_its_members_records_and_its_links_too(
    client, manager, world, at_noon_on_15_march
):
    """A team is a group of users: here otto's own, "Key accounts"."""
    otto = Customer.objects.get(name="Globex").owner
    team = Group.objects.create(name="Key accounts")
    otto.groups.add(team)
    client.force_login(manager)

    html = client.get(reverse("report_dashboard") + PERIOD + f"&team={team.pk}").content.decode()

    assert "team Key accounts" in html
    assert table(html, "Deals won and lost per month")[1:] == [
        ["Jan 2026", "0", "0", "—", "—"],
        ["Feb 2026", "1", "0", "100%", "20"],
        ["Whole period", "1", "0", "100%", "20"],
    ]
    assert table(html, "New customers per month, by owner")[1:] == [["otto", "0", "1", "1"]]
    by_owner = links(html, "New customers per month, by owner")
    assert all(f"team={team.pk}" in url for url in by_owner.values())
    listed = client.get(by_owner["1@1"]).content.decode()
    assert "Globex" in listed and "Acme" not in listed
    won = links(html, "Deals won and lost per month")["1@2"]  # February's won
    deals = client.get(won).content.decode()
    assert "Feb win" in deals and "Jan win" not in deals


def test_each_table_downloads_as_csv_with_the_same_numbers(client, dashboard):
    url = reverse("report_download", args=["won-lost"]) + PERIOD
    response = client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "won-lost-2026-01-01-to-2026-02-28.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows == [
        ["Month", "Won", "Lost", "Win rate", "Average days to close"],
        ["Jan 2026", "1", "0", "100", "10.0"],
        ["Feb 2026", "1", "1", "50", "12.5"],
        ["Whole period", "2", "1", "67", "11.7"],
    ]


def test_a_download_guards_against_csv_injection(client, manager, world):
    client.force_login(manager)
    LeadSource.objects.filter(pk=world["web"].pk).update(name="=HYPERLINK(1)")
    response = client.get(reverse("report_download", args=["new-customers-by-source"]) + PERIOD)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text


def test_an_unknown_table_is_not_found(client, manager):
    client.force_login(manager)
    assert client.get(reverse("report_download", args=["nothing"])).status_code == 404


def test_support_requests_are_counted_by_their_customers_owner(world, sales_rep):
    from customers.reports.selectors import Scope, open_requests_by_age

    ages = dict(open_requests_by_age(Scope(owner_id=sales_rep.pk), NOW))
    assert ages["1–3 days"] == 1
    assert Interaction.objects.filter(kind="support", support_status="open").count() == 1
