"""The periods a report covers: whole days of the site's time zone."""

import datetime

import pytest

from customers.reports.periods import (
    LAST_MONTH,
    THIS_MONTH,
    THIS_QUARTER,
    THIS_YEAR,
    Period,
    preset,
)

D = datetime.date


@pytest.mark.parametrize(
    ("name", "today", "first", "last"),
    [
        (THIS_MONTH, D(2026, 2, 14), D(2026, 2, 1), D(2026, 2, 28)),
        (THIS_MONTH, D(2028, 2, 29), D(2028, 2, 1), D(2028, 2, 29)),
        (THIS_MONTH, D(2026, 12, 31), D(2026, 12, 1), D(2026, 12, 31)),
        (LAST_MONTH, D(2026, 1, 1), D(2025, 12, 1), D(2025, 12, 31)),
        (LAST_MONTH, D(2026, 3, 31), D(2026, 2, 1), D(2026, 2, 28)),
        (THIS_QUARTER, D(2026, 1, 1), D(2026, 1, 1), D(2026, 3, 31)),
        (THIS_QUARTER, D(2026, 6, 30), D(2026, 4, 1), D(2026, 6, 30)),
        (THIS_QUARTER, D(2026, 11, 5), D(2026, 10, 1), D(2026, 12, 31)),
        (THIS_YEAR, D(2026, 7, 4), D(2026, 1, 1), D(2026, 12, 31)),
    ],
)
def test_presets(name, today, first, last):
    assert preset(name, today) == Period(first, last)


def test_a_period_starts_and_ends_at_midnight_where_the_company_is(settings):
    settings.TIME_ZONE = "Europe/Berlin"
    period = Period(D(2026, 1, 1), D(2026, 1, 31))
    utc = datetime.UTC
    assert period.start_at == datetime.datetime(2025, 12, 31, 23, 0, tzinfo=utc)
    assert period.end_at == datetime.datetime(2026, 1, 31, 23, 0, tzinfo=utc)


def test_months_and_weeks_are_clipped_to_the_period():
    period = Period(D(2026, 1, 20), D(2026, 3, 3))
    assert [(m.first, m.last, m.label) for m in period.months()] == [
        (D(2026, 1, 20), D(2026, 1, 31), "Jan 2026"),
        (D(2026, 2, 1), D(2026, 2, 28), "Feb 2026"),
        (D(2026, 3, 1), D(2026, 3, 3), "Mar 2026"),
    ]
    weeks = Period(D(2026, 2, 1), D(2026, 2, 28)).weeks()  # a Sunday to a Saturday
    assert [(w.first, w.last) for w in weeks] == [
        (D(2026, 2, 1), D(2026, 2, 1)),
        (D(2026, 2, 2), D(2026, 2, 8)),
        (D(2026, 2, 9), D(2026, 2, 15)),
        (D(2026, 2, 16), D(2026, 2, 22)),
        (D(2026, 2, 23), D(2026, 2, 28)),
    ]
    assert weeks[0].label == "Week of 26 Jan"


def test_quarters_are_clipped_to_the_period_and_named():
    period = Period(D(2026, 2, 10), D(2026, 8, 5))
    assert [(q.first, q.last, q.label) for q in period.quarters()] == [
        (D(2026, 2, 10), D(2026, 3, 31), "Q1 2026"),
        (D(2026, 4, 1), D(2026, 6, 30), "Q2 2026"),
        (D(2026, 7, 1), D(2026, 8, 5), "Q3 2026"),
    ]
    assert period.buckets("quarter") == period.quarters()
    assert period.buckets("week") == period.weeks()
    assert period.buckets("month") == period.months()
