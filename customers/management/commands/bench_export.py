"""The export's benchmark (issue 17): the grid's export under gunicorn, over real HTTP.

As `manage.py bench` does, it loads demo data into an empty database (or reuses what is
there), serves the app with DEBUG off on 127.0.0.1 (one worker, so its memory is the
export's), and signs in as the `bench` superuser. Then it downloads each export once
and prints, per export, the time to the first byte and to the last, the size, and the
worker's memory before and at its peak.
"""

from django.conf import settings

from customers.management.commands import bench
from customers.tooling.benchmark.client import Client
from customers.tooling.benchmark.downloads import download
from customers.tooling.benchmark.machine import database
from customers.tooling.benchmark.server import Gunicorn, collect_static, production_env

MB = 1024 * 1024
EXPORTS = [
    ("all customers, CSV, the grid's columns", "/customers/export/?format=csv"),
    ("all customers, CSV, all fields", "/customers/export/?format=csv&columns=all"),
    ("all customers sorted by name, CSV", "/customers/export/?format=csv&sort=name"),
    ("active customers, CSV", "/customers/export/?format=csv&status=active"),
    ("all customers, XLSX", "/customers/export/?format=xlsx"),
]


class Command(bench.Command):
    help = (
        "Time the customer export under gunicorn over real HTTP: first byte, last byte, "
        "size and the worker's peak memory, per export. Loads demo data into an empty "
        "database, as `bench` does."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--customers",
            type=int,
            default=100_000,
            help="how many customers to export (default 100,000)",
        )
        parser.add_argument(
            "--no-xlsx",
            action="store_true",
            help="leave out the XLSX export (minutes at a million rows)",
        )

    def run(self, *, customers, no_xlsx, **_):
        count = self.ensure_customers(customers)
        env = production_env()
        self.say("Collecting static files…")
        collect_static(env)
        password = self.bench_user_password()
        exports = [e for e in EXPORTS if not (no_xlsx and "xlsx" in e[1])]
        rows = [
            "| Export | First byte | Whole file | Size | Lines | Worker RSS before → peak |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        try:
            with Gunicorn(env, workers=1) as server:
                client = Client(server.url)
                client.log_in(
                    bench.BENCH_USERNAME, password, session_cookie=settings.SESSION_COOKIE_NAME
                )
                client.get("/customers/").expect(200)  # warm the worker up
                for label, path in exports:
                    self.say(f"  {label}…")
                    d = download(server, client, path)
                    rows.append(
                        f"| {label} | {d.first_byte_ms:,.0f} ms | {d.total_ms / 1000:,.1f} s "
                        f"| {d.size / MB:,.1f} MB | {d.lines:,} "
                        f"| {d.rss_before / MB:,.0f} → {d.rss_peak / MB:,.0f} MB |"
                    )
                    self.say("  " + rows[-1])
        finally:
            self.retire_bench_user()
        self.stdout.write(f"Export of {count:,} customers ({database()}):\n")
        self.stdout.write("\n".join(rows))
