"""The dashboard's tables: the figures of customers/reports/selectors.py laid out in rows,
each figure a link to the grid or deal list of the records behind it, and each table's
chart. The page shows them, the CSV download writes them: one set of numbers for both.

A figure links only where the list can show exactly its records (the grid and the
deal list take the report's owner, lead source and tag); activity, which no list
shows, is plain numbers.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from customers.core.money import format_money
from customers.core.owners import display_name
from customers.models import Customer, Interaction, LeadSource
from customers.reports import selectors
from customers.reports.periods import MONTH, QUARTER, STEPS, WEEK, Period
from customers.reports.selectors import Scope
from ui.charts import BarChart, bar_chart

OTHERS = "others"  # the key the rows of people not named are added up under
# Each kind of activity counted, as a column header.
KINDS_PLURAL = {
    Interaction.Kind.CALL: gettext_lazy("Calls"),
    Interaction.Kind.EMAIL: gettext_lazy("Emails"),
    Interaction.Kind.MEETING: gettext_lazy("Meetings"),
    Interaction.Kind.NOTE: gettext_lazy("Notes"),
}
# The captions of the figures over time, by the step they are added up in: whole
# sentences, so each language words "per week" its own way.
OVER_TIME = {
    "won-lost": {
        MONTH: gettext_lazy("Deals won and lost per month"),
        WEEK: gettext_lazy("Deals won and lost per week"),
        QUARTER: gettext_lazy("Deals won and lost per quarter"),
    },
    "won-lost-amounts": {
        MONTH: gettext_lazy("Amounts won and lost per month"),
        WEEK: gettext_lazy("Amounts won and lost per week"),
        QUARTER: gettext_lazy("Amounts won and lost per quarter"),
    },
    "new-customers": {
        MONTH: gettext_lazy("New customers per month"),
        WEEK: gettext_lazy("New customers per week"),
        QUARTER: gettext_lazy("New customers per quarter"),
    },
    "new-customers-by-owner": {
        MONTH: gettext_lazy("New customers per month, by owner"),
        WEEK: gettext_lazy("New customers per week, by owner"),
        QUARTER: gettext_lazy("New customers per quarter, by owner"),
    },
    "new-customers-by-source": {
        MONTH: gettext_lazy("New customers per month, by the lead source of their deals"),
        WEEK: gettext_lazy("New customers per week, by the lead source of their deals"),
        QUARTER: gettext_lazy("New customers per quarter, by the lead source of their deals"),
    },
}


@dataclass
class Cell:
    text: str
    value: object = None  # what the CSV holds: a number stays a number
    href: str = ""
    numeric: bool = False

    def __post_init__(self):
        if self.value is None:
            self.value = self.text


def number(value, href: str = "") -> Cell:
    return Cell(f"{value:,}", value, href, numeric=True)


def money(amount: Decimal, currency: str) -> Cell:
    return Cell(format_money(amount, currency), amount, numeric=True)


def change(value: int) -> Cell:
    """A difference, its sign always written: +3, −2, 0."""
    return Cell(f"{value:+,}".replace("-", "−") if value else "0", value, numeric=True)


def money_change(amount: Decimal, currency: str) -> Cell:
    sign = "+" if amount > 0 else "−" if amount < 0 else ""
    return Cell(sign + format_money(abs(amount), currency), amount, numeric=True)


def percent(part: int, whole: int) -> Cell:
    if not whole:
        return Cell("—", "", numeric=True)
    share = round(100 * part / whole)
    return Cell(f"{share}%", share, numeric=True)


@dataclass
class ReportTable:
    slug: str
    caption: str
    headers: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    chart: BarChart | None = None
    note: str = ""


@dataclass
class Section:
    slug: str
    title: str
    tables: list[ReportTable]


class Dashboard:
    """The figures of one scope and period, as the viewer may see them.

    `names_shown`: whether other people's names may be shown (managers; everyone when
    the REPORTS_SHOW_NAMES setting allows). Else other people's rows are added up as
    one "Other people" row, and only the viewer's own are named.
    """

    def __init__(
        self, *, scope: Scope, period: Period, viewer, names_shown: bool, now, step: str = MONTH
    ):
        self.scope = scope
        self.period = period
        self.step = step
        self.viewer = viewer
        self.names_shown = names_shown
        self.now = now
        self.buckets = period.buckets(step)
        self.weeks = period.weeks()

    # --- Links ---------------------------------------------------------------------

    def _scoped(self, params: dict) -> dict:
        scope = {
            "owner": self.scope.owner_id,
            "team": self.scope.team_id,
            "lead_source": self.scope.source_id,
            "tag": self.scope.tag_id,
        }
        return {**scope, **params}

    def _url(self, name: str, params: dict) -> str:
        query = {key: value for key, value in self._scoped(params).items() if value}
        return f"{reverse(name)}?{urlencode(query)}" if query else reverse(name)

    def grid_url(self, **params) -> str:
        return self._url("customer_list", params)

    def deals_url(self, **params) -> str:
        return self._url("deal_list", params)

    # --- People --------------------------------------------------------------------

    def _people(self, ids) -> dict:
        """Each user id as the viewer may see it named: (label, own id or None to merge
        into "Other people"). None (nobody) is "No owner"."""
        ids = {pk for pk in ids if pk}
        users = {user.pk: user for user in get_user_model().objects.filter(pk__in=ids)}
        named = {None: (_("No owner"), None)}
        for pk in ids:
            if self.names_shown or pk == self.viewer.pk:
                name = display_name(users.get(pk)) or _("User %(id)s") % {"id": pk}
                named[pk] = (name, pk)
            else:
                named[pk] = (_("Other people"), OTHERS)
        return named

    # --- Pipeline ------------------------------------------------------------------

    def pipeline(self) -> list[ReportTable]:
        stages, rows = selectors.pipeline(self.scope)
        table = ReportTable(
            "pipeline",
            _("Open deals by stage"),
            [
                _("Stage"),
                _("Currency"),
                _("Deals"),
                _("Amount"),
                _("Probability"),
                _("Weighted value"),
            ],
        )
        per_stage = defaultdict(int)
        totals: dict[str, list] = {}
        for row in rows:
            per_stage[row.stage.pk] += row.count
            link = self.deals_url(stage=row.stage.pk, currency=row.currency)
            table.rows.append(
                [
                    Cell(row.stage.name),
                    Cell(row.currency),
                    number(row.count, link),
                    money(row.amount, row.currency),
                    Cell(f"{row.stage.probability}%", row.stage.probability, numeric=True),
                    money(row.weighted, row.currency),
                ]
            )
            total = totals.setdefault(row.currency, [0, Decimal(0), Decimal(0)])
            total[0] += row.count
            total[1] += row.amount
            total[2] += row.weighted
        for currency, (count, amount, weighted) in sorted(totals.items()):
            table.rows.append(
                [
                    Cell(_("All open stages")),
                    Cell(currency),
                    number(count),
                    money(amount, currency),
                    Cell(""),
                    money(weighted, currency),
                ]
            )
        if not rows:
            table.note = _("No open deals.")
        table.chart = bar_chart(
            id="chart-pipeline",
            title=_("Open deals by stage"),
            categories=[stage.name for stage in stages],
            series={_("Deals"): [per_stage[stage.pk] for stage in stages]},
            x_label=_("Stage"),
            y_label=_("Deals"),
        )
        return [table, self.pipeline_change()]

    def pipeline_change(self) -> ReportTable:
        """No links: no list shows the deals as they were at a past moment."""
        end = min(self.period.end_at, self.now)
        at_start = selectors.open_at(self.scope, self.period.start_at)
        at_end = selectors.open_at(self.scope, end)
        table = ReportTable(
            "pipeline-change",
            _("Open deals at the start and at the end of the period"),
            [
                _("Currency"),
                _("Deals at the start"),
                _("Deals at the end"),
                _("Change"),
                _("Amount at the start"),
                _("Amount at the end"),
                _("Change"),
            ],
        )
        for currency in sorted({*at_start, *at_end}):
            before = at_start.get(currency, selectors.Open())
            after = at_end.get(currency, selectors.Open())
            table.rows.append(
                [
                    Cell(currency),
                    number(before.count),
                    number(after.count),
                    change(after.count - before.count),
                    money(before.amount, currency),
                    money(after.amount, currency),
                    money_change(after.amount - before.amount, currency),
                ]
            )
        if not table.rows:
            table.note = _("No open deals.")
        return table

    # --- Won and lost --------------------------------------------------------------

    def won_and_lost(self) -> list[ReportTable]:
        figures = selectors.won_and_lost(self.scope, self.period, self.buckets)
        counts = ReportTable(
            "won-lost",
            self._over_time("won-lost"),
            [self._step_name(), _("Won"), _("Lost"), _("Win rate"), _("Average days to close")],
        )
        amounts = ReportTable(
            "won-lost-amounts",
            self._over_time("won-lost-amounts"),
            [self._step_name(), _("Currency"), _("Won"), _("Average won deal"), _("Lost")],
        )
        chart_won, chart_lost = [], []
        all_won = all_lost = 0
        all_days = 0.0
        for bucket in self.buckets:
            outcomes = figures.get(bucket.first, {})
            won = sum(c.count for c in outcomes.get("won", {}).values())
            lost = sum(c.count for c in outcomes.get("lost", {}).values())
            days = sum(c.days for o in outcomes.values() for c in o.values())
            all_won, all_lost, all_days = all_won + won, all_lost + lost, all_days + days
            closed = {"closed_from": bucket.first, "closed_to": bucket.last}
            counts.rows.append(
                [
                    Cell(bucket.label),
                    number(won, self.deals_url(outcome="won", **closed)),
                    number(lost, self.deals_url(outcome="lost", **closed)),
                    percent(won, won + lost),
                    _average_days(days, won + lost),
                ]
            )
            chart_won.append(won)
            chart_lost.append(lost)
            currencies = sorted({*outcomes.get("won", {}), *outcomes.get("lost", {})})
            for currency in currencies:
                won_deals = outcomes.get("won", {}).get(currency, selectors.Closed())
                lost_deals = outcomes.get("lost", {}).get(currency, selectors.Closed())
                average = won_deals.amount / won_deals.count if won_deals.count else None
                amounts.rows.append(
                    [
                        Cell(bucket.label),
                        Cell(currency),
                        money(won_deals.amount, currency),
                        money(average, currency) if average is not None else Cell("—", ""),
                        money(lost_deals.amount, currency),
                    ]
                )
        whole = {"closed_from": self.period.first, "closed_to": self.period.last}
        counts.rows.append(
            [
                Cell(_("Whole period")),
                number(all_won, self.deals_url(outcome="won", **whole)),
                number(all_lost, self.deals_url(outcome="lost", **whole)),
                percent(all_won, all_won + all_lost),
                _average_days(all_days, all_won + all_lost),
            ]
        )
        if not amounts.rows:
            amounts.note = _("No deal was won or lost in this period.")
        counts.chart = bar_chart(
            id="chart-won-lost",
            title=self._over_time("won-lost"),
            categories=[bucket.short for bucket in self.buckets],
            series={_("Won"): chart_won, _("Lost"): chart_lost},
            x_label=self._step_name(),
            y_label=_("Deals"),
        )
        return [counts, amounts, self.lost_reasons()]

    def lost_reasons(self) -> ReportTable:
        table = ReportTable("lost-reasons", _("Why deals were lost"), [_("Reason"), _("Deals")])
        whole = {"closed_from": self.period.first, "closed_to": self.period.last}
        for pk, name, count in selectors.lost_reasons(self.scope, self.period):
            link = self.deals_url(outcome="lost", closing_reason=pk, **whole) if pk else ""
            table.rows.append([Cell(name), number(count, link)])
        if not table.rows:
            table.note = _("No deal was lost in this period.")
        return table

    # --- Customers -----------------------------------------------------------------

    def _over_time(self, slug: str) -> str:
        return str(OVER_TIME[slug][self.step])

    def _step_name(self) -> str:
        return str(dict(STEPS)[self.step])

    def _per_bucket(self, slug, first_header, figures, names, link) -> ReportTable:
        """Rows of `names` ({key: (label, merge key)}), a column per bucket and a total."""
        table = ReportTable(
            slug,
            self._over_time(slug),
            [first_header, *(bucket.label for bucket in self.buckets), _("Total")],
        )
        rows: dict = {}
        for bucket in self.buckets:
            for key, count in figures.get(bucket.first, {}).items():
                label, merged = names.get(key, (str(key), key))
                row = rows.setdefault(merged, {"label": label, "keys": set()})
                row[bucket.first] = row.get(bucket.first, 0) + count
                row["keys"].add(key)
        for merged, row in sorted(rows.items(), key=lambda item: item[1]["label"].casefold()):
            linkable = merged not in (None, OTHERS)
            cells = [Cell(row["label"])]
            for bucket in self.buckets:
                count = row.get(bucket.first, 0)
                href = link(merged, bucket.first, bucket.last) if linkable and count else ""
                cells.append(number(count, href))
            total = sum(row.get(bucket.first, 0) for bucket in self.buckets)
            href = link(merged, self.period.first, self.period.last) if linkable else ""
            cells.append(number(total, href))
            table.rows.append(cells)
        if not table.rows:
            table.note = _("No customer was created in this period.")
        return table

    def new_customers(self) -> list[ReportTable]:
        by_owner = selectors.new_customers_by_owner(self.scope, self.period, self.buckets)
        owners = self._people({owner for bucket in by_owner.values() for owner in bucket})
        owner_table = self._per_bucket(
            "new-customers-by-owner",
            _("Owner"),
            by_owner,
            owners,
            lambda owner, first, last: self.grid_url(
                owner=owner, created_from=first, created_to=last
            ),
        )
        per_bucket = [sum(by_owner.get(bucket.first, {}).values()) for bucket in self.buckets]
        owner_table.chart = bar_chart(
            id="chart-new-customers",
            title=self._over_time("new-customers"),
            categories=[bucket.short for bucket in self.buckets],
            series={_("Customers"): per_bucket},
            x_label=self._step_name(),
            y_label=_("Customers"),
        )
        by_source = selectors.new_customers_by_source(self.scope, self.period, self.buckets)
        names = {source.pk: (source.name, source.pk) for source in LeadSource.objects.all()}
        names[None] = (_("No lead source"), None)
        source_table = self._per_bucket(
            "new-customers-by-source",
            _("Lead source"),
            by_source,
            names,
            lambda source, first, last: self.grid_url(
                lead_source=source, created_from=first, created_to=last
            ),
        )
        return [owner_table, source_table, self.customers_by_status(), self.status_moves()]

    def customers_by_status(self) -> ReportTable:
        counts = selectors.customers_by_status(self.scope)
        table = ReportTable(
            "customers-by-status", _("Customers by status now"), [_("Status"), _("Customers")]
        )
        for status, label in Customer.Status.choices:
            count = counts.get(status, 0)
            table.rows.append([Cell(label), number(count, self.grid_url(status=status))])
        table.chart = bar_chart(
            id="chart-status",
            title=_("Customers by status now"),
            categories=[label for _status, label in Customer.Status.choices],
            series={_("Customers"): [counts.get(s, 0) for s in Customer.Status.values]},
            x_label=_("Status"),
            y_label=_("Customers"),
        )
        return table

    def status_moves(self) -> ReportTable:
        """No links: no list shows where a customer's status was at a past moment."""
        moves = selectors.status_moves(self.scope, self.period)
        table = ReportTable(
            "status-moves",
            _("Customers who moved between statuses in the period"),
            [pgettext("status", "From"), pgettext("status", "To"), _("Moves")],
        )
        labels = dict(Customer.Status.choices)
        order = {status: position for position, status in enumerate(Customer.Status.values)}
        for (old, new), count in sorted(
            moves.items(), key=lambda move: [order.get(status, len(order)) for status in move[0]]
        ):
            table.rows.append(
                [Cell(labels.get(old, old)), Cell(labels.get(new, new)), number(count)]
            )
        if not table.rows:
            table.note = _("No customer moved to another status in this period.")
        return table

    # --- Activity ------------------------------------------------------------------

    def activity(self) -> list[ReportTable]:
        figures = selectors.activity(self.scope, self.period)
        kinds = [(kind, str(KINDS_PLURAL[kind])) for kind in selectors.ACTIVITY_KINDS]
        per_week = ReportTable(
            "activity-by-week",
            _("Calls, emails, meetings and notes per week"),
            [_("Week"), *(label for _kind, label in kinds), _("Total")],
        )
        series = {label: [] for _kind, label in kinds}
        for week in self.weeks:
            monday = week.first - datetime.timedelta(days=week.first.weekday())
            reps = figures.get(monday, {})
            row = [sum(rep.get(kind, 0) for rep in reps.values()) for kind, _label in kinds]
            per_week.rows.append([Cell(week.label), *map(number, row), number(sum(row))])
            for (_kind, label), count in zip(kinds, row, strict=True):
                series[label].append(count)
        per_week.chart = bar_chart(
            id="chart-activity",
            title=_("Calls, emails, meetings and notes per week"),
            categories=[week.short for week in self.weeks],
            series=series,
            x_label=_("Week"),
            y_label=_("Interactions"),
            stacked=True,
        )
        people = self._people({rep for week in figures.values() for rep in week})
        per_rep: dict = {}
        for week in figures.values():
            for rep, counts in week.items():
                label, merged = people.get(rep, (_("No owner"), None))
                row = per_rep.setdefault(merged, {"label": label})
                for kind, count in counts.items():
                    row[kind] = row.get(kind, 0) + count
        by_rep = ReportTable(
            "activity-by-rep",
            _("Calls, emails, meetings and notes per rep"),
            [_("Rep"), *(label for _kind, label in kinds), _("Total"), _("Per week")],
        )
        weeks = max(len(self.weeks), 1)
        for row in sorted(per_rep.values(), key=lambda row: row["label"].casefold()):
            counts = [row.get(kind, 0) for kind, _label in kinds]
            average = round(sum(counts) / weeks, 1)
            by_rep.rows.append(
                [
                    Cell(row["label"]),
                    *map(number, counts),
                    number(sum(counts)),
                    Cell(f"{average:g}", average, numeric=True),
                ]
            )
        if not by_rep.rows:
            by_rep.note = _("No calls, emails, meetings or notes in this period.")
        return [per_week, by_rep, self.quiet_customers()]

    def quiet_customers(self) -> ReportTable:
        counts = selectors.quiet_customers(self.scope, self.now)
        table = ReportTable(
            "quiet-customers",
            _("Customers with no activity lately"),
            [_("No activity for"), _("Customers")],
        )
        for days, count in counts.items():
            table.rows.append(
                [
                    Cell(
                        ngettext("%(days)s day or more", "%(days)s days or more", days)
                        % {"days": days}
                    ),
                    number(count, self.grid_url(quiet=days)),
                ]
            )
        return table

    # --- Support -------------------------------------------------------------------

    def support(self) -> list[ReportTable]:
        opened = selectors.support_per_week(self.scope, self.period, by="happened_at")
        resolved = selectors.support_per_week(self.scope, self.period, by="resolved_at")
        per_week = ReportTable(
            "support-by-week",
            _("Support requests opened and resolved per week"),
            [_("Week"), pgettext("support requests", "Opened"), _("Resolved")],
        )
        opened_counts, resolved_counts = [], []
        for week in self.weeks:
            monday = week.first - datetime.timedelta(days=week.first.weekday())
            opened_counts.append(opened.get(monday, 0))
            resolved_counts.append(resolved.get(monday, 0))
            per_week.rows.append(
                [Cell(week.label), number(opened.get(monday, 0)), number(resolved.get(monday, 0))]
            )
        per_week.chart = bar_chart(
            id="chart-support",
            title=_("Support requests opened and resolved per week"),
            categories=[week.short for week in self.weeks],
            series={
                pgettext("support requests", "Opened"): opened_counts,
                _("Resolved"): resolved_counts,
            },
            x_label=_("Week"),
            y_label=_("Requests"),
        )
        count, median = selectors.median_time_to_resolve(self.scope, self.period)
        resolution = ReportTable(
            "support-resolution",
            _("Time to resolve support requests"),
            [_("Resolved in the period"), _("Median time to resolve (hours)")],
        )
        hours = round(median.total_seconds() / 3600, 1) if median is not None else None
        resolution.rows.append(
            [
                Cell(f"{count:,}", count),
                Cell(f"{hours:g}", hours, numeric=True) if hours is not None else Cell("—", ""),
            ]
        )
        ages = selectors.open_requests_by_age(self.scope, self.now)
        by_age = ReportTable(
            "support-open-by-age",
            _("Support requests open now, by age"),
            [_("Open for"), _("Requests")],
        )
        for label, count in ages:
            by_age.rows.append([Cell(label), number(count)])
        by_age.chart = bar_chart(
            id="chart-support-age",
            title=_("Support requests open now, by age"),
            categories=[label for label, _count in ages],
            series={_("Requests"): [count for _, count in ages]},
            x_label=_("Open for"),
            y_label=_("Requests"),
        )
        return [per_week, resolution, by_age]

    # --- All of it -----------------------------------------------------------------

    SECTIONS = [
        ("pipeline", gettext_lazy("Pipeline"), "pipeline"),
        ("won-lost", gettext_lazy("Won and lost"), "won_and_lost"),
        ("customers", gettext_lazy("Customers"), "new_customers"),
        ("activity", gettext_lazy("Activity"), "activity"),
        ("support", gettext_lazy("Support"), "support"),
    ]

    # What a viewer who may not see deals is not shown either.
    OF_DEALS = {"pipeline", "won_and_lost"}

    def _shown(self, method: str) -> bool:
        return method not in self.OF_DEALS or self.viewer.has_perm("customers.view_deal")

    def sections(self) -> list[Section]:
        return [
            Section(slug, str(title), getattr(self, method)())
            for slug, title, method in self.SECTIONS
            if self._shown(method)
        ]

    def table(self, slug: str) -> ReportTable | None:
        """One table by its slug, for its download: only its section is added up."""
        method = TABLES.get(slug)
        if method is None or not self._shown(method):
            return None
        return next(table for table in getattr(self, method)() if table.slug == slug)


# Each table's slug, and the Dashboard method that makes it (with its section's others).
TABLES = {
    "pipeline": "pipeline",
    "pipeline-change": "pipeline",
    "won-lost": "won_and_lost",
    "won-lost-amounts": "won_and_lost",
    "lost-reasons": "won_and_lost",
    "new-customers-by-owner": "new_customers",
    "new-customers-by-source": "new_customers",
    "customers-by-status": "new_customers",
    "status-moves": "new_customers",
    "activity-by-week": "activity",
    "activity-by-rep": "activity",
    "quiet-customers": "activity",
    "support-by-week": "support",
    "support-resolution": "support",
    "support-open-by-age": "support",
}


def _average_days(days: float, count: int) -> Cell:
    if not count:
        return Cell("—", "", numeric=True)
    average = round(days / count, 1)
    return Cell(f"{average:g}", average, numeric=True)
