"""`manage.py throughput URL [URL…]`: the same mixed load against the app on each
database, served side by side and loaded in alternating windows, in one report.

For example SQLite against PostgreSQL on the same machine and the same demo data:
    manage.py throughput sqlite:////srv/crm/db.sqlite3 postgres://postgres@127.0.0.1/crm
"""

import dj_database_url
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import OperationalError

from customers.tooling.benchmark.client import BenchError
from customers.tooling.benchmark.server import Gunicorn, collect_static, production_env
from customers.tooling.benchmark.stats import ms, percentile
from customers.tooling.loadtest.traffic import Tally, crowd
from customers.tooling.loadtest.workload import check_ledger, prepare, retire

P95_TARGET_MS = 150


class Command(BaseCommand):
    help = (
        "Serve the app (gunicorn, DEBUG off) on each database URL given, side by side, and "
        "load them in turn with the same mix of signed-in searches, pages, record pages "
        "and creates; report requests per second and latency for each."
    )

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="+", metavar="DATABASE_URL")
        parser.add_argument("--clients", type=int, default=16, help="users at once (default 16)")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn's (default 2)")
        parser.add_argument("--seconds", type=float, default=20, help="per window (default 20)")
        parser.add_argument(
            "--rounds", type=int, default=3, help="windows per database, alternating (default 3)"
        )
        parser.add_argument("--seed", type=int, default=2026, help="the load's random seed")

    def handle(self, *args, urls, clients, workers, seconds, rounds, seed, **options):
        if seconds <= 0 or min(clients, workers, rounds) < 1:
            raise CommandError("--seconds, --clients, --workers and --rounds must be positive.")
        aliases = [connect(url, n) for n, url in enumerate(urls)]
        env = production_env()
        collect_static(env)
        hosts, tallies, elapsed = (
            {},
            {alias: Tally() for alias in aliases},
            dict.fromkeys(aliases, 0.0),
        )
        works = {}
        try:
            for alias, url in zip(aliases, urls, strict=True):
                hosts[alias] = Gunicorn({**env, "DATABASE_URL": url}, workers=workers).__enter__()
                works[alias] = prepare(url=hosts[alias].url, seed=seed, using=alias)
            for round_ in range(1, rounds + 1):
                for alias in aliases:
                    self.say(f"Round {round_} of {rounds}: {label(alias)}…")
                    start, end = crowd(
                        works[alias], tallies[alias], clients=clients, seconds=seconds, seed=seed
                    )
                    elapsed[alias] += end - start
        except BenchError as error:
            raise CommandError(str(error)) from error
        finally:
            for host in hosts.values():
                host.stop()
            for alias in works:
                retire(using=alias)
        lines = [
            f"### Throughput: {clients} users, gunicorn with {workers} workers, DEBUG off, "
            f"{rounds} alternating windows of {seconds:g} s per database",
            "",
            "| database | requests | req/s | p50 ms | p95 ms | p99 ms | errors | writes lost |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        rates = {}
        for alias in aliases:
            tally = tallies[alias]
            times = [o.ms for o in tally.outcomes]
            rates[alias] = len(times) / elapsed[alias]
            errors = sum(1 for o in tally.outcomes if o.status is None or o.status >= 500)
            lost = check_ledger(tally, works[alias].run, using=alias)["missing"]
            lines.append(
                f"| {label(alias)} | {len(times):,} | {rates[alias]:,.1f} | "
                f"{ms(percentile(times, 50))} | {ms(percentile(times, 95))} | "
                f"{ms(percentile(times, 99))} | {errors} | {lost} |"
            )
        first = aliases[0]
        lines.append("")
        lines += [
            f"- {label(alias)}: {rates[alias] / rates[first]:.2f} of {label(first)}'s req/s."
            for alias in aliases[1:]
        ]
        lines.append(f"- Target: 0 errors, p95 ≤ {P95_TARGET_MS} ms.")
        self.stdout.write("\n".join(lines) + "\n")

    def say(self, message: str):
        self.stderr.write(message, style_func=lambda text: text)


def connect(url: str, n: int) -> str:
    """A connection alias for `url`, to prepare its user and read its ledger: this
    process's own when it is the same database."""
    wanted = dj_database_url.parse(url)
    default = connections.settings[DEFAULT_DB_ALIAS]
    same = ("ENGINE", "NAME", "HOST", "PORT")
    if all((wanted.get(key) or "") == (default.get(key) or "") for key in same):
        return DEFAULT_DB_ALIAS
    alias = f"throughput{n}"
    connections.settings[alias] = connections.configure_settings(
        {DEFAULT_DB_ALIAS: default, alias: wanted}
    )[alias]
    try:
        connections[alias].ensure_connection()
    except OperationalError as error:
        raise CommandError(f"Cannot reach {url}: {error}") from error
    return alias


def label(alias: str) -> str:
    return connections[alias].vendor
