"""The benchmark of issue 5: the real app under gunicorn, timed over real HTTP.

It loads the demo data (or reuses what is there), serves the app with DEBUG off on
127.0.0.1, signs in through the login form as a `bench` superuser, sends the requests
the browser sends (htmx headers for fragments), and prints a markdown report: median
and p95 latency and size per request, the speed-up over the admin's plain search,
the workers' memory, and optionally the time from a keystroke to new rows in Chromium.
"""

import argparse
import http.client
import secrets
import signal
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from customers.models import Customer
from customers.tooling.benchmark import browser
from customers.tooling.benchmark.cases import InlineEdit, measure
from customers.tooling.benchmark.client import BenchError, Client
from customers.tooling.benchmark.plan import (
    admin_cases,
    chinese_search_cases,
    deal_search_cases,
    grid_cases,
    make_plan,
    next_step_cases,
    page_cases,
    search_cases,
)
from customers.tooling.benchmark.queries import count_queries
from customers.tooling.benchmark.report import Findings, render
from customers.tooling.benchmark.server import WORKERS, Gunicorn, collect_static, production_env
from customers.tooling.benchmark.space import deal_search_space, make_space, sampled_grid_cases
from customers.tooling.benchmark.stats import Measurement, ms, speed_up
from customers.tooling.benchmark.tasks import (
    BADGE_QUERY,
    REP_USERNAME,
    task_cases,
    time_badge_query,
)

BENCH_USERNAME = "bench"


class Command(BaseCommand):
    help = (
        "Benchmark the app under gunicorn over real HTTP and print a markdown report. "
        "Loads demo data into an empty database; signs in as the superuser "
        f"'{BENCH_USERNAME}' (made, or given a new random password, and left unusable)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--customers",
            type=int,
            default=1_000_000,
            help="how many customers to measure with (default 1,000,000)",
        )
        parser.add_argument(
            "--requests", type=int, default=50, help="timed requests per case (default 50)"
        )
        parser.add_argument(
            "--warmup", type=int, default=3, help="untimed requests first (default 3)"
        )
        parser.add_argument(
            "--admin-requests",
            type=int,
            default=5,
            help="timed requests of the admin's slow search (default 5)",
        )
        parser.add_argument(
            "--rss-requests",
            type=int,
            default=10_000,
            help="requests served in all before reading the workers' memory (default 10,000)",
        )
        parser.add_argument(
            "--sample",
            type=int,
            default=300,
            help="grid requests drawn at random from every search, filter, sort and page "
            "(default 300; 0 leaves them out)",
        )
        parser.add_argument(
            "--sample-requests",
            type=int,
            default=5,
            help="timed requests per sampled request (default 5)",
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="the sample's random seed (default 2026)"
        )
        parser.add_argument(
            "--only",
            action="append",
            default=[],
            metavar="TEXT",
            help="time only the cases whose label holds TEXT (repeatable), to measure a "
            "missed case again; leaves out the admin, memory, sample and browser parts",
        )
        parser.add_argument(
            "--browser",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="time typing in Chromium (default: when Playwright and a Chromium are found)",
        )
        parser.add_argument(
            "--key-delay",
            type=int,
            default=40,
            help="ms between keys as the browser types a search (default 40)",
        )
        parser.add_argument(
            "--browser-searches",
            type=int,
            default=10,
            help="searches typed in the browser (default 10)",
        )

    def handle(self, *args, **options):
        # A `kill` stops the benchmark as Ctrl-C does: through the `finally`s that stop
        # gunicorn (in a session of its own, so no signal reaches it but ours).
        previous = signal.signal(signal.SIGTERM, interrupt)
        try:
            self.run(**options)
        except KeyboardInterrupt:
            raise CommandError("Interrupted; gunicorn is stopped.") from None
        except BenchError as error:
            raise CommandError(str(error)) from error
        finally:
            signal.signal(signal.SIGTERM, previous)

    def say(self, message: str):
        """Progress, on stderr: stdout is the report alone, to paste."""
        self.stderr.write(message, style_func=lambda text: text)

    def run(
        self,
        *,
        customers,
        requests,
        warmup,
        admin_requests,
        rss_requests,
        browser,
        browser_searches,
        key_delay,
        sample,
        sample_requests,
        seed,
        only,
        **_,
    ):
        if requests < 1 or admin_requests < 1:
            raise CommandError("--requests and --admin-requests must be at least 1.")
        self.only = only
        chromium = None if only else self.chromium(browser)
        count = self.ensure_customers(customers)
        plan = make_plan(count)
        env = production_env()
        self.say("Collecting static files (DEBUG off serves them from STATIC_ROOT)…")
        collect_static(env)
        password = self.bench_user_password()
        rep_password = self.rep_password()
        try:
            self.say(f"Starting gunicorn ({WORKERS} sync workers, DEBUG off)…")
            with Gunicorn(env) as server:
                findings = self.measure_app(
                    server,
                    password,
                    count,
                    plan,
                    requests=requests,
                    warmup=warmup,
                    admin_requests=admin_requests,
                    rss_requests=rss_requests,
                )
                self.measure_tasks(findings, server, rep_password, requests, warmup)
                if sample > 0 and not only:
                    self.measure_space(
                        findings, server, password, size=sample, requests=sample_requests, seed=seed
                    )
                if chromium:
                    findings.key_delay = key_delay
                    findings.typing = self.type_in_browser(
                        server.url,
                        password,
                        plan.terms.searched(),
                        browser_searches,
                        chromium,
                        key_delay,
                    )
        finally:
            self.retire_bench_user()
            self.retire(REP_USERNAME)
        self.stdout.write(render(findings))

    def measure_app(
        self, server, password, count, plan, *, requests, warmup, admin_requests, rss_requests
    ) -> Findings:
        self.say(f"Serving at {server.url}; signing in as {BENCH_USERNAME!r}.")
        client = Client(server.url)
        client.log_in(BENCH_USERNAME, password, session_cookie=settings.SESSION_COOKIE_NAME)
        findings = Findings(count, plan, requests=requests, warmup=warmup)
        results = findings.results
        for case in self.wanted(grid_cases(plan)):
            results[case.label] = self.measure(case, client, requests=requests, warmup=warmup)
        edit = InlineEdit("inline edit, save a row", plan.edited)
        if self.wanted([edit]):
            try:
                results[edit.label] = self.measure(edit, client, requests=requests, warmup=warmup)
            finally:
                self.restore(edit, client)
        cases = chinese_search_cases(plan) + next_step_cases(plan)
        cases += page_cases(plan) + deal_search_cases(plan)
        for case in self.wanted(cases):
            results[case.label] = self.measure(case, client, requests=requests, warmup=warmup)
        if self.only:
            return findings
        for what, term, case in admin_cases(plan):
            admin = results[case.label] = self.measure(
                case, client, requests=admin_requests, warmup=1
            )
            ours = results[search_cases(plan)[term].label]
            findings.comparisons.append(speed_up(f"{what.capitalize()} `{term}`", ours, admin))
        self.load(client, rss_requests, grid_cases(plan) + page_cases(plan))
        findings.served, findings.rss = client.sent, server.worker_rss()
        findings.queries = count_queries(grid_cases(plan), BENCH_USERNAME)
        return findings

    def measure_tasks(self, findings, server, password, requests, warmup):
        """My work and the badge as the bulk demo's task rep (none in a small demo)."""
        if password is None:
            self.say(f"No user {REP_USERNAME!r} (made by the bulk demo): tasks not measured.")
            return
        client = Client(server.url)
        client.log_in(REP_USERNAME, password, session_cookie=settings.SESSION_COOKIE_NAME)
        for case in self.wanted(task_cases()):
            findings.results[case.label] = self.measure(
                case, client, requests=requests, warmup=warmup
            )
        if not self.keeps(BADGE_QUERY):
            return
        badge = time_badge_query(REP_USERNAME, requests=requests * 10)
        self.say(f"  {badge.label}: median {ms(badge.median)} ms, p95 {ms(badge.p95)} ms")
        findings.results[badge.label] = badge

    def measure_space(self, findings, server, password, *, size, requests, seed):
        """The sampled grid requests and the deal pages searched for every kind of term."""
        client = Client(server.url)
        client.log_in(BENCH_USERNAME, password, session_cookie=settings.SESSION_COOKIE_NAME)
        space = make_space(findings.plan)
        self.say(f"Counting the pages of {size} sampled grid requests (seed {seed})…")
        cases = sampled_grid_cases(space, size=size, seed=seed, username=BENCH_USERNAME)
        self.say(f"Timing them, {requests} requests each…")
        findings.seed = seed
        for done, case in enumerate(cases, 1):
            findings.sampled.append(measure(case, client, requests=requests, warmup=1))
            if done % 50 == 0:
                self.say(f"  {done} of {len(cases)}")
        for case in deal_search_space(space):
            findings.deal_space.append(self.measure(case, client, requests=requests, warmup=1))

    # --- Data and user ----------------------------------------------------------------

    def ensure_customers(self, wanted: int) -> int:
        connection = connections[DEFAULT_DB_ALIAS]
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database is not migrated: run `manage.py migrate` first.")
        count = Customer.objects.count()
        if count == 0:
            self.say(f"No customers yet: `manage.py demo --customers {wanted}`…")
            call_command("demo", customers=wanted, stdout=sys.stderr)
            return Customer.objects.count()
        if abs(count - wanted) <= wanted / 100:
            self.say(f"Reusing the {count:,} customers in the database.")
            return count
        where = (
            "delete db.sqlite3 and run `manage.py migrate`, or set DATABASE_URL to an empty one"
            if connection.vendor == "sqlite"
            else "point DATABASE_URL at an empty, migrated database"
        )
        raise CommandError(
            f"The database holds {count:,} customers, not about {wanted:,}, and the benchmark "
            f"never deletes data. Measure these with --customers {count}, or start from a "
            f"fresh database: {where}."
        )

    def bench_user_password(self) -> str:
        """The `bench` superuser (so the admin is open to it too), with a new password."""
        password = secrets.token_urlsafe(24)
        user, _ = get_user_model().objects.get_or_create(
            username=BENCH_USERNAME,
            defaults={"email": "bench@example.com", "first_name": "Benchmark"},
        )
        user.is_active = user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        return password

    def rep_password(self) -> str | None:
        """The task rep, with a new password for the benchmark's run (None: no such rep)."""
        rep = get_user_model().objects.filter(username=REP_USERNAME).first()
        if rep is None:
            return None
        password = secrets.token_urlsafe(24)
        rep.set_password(password)
        rep.save()
        return password

    def retire_bench_user(self):
        self.retire(BENCH_USERNAME)

    def retire(self, username: str):
        """No one knows its password; an unusable one also ends its sessions."""
        user = get_user_model().objects.filter(username=username).first()
        if user is not None:
            user.set_unusable_password()
            user.save()

    # --- Measuring --------------------------------------------------------------------

    def wanted(self, cases: list) -> list:
        return [case for case in cases if self.keeps(case.label)]

    def keeps(self, label: str) -> bool:
        """Whether `--only` keeps the case labelled `label` (all do without it)."""
        return not self.only or any(text in label for text in self.only)

    def measure(self, case, client: Client, *, requests: int, warmup: int) -> Measurement:
        result = measure(case, client, requests=requests, warmup=warmup)
        self.say(f"  {case.label}: median {ms(result.median)} ms, p95 {ms(result.p95)} ms")
        return result

    def restore(self, edit: InlineEdit, client: Client):
        """Put the edited customer's company back, even after a failure or Ctrl-C."""
        client.close()  # an interrupted request leaves the connection unusable
        try:
            edit.restore(client)
        except (BenchError, OSError, http.client.HTTPException) as error:
            self.say(
                f"Could not put back customer {edit.pk}'s company ({edit.original!r}): {error}"
            )

    def load(self, client: Client, total: int, cases):
        """Requests until `total` have been sent in all, for the memory figure."""
        if client.sent >= total:
            return
        self.say(f"Sending requests until {total:,} have been served…")
        while client.sent < total:
            for case in cases:
                case.send(client)
                if client.sent % 1000 == 0:
                    self.say(f"  {client.sent:,}")
                if client.sent >= total:
                    break

    def chromium(self, wanted: bool | None) -> str | None:
        """The Chromium to type in, or None to leave the browser out."""
        if wanted is False:
            return None
        found = browser.find_chromium() if browser.playwright_available() else None
        if found is None and wanted:
            raise CommandError(
                "--browser needs Playwright (requirements/dev.txt) and a Chromium: "
                "apt-get install chromium, or set PLAYWRIGHT_CHROMIUM_EXECUTABLE."
            )
        return found

    def type_in_browser(self, url, password, terms, searches, chromium, key_delay):
        self.say(f"Typing {searches} searches in Chromium ({chromium})…")
        return browser.time_typing(
            url,
            username=BENCH_USERNAME,
            password=password,
            terms=[terms[i % len(terms)] for i in range(searches)],
            chromium=chromium,
            progress=lambda term, ms: self.say(f"  `{term}`: {ms:,.0f} ms"),
            key_delay=key_delay,
        )


def interrupt(signum, frame):
    raise KeyboardInterrupt
