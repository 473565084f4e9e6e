"""Medians, 95th percentiles and the markdown the benchmark prints."""

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Measurement:
    """The timed requests of one case: their latencies in ms and the response size."""

    label: str
    times: list[float]
    body: bytes  # the last response's

    @property
    def size(self) -> int:
        return len(self.body)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        return percentile(self.times, 95)


def percentile(values: list[float], pct: float) -> float:
    """The `pct`th percentile, interpolated between the closest ranks (as numpy's default)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def ms(value: float) -> str:
    """1.2, 23.4, 3,100: a decimal only where it still says something."""
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def markdown_table(measurements: list[Measurement]) -> list[str]:
    lines = ["| request | median ms | p95 ms | KB |", "| --- | ---: | ---: | ---: |"]
    for m in measurements:
        lines.append(f"| {m.label} | {ms(m.median)} | {ms(m.p95)} | {m.size / 1024:,.1f} |")
    return lines


def speed_up(label: str, ours: Measurement, admin: Measurement) -> str:
    """ "No-match search 'zzqxj': 1.2 ms vs admin 3,100 ms: 2,583× faster" (medians)."""
    factor = admin.median / ours.median
    if factor >= 1:
        verdict = f"{factor:,.0f}× faster" if factor >= 10 else f"{factor:.1f}× faster"
    else:
        verdict = f"{1 / factor:.1f}× slower"
    return f"{label}: {ms(ours.median)} ms vs admin {ms(admin.median)} ms: {verdict}"
