"""A quick probe of the follow-ups at scale: not the product, not `manage.py bench`.

On a database holding the bulk demo (`manage.py demo --customers 1000000`), it adds
about 300,000 open tasks (200 of them for a Sales rep "probe"), sets each customer's
next step the way the services keep it, and times in-process (Django's test client,
no HTTP): "My work", the badge's count, and the grid sorted and filtered by the next
step, against the plain grid. Run it with:

    ALLOWED_HOSTS=testserver \\
    DATABASE_URL=sqlite:////tmp/big.sqlite3 \\
    .venv/bin/python manage.py shell -c \\
    "from customers.tooling.benchmark.tasks_probe import run; run()"
"""

import datetime
import random
import statistics
import time

from django.contrib.auth.models import Group, User
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from customers.followups.selectors import due_count
from customers.models import Customer, FollowUp

TASKS = 300_000
MINE = 200
BATCH = 10_000


def _load(probe: User) -> None:
    if FollowUp._base_manager.exists():
        return
    rng = random.Random(7)
    top = Customer.all_objects.order_by("-pk").values_list("pk", flat=True).first()
    owners = list(
        User.objects.filter(is_active=True).exclude(pk=probe.pk).values_list("pk", flat=True)
    )
    today = timezone.localdate()
    made = 0
    while made < TASKS:
        rows = []
        for n in range(made, min(made + BATCH, TASKS)):
            rows.append(
                FollowUp(
                    customer_id=rng.randint(1, top),
                    title=f"Follow up {n}",
                    due_date=today + datetime.timedelta(days=rng.randint(-30, 60)),
                    priority=rng.randint(0, 2),
                    assignee_id=probe.pk if n < MINE else rng.choice(owners),
                )
            )
        with transaction.atomic():
            FollowUp._base_manager.bulk_create(rows)
        made += len(rows)
    table, customers = FollowUp._meta.db_table, Customer._meta.db_table
    with connection.cursor() as cursor, transaction.atomic():
        cursor.execute(
            f"UPDATE {customers} SET next_step_due = (SELECT MIN(f.due_date) FROM {table} f "
            f"WHERE f.customer_id = {customers}.id AND f.done_at IS NULL) "
            f"WHERE id IN (SELECT customer_id FROM {table})"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _time(label: str, call, runs: int) -> None:
    for _ in range(3):
        call()
    spent = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        spent.append((time.perf_counter() - start) * 1000)
    spent.sort()
    p95 = spent[int(len(spent) * 0.95) - 1]
    print(f"| {label} | {statistics.median(spent):.1f} | {p95:.1f} |")


def run(runs: int = 40) -> None:
    probe, made = User.objects.get_or_create(username="probe")
    if made:
        probe.groups.add(Group.objects.get(name="Sales rep"))
    _load(probe)
    client = Client()
    client.force_login(probe)
    hx = {"HX-Request": "true"}

    def get(url, **headers):
        def call():
            response = client.get(url, headers=headers)
            assert response.status_code == 200, (url, response.status_code)

        return call

    print(f"{Customer.objects.count():,} customers, {FollowUp.objects.count():,} open tasks")
    print("| request | median ms | p95 ms |\n| --- | --- | --- |")
    today = timezone.localdate()
    _time("badge count (the query)", lambda: due_count(user=probe, today=today), runs * 5)
    _time("/tasks/ (200 open tasks)", get("/tasks/"), runs)
    _time("/tasks/ htmx, high priority", get("/tasks/?priority=2", **hx), runs)
    _time("/customers/ htmx", get("/customers/", **hx), runs)
    _time("/customers/?sort=next_step htmx", get("/customers/?sort=next_step", **hx), runs)
    _time("/customers/?sort=-next_step htmx", get("/customers/?sort=-next_step", **hx), runs)
    _time(
        "/customers/?sort=next_step&page=2000 htmx",
        get("/customers/?sort=next_step&page=2000", **hx),
        runs,
    )
    _time("/customers/?no_next_step=on htmx", get("/customers/?no_next_step=on", **hx), runs)
    _time(
        "/customers/?no_next_step=on&status=active htmx",
        get("/customers/?no_next_step=on&status=active", **hx),
        runs,
    )
