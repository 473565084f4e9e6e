"""Load realistic demo customers once, and make sure there is a demo login.

Around the customers: a few sales reps who own most of them, tags, contacts,
interactions (some open support requests) and deals in every stage, about as many
contacts and interactions as customers and a deal for one in four.

The everyday demo (500) is made through the services, as the app makes records. A large
one (`--customers 1000000`) is inserted in bulk, in the same proportions: see
customers/tooling/demo/bulk_load.py.
"""

import random
from datetime import time, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from faker import Faker

from customers.core.seeded_lists import (
    SEEDED_LISTS,
    SeededLists,
    add_email_templates,
    rename_defaults,
)
from customers.core.services import customer_create, customer_tag_add, tag_get_or_create
from customers.deals.services import deal_create
from customers.followups.rules import may_work_on_customers
from customers.followups.services import task_create
from customers.models import (
    ClosingReason,
    Customer,
    FollowUp,
    Interaction,
    LeadSource,
    Stage,
)
from customers.record.services import contact_create
from customers.timeline.services import interaction_create, interaction_set_status
from customers.tooling.demo.bulk_load import bulk_load
from customers.tooling.demo.bulk_rows import References
from customers.tooling.demo.vocabulary import (
    COMPANY_SHARE,
    CONTACT_COUNT_WEIGHTS,
    CONTACT_EMAIL_SHARE,
    CONTACT_PHONE_SHARE,
    CONTACT_SHARE,
    CURRENCIES,
    DEAL_SHARE,
    DEMO_LANGUAGES,
    DEMO_PASSWORD,
    DEMO_USERNAME,
    EMAIL_TEMPLATES,
    ENGLISH,
    INTERACTION_COUNT_WEIGHTS,
    KIND_WEIGHTS,
    OWNED_SHARE,
    PHONE_SHARE,
    REPS,
    RESOLVED_SHARE,
    ROLE_LOGINS,
    SALES_REP_ROLE,
    STAGE_WEIGHTS,
    STATUS_WEIGHTS,
    TAG_COUNT_WEIGHTS,
    TASK_DAYS,
    TASK_REP,
    TASK_SHARE,
    TASK_TITLES,
    DemoLanguage,
    demo_body,
    demo_phone,
)

# Through the services each customer is validated and saved with its records and its
# history: fine for the everyday demo, hours for a million. Above this many, rows go in in bulk.
BULK_ABOVE = 5_000


class Command(BaseCommand):
    help = "Load demo customers (only into an empty table) and create the demo login."

    def add_arguments(self, parser):
        parser.add_argument("--customers", type=int, default=500, help="how many (default 500)")
        parser.add_argument("--seed", type=int, default=2026, help="random seed")
        parser.add_argument(
            "--bulk",
            action="store_true",
            help=f"insert in bulk, as any count above {BULK_ABOVE:,} does: much faster; "
            "the change history then holds only each record's creation",
        )
        parser.add_argument(
            "--locale",
            choices=list(DEMO_LANGUAGES),
            default="en",
            help="en (default): English, German, French and Spanish names (in bulk, a sixth "
            "Chinese); zh_CN: Chinese names, companies, +86 numbers and activity",
        )

    def handle(self, *args, customers: int, seed: int, bulk: bool, locale: str, **options):
        language = DEMO_LANGUAGES[locale]
        self.ensure_demo_user()
        if Customer.objects.exists():
            self.stdout.write("Customers already present; demo data not loaded again.")
        else:
            self.load(customers, seed, bulk, language)
        # Last, so the logins are what `make run` shows just before the server starts.
        self.ensure_role_logins()

    def load(self, customers: int, seed: int, bulk: bool, language: DemoLanguage = ENGLISH):
        if bulk or customers > BULK_ABOVE:
            totals = self.load_in_bulk(customers, seed, language)
        else:
            totals = self.load_through_services(customers, seed, language)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {customers:,} demo customers, {totals['contacts']:,} contacts, "
                f"{totals['interactions']:,} interactions, {totals['deals']:,} deals and "
                f"{totals.get('tasks', 0):,} open tasks."
            )
        )

    def load_through_services(
        self, customers: int, seed: int, language: DemoLanguage = ENGLISH
    ) -> dict[str, int]:
        """Each record made as the app makes it: validated, with its history."""
        rng = random.Random(seed)
        locale = next(iter(language.locales))
        fake = Faker(locale)
        fake.seed_instance(seed)
        # A team's own lists (stages, sources, reasons, templates) are data in its
        # language, not translated as shown: a Chinese demo seeds them in Chinese.
        seeded = SEEDED_LISTS.get(locale, SeededLists({}, {}, {}, EMAIL_TEMPLATES))
        with transaction.atomic():
            rename_defaults(seeded)
            owners = [self.demo_user(), *demo_reps()]
            tags = [tag_get_or_create(name=name) for name in language.tags]
            totals = {"contacts": 0, "interactions": 0, "deals": 0, "tasks": 0}
            lists = (
                list(Stage.objects.all()),
                list(ClosingReason.objects.all()),
                list(LeadSource.objects.all()),
            )
            for fields in demo_customers(customers, seed=seed, language=language):
                created_at = fields.pop("created_at")
                owner = rng.choice(owners) if rng.random() < OWNED_SHARE else None
                customer = customer_create(**fields, owner=owner)
                backdate(customer, created_at)
                for tag in rng.sample(tags, weighted_choice(TAG_COUNT_WEIGHTS, rng)):
                    customer_tag_add(customer=customer, tag=tag)
                contacts = demo_contacts(customer, rng, fake, language)
                totals["contacts"] += len(contacts)
                totals["interactions"] += demo_interactions(
                    customer, contacts, owners, created_at, rng, language
                )
                totals["deals"] += demo_deals(customer, owner, rng, lists, language)
                totals["tasks"] += demo_tasks(customer, owner, rng)
            add_email_templates(seeded.email_templates)
        return totals

    def load_in_bulk(
        self, customers: int, seed: int, language: DemoLanguage = ENGLISH
    ) -> dict[str, int]:
        """The same kinds of records in the same proportions, inserted in bulk.

        Their change history holds each record's creation, as it stands at the end (a
        resolved request was created resolved, a customer with its tags): replaying the
        edits a person would have made would double the rows for nothing to look at.
        """
        with transaction.atomic():
            owners = [self.demo_user(), *demo_reps()]
            tags = [tag_get_or_create(name=name) for name in language.tags]
            (task_rep,) = demo_reps([TASK_REP])
        refs = References(
            owners=[owner.pk if owner else None for owner in owners],
            recorders=[owner.pk for owner in owners if owner],
            tags=[tag.pk for tag in tags],
            stages=[(stage.pk, stage.is_lost, stage.is_closed) for stage in Stage.objects.all()],
            closing_reasons=list(ClosingReason.objects.values_list("pk", flat=True)),
            lead_sources=list(LeadSource.objects.values_list("pk", flat=True)),
            assignees=frozenset(o.pk for o in owners if o and may_work_on_customers(o)),
            task_rep=task_rep.pk,
        )
        self.stdout.write(f"Loading {customers:,} demo customers in bulk...")
        made = bulk_load(
            count=customers, seed=seed, refs=refs, progress=self.stdout.write, language=language
        )
        return {
            "contacts": made["contact"],
            "interactions": made["interaction"],
            "deals": made["deal"],
            "tasks": made["task"],
        }

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

    def ensure_role_logins(self):
        """One login per role, so each role can be tried: the sales reps who own the
        demo customers, and an Admin, a Manager and a Support agent. Only while DEBUG
        is on, as for the demo login; a password someone changed is left alone."""
        if not settings.DEBUG:
            return
        roles = ["Admin", "Manager", SALES_REP_ROLE, "Support agent"]  # most rights first
        logins = sorted(
            [(*rep, SALES_REP_ROLE) for rep in REPS] + ROLE_LOGINS,
            key=lambda login: roles.index(login[3]),
        )
        rows = []
        for username, first, last, role_name in logins:
            user = demo_login(username, first, last, role_name)
            password = DEMO_PASSWORD if user.check_password(DEMO_PASSWORD) else "(changed)"
            rows.append((role_name, username, password))
        self.stdout.write(self.style.SUCCESS("Demo logins, one per role (DEBUG is on):"))
        width = max(len(role) for role, _, _ in rows)
        for role_name, username, password in rows:
            self.stdout.write(f"  {role_name:<{width}}  {username} / {password}")


def backdate(customer, created_at):
    """Make the customer as if created at `created_at`, so the demo has dates to filter by.

    Its creation in the change history moves with it: the history stays a true account
    of the record (it was not created now and changed later).
    """
    Customer.objects.filter(pk=customer.pk).update(created_at=created_at)
    customer.history.filter(history_type="+").update(created_at=created_at, history_date=created_at)
    customer.created_at = created_at


def demo_login(username: str, first: str, last: str, role_name: str):
    """The user `username` with the role `role_name` and, unless they have a password
    of their own already, DEMO_PASSWORD."""
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first, "last_name": last, "email": f"{username}@example.com"},
    )
    if created or not user.has_usable_password():
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    role = Group.objects.filter(name=role_name).first()
    if role:
        user.groups.add(role)
    return user


def demo_reps(logins=REPS):
    """The sales reps who own the demo customers, with the "Sales rep" role (a group
    the roles migration makes). They get a password only while DEBUG is on (see
    Command.ensure_role_logins), so a production install has no guessable login."""
    role = Group.objects.filter(name=SALES_REP_ROLE).first()
    reps = []
    for username, first, last in logins:
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


def demo_contacts(customer, rng, fake, language: DemoLanguage = ENGLISH):
    region = language.locales.get(fake.locales[0], "US")
    contacts = []
    for _ in range(weighted_choice(CONTACT_COUNT_WEIGHTS, rng)):
        first, last = fake.first_name(), fake.last_name()
        local = language.email_local(first, last)
        domain = customer.email.split("@")[1]
        contacts.append(
            contact_create(
                customer=customer,
                name=language.full_name(first, last),
                title=rng.choice(language.roles),
                email=f"{local}@{domain}" if rng.random() < CONTACT_EMAIL_SHARE else "",
                phone=demo_phone(region, rng) if rng.random() < CONTACT_PHONE_SHARE else "",
            )
        )
    return contacts


def demo_interactions(customer, contacts, owners, since, rng, language=ENGLISH) -> int:
    count = weighted_choice(INTERACTION_COUNT_WEIGHTS, rng)
    now = timezone.now()
    span = max(int((now - since).total_seconds()), 60)
    for _ in range(count):
        kind = rng.choices(Interaction.Kind.values, KIND_WEIGHTS)[0]
        interaction = interaction_create(
            customer=customer,
            recorded_by=rng.choice([o for o in owners if o]),
            kind=kind,
            subject=rng.choice(language.subjects[kind]),
            body=demo_body(kind, rng, language.bodies),
            happened_at=since + timedelta(seconds=rng.randrange(span)),
            contact=rng.choice(contacts) if contacts and rng.random() < CONTACT_SHARE else None,
        )
        if kind == Interaction.Kind.SUPPORT and rng.random() < RESOLVED_SHARE:
            interaction_set_status(
                interaction=interaction, status=Interaction.SupportStatus.RESOLVED
            )
    return count


def demo_deals(customer, owner, rng, lists, language=ENGLISH) -> int:
    if customer.status == Customer.Status.INACTIVE or rng.random() < 1 - DEAL_SHARE:
        return 0
    stages, reasons, sources = lists
    # Funnel-shaped, while the stages are the default six.
    weights = STAGE_WEIGHTS if len(stages) == len(STAGE_WEIGHTS) else None
    stage = rng.choices(stages, weights)[0]
    deal_create(
        customer=customer,
        title=rng.choice(language.deal_titles),
        amount=Decimal(rng.randrange(5, 500) * 100),
        currency=rng.choice(CURRENCIES),
        stage=stage,
        expected_close=timezone.localdate() + timedelta(days=rng.randint(-30, 120)),
        owner=owner,
        closing_reason=rng.choice(reasons) if stage.is_lost else None,
        lead_source=rng.choice(sources),
    )
    return 1


def demo_tasks(customer, owner, rng) -> int:
    """An open task for the customer's owner, now and then: due from a few days ago (so
    My work has overdue ones) to two weeks ahead."""
    if owner is None or rng.random() >= TASK_SHARE or not may_work_on_customers(owner):
        return 0
    timed = rng.random() < 0.3
    task_create(
        customer=customer,
        title=rng.choice(TASK_TITLES),
        due_date=timezone.localdate() + timedelta(days=rng.randint(*TASK_DAYS)),
        due_time=time(rng.choice((9, 10, 11, 14, 15, 16)), rng.choice((0, 30))) if timed else None,
        priority=rng.choices(FollowUp.Priority.values, (1, 4, 1))[0],
        created_by=owner,
    )
    return 1


def demo_customers(count: int, *, seed: int, language: DemoLanguage = ENGLISH):
    """Yield `count` plausible customers' fields, the same ones for the same seed."""
    rng = random.Random(seed)
    locales = language.locales
    fakers = {locale: Faker(locale) for locale in locales}
    for index, fake in enumerate(fakers.values()):
        fake.seed_instance(seed + index)
    now = timezone.now()
    emails = set()
    statuses, weights = zip(*STATUS_WEIGHTS.items(), strict=True)
    while len(emails) < count:
        locale = rng.choice(list(locales))
        fake = fakers[locale]
        first, last = fake.first_name(), fake.last_name()
        company = fake.company() if rng.random() < COMPANY_SHARE else ""
        local = language.email_local(first, last)
        email = f"{local}@{fake.free_email_domain()}"
        if email in emails:
            email = email.replace("@", f"{len(emails)}@")
        emails.add(email)
        yield {
            "name": language.full_name(first, last),
            "email": email,
            "phone": demo_phone(locales[locale], rng) if rng.random() < PHONE_SHARE else "",
            "company": company[:100],
            "status": rng.choices(statuses, weights)[0],
            "created_at": now - timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60)),
        }


def weighted_choice(weights: dict, rng: random.Random):
    """One of the keys of `weights` ({value: weight}), drawn as `rng.choices` draws."""
    return rng.choices(list(weights), list(weights.values()))[0]
