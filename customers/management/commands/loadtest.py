"""`manage.py loadtest`: two app hosts behind HAProxy on one PostgreSQL, one host killed
and restarted under load, and a ledger check that no acknowledged write was lost.

Everything runs on this machine's loopback (each host on its own address), is bounded
by --seconds, and stops by itself. See docs/performance.md for a full run's figures.
"""

import secrets
import time
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from customers.models import Customer
from customers.tooling.benchmark.client import BenchError
from customers.tooling.benchmark.server import Gunicorn, collect_static, production_env
from customers.tooling.benchmark.stats import ms, percentile
from customers.tooling.benchmark.terms import pick_terms
from customers.tooling.loadtest.balancer import Balancer
from customers.tooling.loadtest.traffic import Tally, User, Window, Workload

USERNAME = "loadtest"
HOSTS = {"host1": "127.0.0.2", "host2": "127.0.0.3"}


class Command(BaseCommand):
    help = (
        "Run two gunicorn app hosts behind HAProxy against this PostgreSQL database, drive "
        "a mixed load through the balancer, kill -9 one host a third of the way in and "
        "restart it at two thirds, then check that every acknowledged write is stored once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=60, help="how long (default 60)")
        parser.add_argument("--clients", type=int, default=16, help="users at once (default 16)")
        parser.add_argument("--workers", type=int, default=2, help="per host (default 2)")
        parser.add_argument("--seed", type=int, default=2026, help="the load's random seed")
        parser.add_argument(
            "--no-kill", action="store_true", help="leave both hosts up (a throughput run)"
        )

    def handle(self, *args, seconds, clients, workers, seed, no_kill, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "Several app hosts share one PostgreSQL: set DATABASE_URL to a PostgreSQL "
                "database (SQLite is for one machine)."
            )
        if seconds <= 0 or clients < 1 or workers < 1:
            raise CommandError("--seconds, --clients and --workers must be positive.")
        work, password = self.workload(seed)
        env = {
            **production_env(),
            "DATABASE_URL": database_url(),
            "ALLOWED_HOSTS": ",".join(["127.0.0.1", *HOSTS.values()]),
        }
        collect_static(env)
        tally = Tally()
        try:
            started, finished, events = self.drive(
                work,
                env,
                tally,
                seconds=seconds,
                clients=clients,
                workers=workers,
                seed=seed,
                kill=not no_kill,
            )
        except BenchError as error:
            raise CommandError(str(error)) from error
        finally:
            self.retire_user()
        ledger = check_ledger(tally, work.run)
        self.stdout.write(report(tally, ledger, finished - started, events, clients, workers))
        if tally.failures or ledger["missing"] or ledger["doubled"]:
            raise CommandError("The load test lost requests or writes; see the report above.")

    def say(self, message: str):
        self.stderr.write(message, style_func=lambda text: text)

    def workload(self, seed: int) -> tuple[Workload, str]:
        if not Customer.objects.exists():
            self.say("No customers yet: `manage.py demo --customers 2000`…")
            call_command("demo", customers=2000, stdout=self.stderr)
        sample = list(Customer.objects.order_by("pk").values_list("pk", "name", "email")[:500])
        terms = pick_terms([name for _, name, _ in sample], rare_email=sample[0][2])
        password = secrets.token_urlsafe(24)
        user, _ = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"email": "loadtest@example.com"}
        )
        user.is_active = user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        work = Workload(
            url="",
            username=USERNAME,
            password=password,
            terms=terms.searched(),
            record_pks=[pk for pk, _, _ in sample],
            run=f"lt-{seed}-{secrets.token_hex(3)}",
        )
        return work, password

    def drive(self, work, env, tally, *, seconds, clients, workers, seed, kill):
        hosts = {
            name: Gunicorn(env, workers=workers, host=address) for name, address in HOSTS.items()
        }
        events = []
        for host in hosts.values():
            host.__enter__()
        try:
            with Balancer({name: f"{h.host}:{h.port}" for name, h in hosts.items()}) as balancer:
                work = Workload(**{**work.__dict__, "url": balancer.url})
                self.say(f"{clients} users sign in through {balancer.url}…")
                window = Window(clients, seconds)
                users = [User(n, work, tally, window, seed) for n in range(clients)]
                for user in users:
                    user.start()
                window.signed_in.wait()
                start = window.start
                self.say(f"Signed in; {seconds:g} s of load…")
                if kill:
                    victim = hosts["host1"]
                    time.sleep(seconds / 3)
                    victim.kill()
                    events.append(f"{time.monotonic() - start:.1f} s: kill -9 of host1")
                    self.say(events[-1])
                    time.sleep(max(0.0, start + 2 * seconds / 3 - time.monotonic()))
                    hosts["host1"] = Gunicorn(
                        env, workers=workers, host=victim.host, port=victim.port
                    )
                    hosts["host1"].__enter__()
                    events.append(f"{time.monotonic() - start:.1f} s: host1 serving again")
                    self.say(events[-1])
                for user in users:
                    user.join(seconds + 120)
                finished = time.monotonic()
                errors = [user.error for user in users if user.error]
                if errors:
                    raise BenchError(f"A client stopped: {errors[0]!r}")
        finally:
            for host in hosts.values():
                host.stop()
        return start, finished, events

    def retire_user(self):
        user = get_user_model().objects.get(username=USERNAME)
        user.set_unusable_password()
        user.save()


def database_url() -> str:
    """The database this process uses (a test run's own included), for the hosts."""
    s = connection.settings_dict
    credentials = quote(s["USER"] or "")
    if s.get("PASSWORD"):
        credentials += ":" + quote(s["PASSWORD"])
    host = f"{s.get('HOST') or 'localhost'}:{s.get('PORT') or 5432}"
    return f"postgres://{credentials}@{host}/{quote(s['NAME'])}"


def check_ledger(tally: Tally, run: str) -> dict[str, int]:
    """Every write the app acknowledged is stored, and none twice."""
    stored = list(
        Customer.all_objects.filter(email__startswith=f"{run}-").values_list("email", flat=True)
    )
    counts = {email: stored.count(email) for email in set(stored)}
    return {
        "acknowledged": len(tally.acknowledged),
        "stored": len(stored),
        "missing": len(tally.acknowledged - counts.keys()),
        "doubled": sum(1 for n in counts.values() if n > 1),
        "unacknowledged_stored": len((counts.keys() & tally.attempted) - tally.acknowledged),
    }


def report(tally: Tally, ledger: dict, elapsed: float, events, clients, workers) -> str:
    times = [o.ms for o in tally.outcomes]
    by_host = {}
    for o in tally.outcomes:
        by_host[o.host] = by_host.get(o.host, 0) + 1
    retried = [o for o in tally.outcomes if o.retried]
    crossed = sum(1 for hosts in tally.hosts_by_client.values() if len(hosts - {"?"}) > 1)
    lines = [
        f"### Load test: 2 app hosts × {workers} gunicorn workers behind HAProxy, one PostgreSQL",
        "",
        f"- {clients} signed-in users for {elapsed:.1f} s: {len(times):,} requests, "
        f"{len(times) / elapsed:,.1f} req/s.",
        f"- Latency: p50 {ms(percentile(times, 50))} ms, p95 {ms(percentile(times, 95))} ms, "
        f"p99 {ms(percentile(times, 99))} ms.",
        "- Served by: " + ", ".join(f"{h} {n:,}" for h, n in sorted(by_host.items())) + ".",
        f"- Sessions moved between hosts: {crossed} of {clients} users were answered by both.",
        *(f"- {event}." for event in events),
        f"- Failed once and sent again: {len(retried)}; failed twice: {len(tally.failures)}.",
        f"- Write ledger: {ledger['acknowledged']:,} creates acknowledged, "
        f"{ledger['missing']} of them missing, {ledger['doubled']} stored twice; "
        f"{ledger['unacknowledged_stored']} stored whose answer was lost with its host.",
    ]
    lines += [f"  - {failure}" for failure in tally.failures[:10]]
    return "\n".join(lines) + "\n"
