"""Load realistic demo customers once, and make sure there is a demo login.

Around the customers: a few sales reps who own most of them, tags, contacts,
a few hundred interactions (some open support requests) and deals in every stage.
"""

import random
import re
from datetime import timedelta
from decimal import Decimal

import phonenumbers
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from faker import Faker

from customers.models import ClosingReason, Currency, Customer, Interaction, LeadSource, Stage
from customers.search import fold
from customers.services import (
    contact_create,
    customer_create,
    customer_tag_add,
    deal_create,
    interaction_create,
    interaction_set_status,
    tag_get_or_create,
)

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo"
SALES_REP_ROLE = "Sales rep"

# Faker locale -> phone region, so names, companies and numbers belong together.
LOCALES = {"en_US": "US", "en_GB": "GB", "de_DE": "DE", "fr_FR": "FR", "es_ES": "ES"}
STATUS_WEIGHTS = {
    Customer.Status.LEAD: 35,
    Customer.Status.PROSPECT: 25,
    Customer.Status.ACTIVE: 30,
    Customer.Status.INACTIVE: 10,
}
REPS = [("alex", "Alex", "Morgan"), ("sam", "Sam", "Okafor"), ("jordan", "Jordan", "Lindqvist")]
TAGS = ["VIP", "Newsletter", "Enterprise", "Small business", "Partner", "Churn risk", "Renewal due"]
ROLES = ["CEO", "CTO", "Head of Purchasing", "Office manager", "Accountant", "IT lead", ""]
SUBJECTS = {
    Interaction.Kind.NOTE: ["Prefers email to calls", "Budget review in Q3", "Met at trade fair"],
    Interaction.Kind.CALL: ["Intro call", "Follow-up on quote", "Renewal call", "Price query"],
    Interaction.Kind.EMAIL: ["Sent brochure", "Quote sent", "Contract draft", "Thank-you note"],
    Interaction.Kind.MEETING: ["Demo on site", "Quarterly review", "Kick-off meeting"],
    Interaction.Kind.SUPPORT: ["Cannot log in", "Invoice is wrong", "Export fails", "Slow reports"],
}
KIND_WEIGHTS = [30, 25, 20, 10, 15]  # in the order of Interaction.Kind
CURRENCIES = [Currency.USD, Currency.EUR, Currency.GBP]
STAGE_WEIGHTS = [25, 20, 18, 12, 15, 10]


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
        rng = random.Random(seed)
        fake = Faker("en_US")
        fake.seed_instance(seed)
        with transaction.atomic():
            owners = [self.demo_user(), *demo_reps()]
            tags = [tag_get_or_create(name=name) for name in TAGS]
            totals = {"contacts": 0, "interactions": 0, "deals": 0}
            lists = (
                list(Stage.objects.all()),
                list(ClosingReason.objects.all()),
                list(LeadSource.objects.all()),
            )
            for fields in demo_customers(customers, seed=seed):
                created_at = fields.pop("created_at")
                owner = rng.choice(owners) if rng.random() < 0.85 else None
                customer = customer_create(**fields, owner=owner)
                backdate(customer, created_at)
                for tag in rng.sample(tags, rng.choices([0, 1, 2], [50, 35, 15])[0]):
                    customer_tag_add(customer=customer, tag=tag)
                contacts = demo_contacts(customer, rng, fake)
                totals["contacts"] += len(contacts)
                totals["interactions"] += demo_interactions(
                    customer, contacts, owners, created_at, rng
                )
                totals["deals"] += demo_deals(customer, owner, rng, lists)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {customers} demo customers, {totals['contacts']} contacts, "
                f"{totals['interactions']} interactions and {totals['deals']} deals."
            )
        )

    def demo_user(self):
        return get_user_model().objects.filter(username=DEMO_USERNAME).first()

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


def backdate(customer, created_at):
    """Make the customer as if created at `created_at`, so the demo has dates to filter by.

    Its creation in the change history moves with it: the history stays a true account
    of the record (it was not created now and changed later).
    """
    Customer.objects.filter(pk=customer.pk).update(created_at=created_at)
    customer.history.filter(history_type="+").update(created_at=created_at, history_date=created_at)
    customer.created_at = created_at


def demo_reps():
    """The sales reps who own the demo customers, with the "Sales rep" role (a group
    the roles migration makes). They cannot log in until someone sets a password."""
    role = Group.objects.filter(name=SALES_REP_ROLE).first()
    reps = []
    for username, first, last in REPS:
        rep, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.com"},
        )
        if created:
            rep.set_unusable_password()
            rep.save()
        if role:
            rep.groups.add(role)
        reps.append(rep)
    return reps


def demo_contacts(customer, rng, fake):
    contacts = []
    for _ in range(rng.choices([0, 1, 2, 3], [35, 35, 20, 10])[0]):
        first, last = fake.first_name(), fake.last_name()
        local = re.sub(r"[^a-z0-9.]", "", fold(f"{first}.{last}"))
        domain = customer.email.split("@")[1]
        contacts.append(
            contact_create(
                customer=customer,
                name=f"{first} {last}",
                title=rng.choice(ROLES),
                email=f"{local}@{domain}" if rng.random() < 0.8 else "",
                phone=demo_phone("US", rng) if rng.random() < 0.5 else "",
            )
        )
    return contacts


def demo_interactions(customer, contacts, owners, since, rng) -> int:
    """Most customers have no history yet; some have a little; a few a lot."""
    count = rng.choices([0, 1, 2, 4, 8], [55, 20, 12, 9, 4])[0]
    now = timezone.now()
    span = max(int((now - since).total_seconds()), 60)
    for _ in range(count):
        kind = rng.choices(Interaction.Kind.values, KIND_WEIGHTS)[0]
        interaction = interaction_create(
            customer=customer,
            recorded_by=rng.choice([o for o in owners if o]),
            kind=kind,
            subject=rng.choice(SUBJECTS[kind]),
            body=demo_body(kind, rng),
            happened_at=since + timedelta(seconds=rng.randrange(span)),
            contact=rng.choice(contacts) if contacts and rng.random() < 0.6 else None,
        )
        if kind == Interaction.Kind.SUPPORT and rng.random() < 0.6:
            interaction_set_status(
                interaction=interaction, status=Interaction.SupportStatus.RESOLVED
            )
    return count


def demo_body(kind, rng) -> str:
    lines = {
        Interaction.Kind.NOTE: ["Decision maker is the CFO.", "Call back after the holidays."],
        Interaction.Kind.CALL: ["Asked for a revised quote.", "Happy with the service so far."],
        Interaction.Kind.EMAIL: ["Attached the PDF.", "Waiting for their reply."],
        Interaction.Kind.MEETING: ["Agenda:\n- pricing\n- rollout plan", "Went well."],
        Interaction.Kind.SUPPORT: ["Steps to reproduce:\n1. Log in\n2. Open reports", ""],
    }[kind]
    return rng.choice(lines)


def demo_deals(customer, owner, rng, lists) -> int:
    if customer.status == Customer.Status.INACTIVE or rng.random() < 0.7:
        return 0
    stages, reasons, sources = lists
    # Funnel-shaped, while the stages are the default six.
    weights = STAGE_WEIGHTS if len(stages) == len(STAGE_WEIGHTS) else None
    stage = rng.choices(stages, weights)[0]
    deal_create(
        customer=customer,
        title=rng.choice(["Annual licence", "Pilot project", "Support plan", "Upgrade", "Rollout"]),
        amount=Decimal(rng.randrange(5, 500) * 100),
        currency=rng.choice(CURRENCIES),
        stage=stage,
        expected_close=timezone.localdate() + timedelta(days=rng.randint(-30, 120)),
        owner=owner,
        closing_reason=rng.choice(reasons) if stage.is_lost else None,
        lead_source=rng.choice(sources),
    )
    return 1


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
