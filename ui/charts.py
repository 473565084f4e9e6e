"""Bar charts drawn as inline SVG by a template (templates/ui/bar_chart.html).

No JavaScript and no library: the geometry is worked out here, in plain numbers, and
the template writes the rectangles. Each series has its own fill pattern as well as its
colour, and every bar its value written over it, so a greyscale printout or a reader
who cannot tell the colours apart loses nothing. The numbers are in a table beside
every chart too; the SVG says so in its description.
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

WIDTH = 640
HEIGHT = 260
LEFT = 48  # room for the value axis' ticks and label
RIGHT = 8
TOP = 16
BOTTOM = 56  # room for the category labels and the axis label
PATTERNS = 4  # solid, hatched, dotted, cross-hatched: then they repeat


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: float
    series: int
    title: str  # what a pointer's hover shows: "Won, Mar 2026: 4"
    inside: bool = False  # a stacked bar's value is written inside it, else above it

    @property
    def label_y(self) -> float:
        return round(self.y + self.height / 2 + 4, 1) if self.inside else self.y - 3

    @property
    def labelled(self) -> bool:
        """Whether its value is written on it: not a zero, nor a segment too thin."""
        return bool(self.value) and (not self.inside or self.height >= 12)

    @property
    def label_x(self) -> float:
        return self.x + self.width / 2


@dataclass
class Tick:
    value: float
    y: float


@dataclass
class Category:
    label: str
    x: float  # its centre


@dataclass
class BarChart:
    id: str
    title: str
    x_label: str
    y_label: str
    series: list[str]
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    categories: list[Category] = field(default_factory=list)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    bottom_y: int = HEIGHT - BOTTOM
    right_x: int = WIDTH - RIGHT
    stacked: bool = False
    labels_shown: bool = True  # the values over the bars, where there is room

    @property
    def legend(self) -> list[tuple[int, str]]:
        return [(index % PATTERNS, name) for index, name in enumerate(self.series)]

    @property
    def empty(self) -> bool:
        return not any(bar.value for bar in self.bars)

    @property
    def x_label_y(self) -> int:
        return self.height - 6

    @property
    def y_label_x(self) -> float:
        return 12

    @property
    def y_label_y(self) -> float:
        return (self.top + self.bottom_y) / 2


TICKS = 4  # steps up the value axis, above its zero


def tick_step(tallest: float) -> int:
    """A whole, round step (1, 2, 5, 10, 20, 50...) such that TICKS of them reach
    `tallest`: counts have no halves, and an axis of 0, 0.5, 1 reads as if they had."""
    needed = max(tallest / TICKS, 1)
    magnitude = 10 ** math.floor(math.log10(needed))
    for step in (1, 2, 5, 10):
        if needed <= step * magnitude:
            return int(step * magnitude)
    return int(10 * magnitude)


def bar_chart(
    *,
    id: str,
    title: str,
    categories: list[str],
    series: dict[str, list[float]],
    x_label: str,
    y_label: str,
    stacked: bool = False,
) -> BarChart:
    """Bars per category, one per series side by side (or stacked into one)."""
    names = list(series)
    chart = BarChart(id=id, title=title, x_label=x_label, y_label=y_label, series=names)
    chart.stacked = stacked
    values = [[float(series[name][i] or 0) for name in names] for i in range(len(categories))]
    tallest = max((sum(v) if stacked else max(v, default=0) for v in values), default=0)
    step = tick_step(tallest)
    top = step * TICKS
    plot_height = chart.bottom_y - chart.top
    plot_width = chart.right_x - chart.left
    slot = plot_width / max(len(categories), 1)
    per_slot = 1 if stacked else max(len(names), 1)
    bar_width = min(slot * 0.8 / per_slot, 48)
    chart.labels_shown = bar_width >= 14

    def y_of(value: float) -> float:
        return chart.bottom_y - value / top * plot_height

    for number in range(TICKS + 1):
        chart.ticks.append(Tick(value=number * step, y=round(y_of(number * step), 1)))
    for index, (label, row) in enumerate(zip(categories, values, strict=True)):
        centre = chart.left + slot * (index + 0.5)
        chart.categories.append(Category(label=label, x=round(centre, 1)))
        start = centre - bar_width * per_slot / 2
        base = 0.0
        for number, (name, value) in enumerate(zip(names, row, strict=True)):
            x = start if stacked else start + number * bar_width
            low, high = (base, base + value) if stacked else (0.0, value)
            base = high if stacked else base
            chart.bars.append(
                Bar(
                    x=round(x, 1),
                    y=round(y_of(high), 1),
                    width=round(bar_width - 1, 1),
                    height=round(y_of(low) - y_of(high), 1),
                    value=_plain(value),
                    series=number % PATTERNS,
                    title=_("%(series)s, %(category)s: %(value)s")
                    % {"series": name, "category": label, "value": _plain(value)},
                    inside=stacked,
                )
            )
    return chart


def _plain(value: float):
    """7.0 as 7: counts are whole, and an axis reads better without a decimal point."""
    return int(value) if float(value).is_integer() else round(value, 1)
