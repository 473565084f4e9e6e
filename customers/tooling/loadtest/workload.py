"""What the load's users need from a database: a signed-in user, customers to open and
terms to search, and afterwards the ledger of what they wrote."""

import secrets
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connections

from customers.models import Customer
from customers.tooling.benchmark.client import BenchError
from customers.tooling.benchmark.terms import pick_terms
from customers.tooling.loadtest.traffic import Tally, Workload

USERNAME = "loadtest"


def prepare(*, url: str, seed: int, using: str = DEFAULT_DB_ALIAS) -> Workload:
    """The `loadtest` superuser with a new random password, and what to request."""
    sample = list(
        Customer.objects.using(using).order_by("pk").values_list("pk", "name", "email")[:500]
    )
    if not sample:
        raise BenchError(
            f"The database {database_url(using)} has no customers: load some with "
            "`manage.py demo` (DATABASE_URL set to it) first."
        )
    terms = pick_terms([name for _, name, _ in sample], rare_email=sample[0][2])
    password = secrets.token_urlsafe(24)
    user, _ = (
        get_user_model()
        .objects.db_manager(using)
        .get_or_create(username=USERNAME, defaults={"email": "loadtest@example.com"})
    )
    user.is_active = user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save(using=using)
    return Workload(
        url=url,
        username=USERNAME,
        password=password,
        terms=terms.searched(),
        record_pks=[pk for pk, _, _ in sample],
        run=f"lt-{seed}-{secrets.token_hex(3)}",
    )


def retire(*, using: str = DEFAULT_DB_ALIAS):
    """No one knows its password any more; an unusable one also ends its sessions."""
    user = get_user_model().objects.db_manager(using).get(username=USERNAME)
    user.set_unusable_password()
    user.save(using=using)


def database_url(using: str = DEFAULT_DB_ALIAS) -> str:
    """A connection's database as a URL (a test run's own included), for the hosts."""
    s = connections[using].settings_dict
    if connections[using].vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    credentials = quote(s["USER"] or "")
    if s.get("PASSWORD"):
        credentials += ":" + quote(s["PASSWORD"])
    host = f"{s.get('HOST') or 'localhost'}:{s.get('PORT') or 5432}"
    return f"postgres://{credentials}@{host}/{quote(s['NAME'])}"


def check_ledger(tally: Tally, run: str, using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    """Every write the app acknowledged is stored, and none twice."""
    stored = list(
        Customer.all_objects.using(using)
        .filter(email__startswith=f"{run}-")
        .values_list("email", flat=True)
    )
    counts = {email: stored.count(email) for email in set(stored)}
    return {
        "acknowledged": len(tally.acknowledged),
        "stored": len(stored),
        "missing": len(tally.acknowledged - counts.keys()),
        "doubled": sum(1 for n in counts.values() if n > 1),
        "unacknowledged_stored": len((counts.keys() & tally.attempted) - tally.acknowledged),
    }
