"""Load realistic demo customers once, and make sure there is a demo login."""

import random
import re
from datetime import timedelta

import phonenumbers
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from faker import Faker

from customers.models import Customer
from customers.search import fold
from customers.services import customer_create

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo"

# Faker locale -> phone region, so names, companies and numbers belong together.
LOCALES = {"en_US": "US", "en_GB": "GB", "de_DE": "DE", "fr_FR": "FR", "es_ES": "ES"}
STATUS_WEIGHTS = {
    Customer.Status.LEAD: 35,
    Customer.Status.PROSPECT: 25,
    Customer.Status.ACTIVE: 30,
    Customer.Status.INACTIVE: 10,
}


class Command(BaseCommand):
    help = "Load demo customers (only into an empty table) and create the demo login."

    def add_arguments(self, parser):
        parser.add_argument("--customers", type=int, default=500, help="how many (default 500)")
        parser.add_argument("--seed", type=int, default=2026, help="random seed")

    def handle(self, *args, customers: int, seed: int, **options):
        self.ensure_demo_user()
        if Customer.objects.exists():
            self.stdout.write("Customers already present; demo data not loaded again.")
            return
        with transaction.atomic():
            for fields in demo_customers(customers, seed=seed):
                created_at = fields.pop("created_at")
                customer = customer_create(**fields)
                # Backdate, so the demo has a history to filter by date.
                Customer.objects.filter(pk=customer.pk).update(created_at=created_at)
        self.stdout.write(self.style.SUCCESS(f"Loaded {customers} demo customers."))

    def ensure_demo_user(self):
        if not settings.DEBUG:
            # A login whose password is printed in the README has no place in production.
            self.stdout.write("DEBUG is off: no demo login made.")
            return
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"email": "demo@example.com", "is_staff": True, "is_superuser": True},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        if user.check_password(DEMO_PASSWORD):
            login = f"Demo login: username {DEMO_USERNAME}, password {DEMO_PASSWORD}"
            self.stdout.write(self.style.SUCCESS(login))
        else:
            self.stdout.write(f"Demo login: username {DEMO_USERNAME} (its password was changed)")


def demo_customers(count: int, *, seed: int):
    """Yield `count` plausible customers' fields, the same ones for the same seed."""
    rng = random.Random(seed)
    fakers = {locale: Faker(locale) for locale in LOCALES}
    for index, fake in enumerate(fakers.values()):
        fake.seed_instance(seed + index)
    now = timezone.now()
    emails = set()
    statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    while len(emails) < count:
        locale = rng.choice(list(LOCALES))
        fake = fakers[locale]
        first, last = fake.first_name(), fake.last_name()
        company = fake.company() if rng.random() < 0.85 else ""
        local = re.sub(r"[^a-z0-9.]", "", fold(f"{first}.{last}"))
        email = f"{local}@{fake.free_email_domain()}"
        if email in emails:
            email = email.replace("@", f"{len(emails)}@")
        emails.add(email)
        yield {
            "name": f"{first} {last}",
            "email": email,
            "phone": demo_phone(LOCALES[locale], rng) if rng.random() < 0.8 else "",
            "company": company[:100],
            "status": rng.choices(statuses, weights)[0],
            "created_at": now - timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60)),
        }


def demo_phone(region: str, rng: random.Random) -> str:
    """A valid-looking number of `region`: its example number with new last digits."""
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    national = str(example.national_number)
    while True:
        digits = national[:-4] + f"{rng.randrange(10_000):04d}"
        number = phonenumbers.parse(f"+{example.country_code}{digits}")
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
