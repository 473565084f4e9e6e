"""Bar chart geometry: whole ticks, bars within the plot, a value on every bar."""

import pytest

from ui.charts import bar_chart, tick_step


@pytest.mark.parametrize(
    ("tallest", "step"), [(0, 1), (2, 1), (4, 1), (5, 2), (12, 5), (37, 10), (401, 200)]
)
def test_ticks_are_whole_round_steps_reaching_the_tallest_bar(tallest, step):
    assert tick_step(tallest) == step
    assert 4 * step >= tallest


def test_grouped_bars_stand_side_by_side_within_the_plot():
    chart = bar_chart(
        id="c",
        title="Won and lost",
        categories=["Jan", "Feb"],
        series={"Won": [3, 0], "Lost": [1, 4]},
        x_label="Month",
        y_label="Deals",
    )
    assert [tick.value for tick in chart.ticks] == [0, 1, 2, 3, 4]
    assert [(bar.value, bar.series) for bar in chart.bars] == [(3, 0), (1, 1), (0, 0), (4, 1)]
    tallest = chart.bars[3]
    assert tallest.y == chart.top and tallest.y + tallest.height == chart.bottom_y
    for bar in chart.bars:
        assert chart.left <= bar.x and bar.x + bar.width <= chart.right_x
    assert chart.bars[0].x + chart.bars[0].width <= chart.bars[1].x  # side by side
    assert chart.bars[0].title == "Won, Jan: 3"


def test_stacked_bars_stand_on_each_other_with_their_values_inside():
    chart = bar_chart(
        id="c",
        title="Activity",
        categories=["Week 1"],
        series={"Calls": [2], "Emails": [2]},
        x_label="Week",
        y_label="Interactions",
        stacked=True,
    )
    calls, emails = chart.bars
    assert calls.x == emails.x
    assert emails.y + emails.height == pytest.approx(calls.y)
    assert calls.inside and calls.label_y > calls.y
    assert chart.legend == [(0, "Calls"), (1, "Emails")]


def test_a_chart_of_zeros_is_empty():
    chart = bar_chart(
        id="c", title="t", categories=["a"], series={"n": [0]}, x_label="x", y_label="y"
    )
    assert chart.empty
