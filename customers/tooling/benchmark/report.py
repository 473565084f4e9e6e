"""The benchmark's findings, as markdown to paste into docs/performance.md."""

import statistics
from dataclasses import dataclass, field

from customers.tooling.benchmark import machine
from customers.tooling.benchmark.browser import Typed
from customers.tooling.benchmark.cases import shown_count
from customers.tooling.benchmark.plan import Plan, chinese_search_cases, search_cases
from customers.tooling.benchmark.server import WORKERS
from customers.tooling.benchmark.space import DEALS_TARGET_MS, GRID_TARGET_MS
from customers.tooling.benchmark.stats import Measurement, markdown_table, ms, percentile

RSS_TARGET_MB = 200
TYPING_TARGET_MS = 200


@dataclass
class Findings:
    customers: int
    plan: Plan
    requests: int  # timed per case
    warmup: int
    results: dict[str, Measurement] = field(default_factory=dict)  # by label, in table order
    comparisons: list[str] = field(default_factory=list)  # our speed-up over the admin
    served: int = 0  # requests sent when the memory was read
    rss: dict[int, int] = field(default_factory=dict)  # bytes by worker pid
    typing: list[Typed] = field(default_factory=list)  # keystroke to rows painted
    key_delay: int = 40  # ms between keys as the terms were typed
    queries: dict[str, int] = field(default_factory=dict)  # by label, counted in-process
    sampled: list[Measurement] = field(default_factory=list)  # grid requests drawn at random
    deal_space: list[Measurement] = field(default_factory=list)  # deal pages, every term kind
    seed: int | None = None


def render(findings: Findings) -> str:
    f = findings
    return "\n".join(
        [
            f"### {f.customers:,} customers on {machine.database()}",
            "",
            f"- Machine: {machine.machine()}.",
            f"- Server: gunicorn, {WORKERS} sync workers, DEBUG off, on 127.0.0.1. One client "
            "over the loopback; a time runs from sending the request to the last byte of the "
            "response (the sync workers close each connection; the next one is opened before "
            f"the clock starts). {f.requests} timed requests per case after {f.warmup} warm-up "
            "requests.",
            f"- Terms: {terms(f)}.",
            f"- Chinese terms, drawn from the data: {chinese_terms(f)}.",
            "",
            *markdown_table(list(f.results.values())),
            "",
            "Speed-up over the admin changelist's search (plain `icontains` over "
            "`search_fields`), medians:",
            "",
            *(f"- {line}" for line in f.comparisons),
            "",
            f"Memory after {f.served:,} requests: "
            + ", ".join(f"worker {pid}: {size / 1024**2:,.0f} MB" for pid, size in f.rss.items())
            + f" (target: under {RSS_TARGET_MB} MB each).",
            "",
            typing(f.typing, f.key_delay),
            "",
            queries(f),
            *space(f),
        ]
    )


def space(f: Findings) -> list[str]:
    """The worst of the sampled grid requests, and the deal pages searched."""
    if not f.sampled:
        return ["", "Sampled requests: not measured (--sample 0)."]
    worst = sorted(f.sampled, key=lambda m: m.p95, reverse=True)[:10]
    over = sum(m.p95 > GRID_TARGET_MS for m in f.sampled)
    deals_over = sum(m.p95 > DEALS_TARGET_MS for m in f.deal_space)
    requests = len(f.sampled[0].times)
    return [
        "",
        f"#### {len(f.sampled)} grid requests sampled from every search, filter, sort and page",
        "",
        f"Drawn at random with seed {f.seed} (`--sample {len(f.sampled)} --seed {f.seed}`), "
        f"{requests} timed requests each: {over} of {len(f.sampled)} over the "
        f"{GRID_TARGET_MS} ms p95 target; the median of their p95s "
        f"{ms(statistics.median(m.p95 for m in f.sampled))} ms. The worst 10:",
        "",
        *markdown_table(worst),
        "",
        f"The deal board and deal list searched for every kind of term: {deals_over} of "
        f"{len(f.deal_space)} over the {DEALS_TARGET_MS} ms p95 target.",
        "",
        *markdown_table(f.deal_space),
    ]


def queries(f: Findings) -> str:
    counts = sorted(set(f.queries.values()))
    if not counts:
        return "Queries: not counted."
    spread = f"{counts[0]}" if len(counts) == 1 else f"{counts[0]} to {counts[-1]}"
    return (
        f"Queries per grid request at {f.customers:,} customers: {spread} across the "
        f"{len(f.queries)} grid requests above (the tests assert the same counts at 10 and "
        "1,000 customers)."
    )


def terms(f: Findings) -> str:
    """Each term, and how many customers the grid said it found."""
    cases = search_cases(f.plan)

    def found(term: str) -> str:
        result = f.results.get(cases[term].label)
        return shown_count(result.body) if result else "not timed"

    t = f.plan.terms
    kinds = [
        f"rare `{t.rare}` ({found(t.rare)})",
        f"common `{t.common}` (in {t.common_share:.0%} of sampled names; {found(t.common)})",
        f"no match `{t.no_match}` ({found(t.no_match)})",
        f"2 letters `{t.two_letters}` ({found(t.two_letters)})",
        f"accented `{t.accented}` for “{t.accented_stored}” ({found(t.accented)})"
        if t.accented
        else "no accented names in the data",
    ]
    return "; ".join(kinds)


def chinese_terms(f: Findings) -> str:
    """Each kind of Chinese term, and how many customers the grid said it found."""
    found = []
    for (kind, term), case in zip(
        f.plan.chinese.items(), chinese_search_cases(f.plan), strict=True
    ):
        result = f.results.get(case.label)
        found.append(f"{kind} `{term}` ({shown_count(result.body) if result else 'not timed'})")
    return "; ".join(found)


def typing(typed: list[Typed], key_delay: int) -> str:
    if not typed:
        return "Browser: not measured (no Playwright or Chromium, or --no-browser)."
    times = [t.ms for t in typed]
    requests = sum(t.requests for t in typed)
    return (
        "Browser (headless Chromium), from the last keystroke in the search box to the new "
        f"rows painted, over {len(typed)} searches typed {key_delay} ms a key: median "
        f"{ms(statistics.median(times))} ms, p95 {ms(percentile(times, 95))} ms (target: "
        f"median ≤ {TYPING_TARGET_MS} ms, the debounce included); {requests} requests sent "
        f"for the {len(typed)} searches."
    )
