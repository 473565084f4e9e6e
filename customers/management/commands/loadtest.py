"""`manage.py loadtest`: two app hosts behind HAProxy on one PostgreSQL, one host killed
and restarted under load, and a ledger check that no acknowledged write was lost.

Everything runs on this machine's loopback (each host on its own address), is bounded
by --seconds, and stops by itself. See docs/performance.md for a full run's figures.
"""

import time
from dataclasses import replace

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from customers.models import Customer
from customers.tooling.benchmark.client import BenchError
from customers.tooling.benchmark.server import Gunicorn, collect_static, production_env
from customers.tooling.benchmark.stats import ms, percentile
from customers.tooling.loadtest.balancer import Balancer
from customers.tooling.loadtest.traffic import Tally, crowd
from customers.tooling.loadtest.workload import check_ledger, database_url, prepare, retire

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
        if not Customer.objects.exists():
            self.say("No customers yet: `manage.py demo --customers 2000`…")
            call_command("demo", customers=2000, stdout=self.stderr)
        try:
            work = prepare(url="", seed=seed)
        except BenchError as error:
            raise CommandError(str(error)) from error
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
            retire()
        ledger = check_ledger(tally, work.run)
        self.stdout.write(report(tally, ledger, finished - started, events, clients, workers))
        if tally.failures or ledger["missing"] or ledger["doubled"]:
            raise CommandError("The load test lost requests or writes; see the report above.")

    def say(self, message: str):
        self.stderr.write(message, style_func=lambda text: text)

    def drive(self, work, env, tally, *, seconds, clients, workers, seed, kill):
        hosts = {
            name: Gunicorn(env, workers=workers, host=address) for name, address in HOSTS.items()
        }
        events = []
        for host in hosts.values():
            host.__enter__()
        try:
            with Balancer({name: f"{h.host}:{h.port}" for name, h in hosts.items()}) as balancer:
                work = replace(work, url=balancer.url)
                self.say(f"{clients} users sign in through {balancer.url}…")

                def kill_and_restart(start):
                    self.say(f"Signed in; {seconds:g} s of load…")
                    if not kill:
                        return
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

                start, finished = crowd(
                    work,
                    tally,
                    clients=clients,
                    seconds=seconds,
                    seed=seed,
                    during=kill_and_restart,
                )
        finally:
            for host in hosts.values():
                host.stop()
        return start, finished, events


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
