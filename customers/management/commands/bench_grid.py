"""Time the grid in-process (no HTTP): median and p95 per request, size and queries.

A quick check while working on the grid; it does not replace a benchmark over real
HTTP under gunicorn.
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.template.defaultfilters import pluralize
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from customers.models import Customer

HTMX = {"HX-Request": "true"}
CASES = [
    ("grid page", "/customers/", {}),
    ("grid fragment", "/customers/", HTMX),
    ("search 'jose'", "/customers/?q=jose", HTMX),
    ("search, no match", "/customers/?q=zzzzqq", HTMX),
    ("sort by name, page 10", "/customers/?sort=name&page=10", HTMX),
]


class Command(BaseCommand):
    help = "Time the customer grid in-process and print a markdown table."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=50)
        parser.add_argument("--username", default="demo")

    def handle(self, *args, requests: int, username: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user {username!r}; run `manage.py demo` first.")
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        count = Customer.objects.count()
        self.stdout.write(f"{count} customer{pluralize(count)}, {requests} requests each\n")
        self.stdout.write("| request | median ms | p95 ms | KB | queries |")
        self.stdout.write("| --- | --- | --- | --- | --- |")
        with override_settings(DEBUG=False):  # DEBUG would log every query
            for label, url, headers in CASES:
                client.get(url, headers=headers)  # warm up
                times = []
                for _ in range(requests):
                    start = time.perf_counter()
                    response = client.get(url, headers=headers)
                    times.append((time.perf_counter() - start) * 1000)
                with CaptureQueriesContext(connection) as queries:
                    client.get(url, headers=headers)
                p95 = statistics.quantiles(times, n=20)[-1]
                self.stdout.write(
                    f"| {label} | {statistics.median(times):.1f} | {p95:.1f} "
                    f"| {len(response.content) / 1024:.1f} | {len(queries)} |"
                )
