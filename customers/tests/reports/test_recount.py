"""Each figure equals a plain recount, record by record, over generated data."""

import datetime
import random
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.utils import timezone

from customers.core.services import customer_tag_add, customer_trash, tag_get_or_create
from customers.deals.services import deal_create
from customers.models import ClosingReason, Customer, Deal, Interaction, LeadSource, Stage
from customers.reports import selectors
from customers.reports.periods import Period, quarter_start
from customers.reports.selectors import Scope
from customers.timeline.services import interaction_create

PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
NOW = timezone.make_aware(datetime.datetime(2026, 7, 1, 12, 0))


def moment(rng) -> datetime.datetime:
    """A time between October 2025 and July 2026, the period's edges included."""
    start = timezone.make_aware(datetime.datetime(2025, 10, 1))
    return start + datetime.timedelta(minutes=rng.randrange(0, 280 * 24 * 60))


@pytest.fixture(params=[1, 2])
def generated(request, settings, make_customer, sales_rep, other_rep, manager):
    settings.TIME_ZONE = "America/New_York"
    rng = random.Random(request.param)
    owners = [sales_rep, other_rep, None]
    stages = list(Stage.objects.all())
    sources = [*LeadSource.objects.all()[:3], None]
    tag = tag_get_or_create(name="VIP")
    reason = ClosingReason.objects.first()
    customers = []
    for n in range(30):
        customer = make_customer(
            name=f"C{n}", owner=rng.choice(owners), status=rng.choice(Customer.Status.values)
        )
        Customer.objects.filter(pk=customer.pk).update(created_at=moment(rng))
        if rng.random() < 0.4:
            customer_tag_add(customer=customer, tag=tag)
        customers.append(customer)
    for n in range(50):
        customer = rng.choice(customers)
        stage = rng.choice(stages)
        deal = deal_create(
            customer=customer,
            title=f"D{n}",
            amount=Decimal(rng.randrange(1, 500) * 10),
            currency=rng.choice(["USD", "EUR"]),
            stage=stage,
            owner=rng.choice(owners),
            lead_source=rng.choice(sources),
            closing_reason=reason if stage.is_lost else None,
        )
        created = moment(rng)
        closed = created + datetime.timedelta(hours=rng.randrange(0, 2000))
        Deal.objects.filter(pk=deal.pk).update(
            created_at=created, closed_at=closed if stage.is_closed else None
        )
    for n in range(80):
        kind = rng.choice(Interaction.Kind.values)
        happened = moment(rng)
        interaction = interaction_create(
            customer=rng.choice(customers),
            recorded_by=rng.choice(owners),
            kind=kind,
            subject=f"I{n}",
            happened_at=happened,
        )
        if kind == "support" and rng.random() < 0.5:
            Interaction.objects.filter(pk=interaction.pk).update(
                support_status="resolved",
                resolved_at=happened + datetime.timedelta(hours=rng.randrange(1, 400)),
            )
    customer_trash(customers=rng.sample(customers, 4), by=manager)
    return {"reps": [sales_rep, other_rep], "tag": tag, "source": sources[0]}


def scopes(generated):
    rep = generated["reps"][0]
    return [
        Scope(),
        Scope(owner_id=rep.pk),
        Scope(tag_id=generated["tag"].pk),
        Scope(source_id=generated["source"].pk),
    ]


def kept_deals(scope):
    for deal in Deal._base_manager.select_related("customer", "stage"):
        customer = deal.customer
        if customer.deleted_at is not None:
            continue
        if scope.owner_id and deal.owner_id != scope.owner_id:
            continue
        if scope.source_id and deal.lead_source_id != scope.source_id:
            continue
        if scope.tag_id and not customer.tags.filter(pk=scope.tag_id).exists():
            continue
        yield deal


def in_source_and_tag(scope, customer) -> bool:
    """Whether the customer has a deal from the scope's lead source and the scope's tag
    (either, when the scope names none)."""
    if scope.source_id and not customer.deals.filter(lead_source=scope.source_id).exists():
        return False
    return not scope.tag_id or customer.tags.filter(pk=scope.tag_id).exists()


def kept_customers(scope):
    for customer in Customer.objects.all():
        if scope.owner_id and customer.owner_id != scope.owner_id:
            continue
        if in_source_and_tag(scope, customer):
            yield customer


def kept_interactions(scope, owner):
    for interaction in Interaction.objects.select_related("customer"):
        customer = interaction.customer
        if customer.deleted_at is not None:
            continue
        if scope.owner_id and owner(interaction) != scope.owner_id:
            continue
        if in_source_and_tag(scope, customer):
            yield interaction


def in_period(moment) -> bool:
    return moment is not None and PERIOD.start_at <= moment < PERIOD.end_at


def month_of(moment) -> datetime.date:
    return timezone.localtime(moment).date().replace(day=1)


def quarter_of(moment) -> datetime.date:
    return quarter_start(timezone.localtime(moment).date())


def monday_of(moment) -> datetime.date:
    day = timezone.localtime(moment).date()
    return day - datetime.timedelta(days=day.weekday())


def test_every_figure_equals_a_recount(generated):
    for scope in scopes(generated):
        _, rows = selectors.pipeline(scope)
        expected = Counter()
        for deal in kept_deals(scope):
            if deal.stage.outcome == "open":
                expected[(deal.stage_id, deal.currency)] += 1
        assert {(row.stage.pk, row.currency): row.count for row in rows} == expected

        for buckets, bucket_of in ((PERIOD.months(), month_of), (PERIOD.quarters(), quarter_of)):
            figures = selectors.won_and_lost(scope, PERIOD, buckets)
            found = {
                (first, outcome, currency): closed.count
                for first, outcomes in figures.items()
                for outcome, currencies in outcomes.items()
                for currency, closed in currencies.items()
            }
            expected = Counter(
                (bucket_of(deal.closed_at), deal.stage.outcome, deal.currency)
                for deal in kept_deals(scope)
                if deal.stage.outcome != "open" and in_period(deal.closed_at)
            )
            assert found == expected

        by_owner = selectors.new_customers_by_owner(scope, PERIOD, PERIOD.months())
        found = {(m, o): n for m, owners in by_owner.items() for o, n in owners.items()}
        expected = Counter(
            (month_of(c.created_at), c.owner_id)
            for c in kept_customers(scope)
            if in_period(c.created_at)
        )
        assert found == expected

        assert selectors.customers_by_status(scope) == Counter(
            c.status for c in kept_customers(scope)
        )

        activity = selectors.activity(scope, PERIOD)
        found = {
            (week, rep, kind): n
            for week, reps in activity.items()
            for rep, kinds in reps.items()
            for kind, n in kinds.items()
        }
        expected = Counter(
            (monday_of(i.happened_at), i.recorded_by_id, i.kind)
            for i in kept_interactions(scope, lambda i: i.recorded_by_id)
            if i.kind in selectors.ACTIVITY_KINDS and in_period(i.happened_at)
        )
        assert found == expected

        last = defaultdict(lambda: None)
        for interaction in Interaction.objects.all():
            previous = last[interaction.customer_id]
            if previous is None or interaction.happened_at > previous:
                last[interaction.customer_id] = interaction.happened_at
        quiet = selectors.quiet_customers(scope, NOW)
        for days in (30, 60, 90):
            cutoff = NOW - datetime.timedelta(days=days)
            expected = sum(
                1 for c in kept_customers(scope) if last[c.pk] is None or last[c.pk] < cutoff
            )
            assert quiet[days] == expected

        support = list(kept_interactions(scope, lambda i: i.customer.owner_id))
        for field in ("happened_at", "resolved_at"):
            expected = Counter(
                monday_of(getattr(i, field))
                for i in support
                if i.kind == "support" and in_period(getattr(i, field))
            )
            assert selectors.support_per_week(scope, PERIOD, by=field) == expected

        times = sorted(
            i.resolved_at - i.happened_at
            for i in support
            if i.kind == "support" and in_period(i.resolved_at)
        )
        count, median = selectors.median_time_to_resolve(scope, PERIOD)
        assert count == len(times)
        if times:
            middle = len(times) // 2
            pair = times[middle - 1 : middle + 1] if len(times) % 2 == 0 else [times[middle]]
            expected = sum(pair, datetime.timedelta()) / len(pair)
            assert abs(median - expected) <= datetime.timedelta(seconds=1)

        ages = dict(selectors.open_requests_by_age(scope, NOW))
        open_now = [i for i in support if i.kind == "support" and i.support_status == "open"]
        assert sum(ages.values()) == len(open_now)
