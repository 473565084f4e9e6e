"""The rows of a bulk demo load, made in batches, fast enough for a million customers.

Faker takes tens of microseconds a call and phonenumbers even more, so both are asked
only while building small pools (names, companies and email domains per locale; valid
number stems per region); each row then combines pool entries with `random.Random`.
The proportions are the small demo's (customers/tooling/demo/vocabulary.py).

People come from the English demo's five locales and from China (zh_CN), a sixth of
customers each: a million-customer demo then holds enough Chinese names for searches
by one or two characters and by pinyin to match as many as they would in real data,
while the Latin terms keep their meaning. `demo --locale zh_CN` loads Chinese people
only, with the Chinese demo's tags, titles and activity (vocabulary.CHINESE).

A batch holds, per table, plain tuples in the order of that table's field names below,
with the ids already given: the loader (bulk_load.py) inserts them as they are, and has
the database copy them into the change history.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from itertools import permutations

import phonenumbers
from django.utils import timezone
from faker import Faker

from customers.core.contact_names import contact_names_line
from customers.core.likeness import likeness_key
from customers.core.search import indexed_text, search_document
from customers.models import Customer, FollowUp, Interaction
from customers.tooling.demo import bulk_chinese
from customers.tooling.demo.vocabulary import (
    CHINESE,
    COMPANY_SHARE,
    CONTACT_COUNT_WEIGHTS,
    CONTACT_EMAIL_SHARE,
    CONTACT_PHONE_SHARE,
    CONTACT_SHARE,
    CURRENCIES,
    DEAL_SHARE,
    ENGLISH,
    INTERACTION_COUNT_WEIGHTS,
    KIND_WEIGHTS,
    OWNED_SHARE,
    PHONE_SHARE,
    RESOLVED_SHARE,
    STAGE_WEIGHTS,
    STATUS_WEIGHTS,
    TAG_COUNT_WEIGHTS,
    TASK_DAYS,
    TASK_SHARE,
    TASK_TITLES,
    DemoLanguage,
    email_part,
)

# Each table's fields, in the order of the tuples made for it.
FIELDS = {
    "customer": (
        *("id", "name", "email", "phone", "company", "status", "owner", "created_at"),
        *("updated_at", "version", "deleted_at", "deleted_by", "search_text", "next_step_due"),
        *("likeness_key", "contact_names"),
    ),
    "tag_link": ("id", "customer", "tag"),
    "contact": (
        *("id", "customer", "name", "title", "email", "phone", "is_primary", "created_at"),
        "version",
    ),
    "interaction": (
        *("id", "customer", "kind", "subject", "body", "happened_at", "recorded_by", "contact"),
        *("support_status", "created_at", "resolved_at"),
    ),
    "deal": (
        *("id", "customer", "title", "amount", "currency", "stage", "expected_close", "owner"),
        *("closing_reason", "lead_source", "created_at", "updated_at", "version", "search_text"),
        "closed_at",
    ),
    "task": (
        *("id", "customer", "deal", "contact", "title", "description", "due_date", "due_time"),
        *("priority", "assignee", "done_at", "done_by", "done_interaction", "reminded"),
        *("created_by", "created_at", "updated_at", "version", "support_request"),
    ),
}
# How the values of a field arrive, batch after batch, for the loader to tell which
# indexes it can keep up to date as it goes: a row lands at the end of an index led by
# ids that count up, and at one of a handful of places in one led by few values.
ASCENDING = frozenset({"id", "customer", "contact", "history", "history_id", "m2m_history_id"})
FEW_VALUES = frozenset(
    {
        *("owner", "deleted_by", "deleted_at", "status", "version", "tag", "is_primary"),
        *("title", "kind", "support_status", "recorded_by", "stage", "closing_reason"),
        *("lead_source", "currency", "history_type", "history_user", "history_change_reason"),
        *("assignee", "created_by", "done_by", "done_at", "done_interaction", "priority"),
        *("reminded", "deal", "support_request"),
    }
)

POOL_DRAWS = 2_000  # Faker calls per locale for each of first names, last names, companies
DAY = 24 * 3600
TWO_YEARS = 2 * 365 * DAY
EPOCH = datetime(1970, 1, 1)


@dataclass(frozen=True)
class References:
    """The ids of what the rows refer to, read from the database once."""

    owners: list[int | None]  # who may own a customer (None: the demo user, if there is none)
    recorders: list[int]  # who records interactions
    tags: list[int]
    stages: list[tuple[int, bool, bool]]  # (id, is it lost?, is it won or lost?), in order
    closing_reasons: list[int]
    lead_sources: list[int]
    assignees: frozenset[int] = frozenset()  # owners who may work on customers: get tasks
    # A Sales rep whose day is TASK_REP_TASKS tasks (the first ones made), where the
    # owners above hold tens of thousands each: "My work" as a rep sees it.
    task_rep: int | None = None


TASK_REP_TASKS = 200
TASK_TIMED_SHARE = 0.3  # of tasks have a time of day, as in the small demo
TASK_TIMES = [
    f"{hour:02d}:{minute:02d}:00" for hour in (9, 10, 11, 14, 15, 16) for minute in (0, 30)
]
TASK_PRIORITY_WEIGHTS = {
    FollowUp.Priority.LOW: 1,
    FollowUp.Priority.NORMAL: 4,
    FollowUp.Priority.HIGH: 1,
}


def bulk_locales(language: DemoLanguage) -> dict[str, str]:
    """The Faker locales (with their phone regions) the bulk demo draws people from."""
    return {**ENGLISH.locales, **CHINESE.locales} if language is ENGLISH else language.locales


def weighted_table(weights) -> list:
    """Each value repeated by its weight, so `table[int(random() * len(table))]` draws one
    as `random.choices` would, at a fraction of the cost."""
    pairs = weights.items() if isinstance(weights, dict) else weights
    return [value for value, weight in pairs for _ in range(weight)]


def phone_stems(region: str, seed: int) -> list[str]:
    """Beginnings of valid mobile numbers of `region`, in E.164, to which any four digits
    may be added: its example number with the two digits before those varied. (The
    small demo varies the last four digits of the example number too.)"""
    rng = random.Random(seed)
    example = phonenumbers.example_number_for_type(region, phonenumbers.PhoneNumberType.MOBILE)
    national = str(example.national_number)
    prefix = f"+{example.country_code}{national[:-6]}"
    return [
        stem
        for stem in (f"{prefix}{varied:02d}" for varied in range(100))
        if all(
            phonenumbers.is_valid_number(phonenumbers.parse(stem + last))
            for last in ("0000", "9999", f"{rng.randrange(10_000):04d}")
        )
    ]


@dataclass(frozen=True)
class People:
    """Names, companies, email domains and phone number stems of one locale."""

    first_names: list[tuple[str, str]]  # (name, its email form)
    last_names: list[tuple[str, str]]
    companies: list[str]
    domains: list[str]
    phone_stems: list[str]
    chinese: bool = False  # surname first, without a space; email in pinyin

    def full_name(self, first: str, last: str) -> str:
        return bulk_chinese.full_name(first, last) if self.chinese else f"{first} {last}"

    def email_local(self, first_slug: str, last_slug: str) -> str:
        if self.chinese:
            return bulk_chinese.email_local(first_slug, last_slug)
        return f"{first_slug}.{last_slug}"


@cache  # a few thousand Faker calls a locale: made once per process and seed
def people(locale: str, region: str, seed: int) -> People:
    fake = Faker(locale)
    fake.seed_instance(seed)
    first_names = [fake.first_name() for _ in range(POOL_DRAWS)]
    last_names = [fake.last_name() for _ in range(POOL_DRAWS)]
    chinese = locale == bulk_chinese.LOCALE
    return People(
        first_names=bulk_chinese.given_names(first_names) if chinese else _named(first_names),
        last_names=bulk_chinese.surnames(last_names) if chinese else _named(last_names),
        companies=sorted({fake.company()[:100] for _ in range(POOL_DRAWS)}),
        domains=sorted({fake.free_email_domain() for _ in range(50)}),
        phone_stems=phone_stems(region, seed),
        chinese=chinese,
    )


def _named(names) -> list[tuple[str, str]]:
    """(name, its email form) for each distinct name whose email form is letters, maybe
    dotted: never empty, and without digits, so a number put after it keeps emails apart."""
    pairs = ((name, email_part(name)) for name in sorted(set(names)))
    return [(name, slug) for name, slug in pairs if _letters_maybe_dotted(slug)]


def _letters_maybe_dotted(slug: str) -> bool:
    return all(part.isascii() and part.isalpha() for part in slug.split("."))


class Stamps:
    """Seconds since 1970 (UTC) -> the text a database reads as that time, in half the
    time datetime takes: this runs some three million times for a million customers."""

    def __init__(self, now: datetime, tz: str):
        self.now = (now.replace(tzinfo=None) - EPOCH).total_seconds()
        self.first_day = int(self.now - TWO_YEARS) // DAY - 1
        self.days = [str(EPOCH.date() + timedelta(days=self.first_day + n)) for n in range(740)]
        self.times = [
            f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)
        ]
        self.tz = tz

    def __call__(self, seconds: float) -> str:
        whole = int(seconds)
        day, second = divmod(whole, DAY)
        micro = int((seconds - whole) * 1_000_000)
        return f"{self.days[day - self.first_day]} {self.times[second]}.{micro:06d}{self.tz}"


class BulkRows:
    """Makes the rows batch after batch; ids continue from `first_ids` (per table)."""

    def __init__(
        self,
        *,
        seed: int,
        refs: References,
        first_ids: dict[str, int],
        now,
        tz="",
        language: DemoLanguage = ENGLISH,
    ):
        self.random = random.Random(seed).random
        self.people = [
            people(locale, region, seed + index)
            for index, (locale, region) in enumerate(bulk_locales(language).items())
        ]
        self.language = language
        self.refs = refs
        self.ids = dict(first_ids)
        # Times are seconds since 1970 (UTC) until written out, after each of which
        # comes `tz`: "" for SQLite (which stores naive UTC), "+00:00" for PostgreSQL.
        self._stamp = Stamps(now, tz)
        self.now = self._stamp.now
        self.number = 0  # of customers made so far: it keeps their emails apart
        self.statuses = weighted_table({s.value: w for s, w in STATUS_WEIGHTS.items()})
        self.tag_counts = weighted_table(TAG_COUNT_WEIGHTS)
        self.tag_sets = {k: list(permutations(refs.tags, k)) for k in TAG_COUNT_WEIGHTS}
        self.contact_counts = weighted_table(CONTACT_COUNT_WEIGHTS)
        self.interaction_counts = weighted_table(INTERACTION_COUNT_WEIGHTS)
        self.kinds = weighted_table(zip(Interaction.Kind.values, KIND_WEIGHTS, strict=True))
        # Funnel-shaped, while the stages are the default six.
        default_stages = len(refs.stages) == len(STAGE_WEIGHTS)
        weights = STAGE_WEIGHTS if default_stages else [1] * len(refs.stages)
        self.stages = weighted_table(zip(refs.stages, weights, strict=True))
        today = now.date()
        self.closes = [str(today + timedelta(days=days)) for days in range(-30, 121)]
        # The deal's search text as Deal.derive() makes it.
        self.titles = [(title, indexed_text(title)) for title in language.deal_titles]
        self.currencies = [currency.value for currency in CURRENCIES]
        # Tasks as the small demo makes them (demo.demo_tasks): due in the site's days.
        task_today = timezone.localdate(now)
        self.task_days = [
            str(task_today + timedelta(days=d)) for d in range(TASK_DAYS[0], TASK_DAYS[1] + 1)
        ]
        self.priorities = weighted_table(TASK_PRIORITY_WEIGHTS)
        self.tasks_made = 0

    def batch(self, size: int) -> dict[str, list[tuple]]:
        """The rows of the next `size` customers and of their records."""
        rows = {table: [] for table in FIELDS}
        for _ in range(size):
            self._customer(rows)
        return rows

    def _pick(self, values):
        return values[int(self.random() * len(values))]

    def _phone(self, who: People) -> str:
        return f"{self._pick(who.phone_stems)}{int(self.random() * 10_000):04d}"

    def _next(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table] - 1

    def _customer(self, rows) -> None:
        r, pick = self.random, self._pick
        self.number += 1
        customer_id = self._next("customer")
        who = pick(self.people)
        first, first_slug = pick(who.first_names)
        last, last_slug = pick(who.last_names)
        name = who.full_name(first, last)
        company = pick(who.companies) if r() < COMPANY_SHARE else ""
        domain = pick(who.domains)
        email = f"{who.email_local(first_slug, last_slug)}{self.number}@{domain}"
        phone = self._phone(who) if r() < PHONE_SHARE else ""
        status = pick(self.statuses)
        since = r() * TWO_YEARS  # seconds from its creation to now
        created = self._stamp(self.now - since)
        owner = pick(self.refs.owners) if r() < OWNED_SHARE else None
        next_step = self._task(rows, customer_id, owner, created)
        for tag in pick(self.tag_sets[pick(self.tag_counts)]):
            rows["tag_link"].append((self._next("tag_link"), customer_id, tag))
        contacts, contact_names = self._contacts(rows, customer_id, who, domain, created)
        search = search_document(
            name=name, email=email, phone=phone, company=company, contacts=contact_names
        )
        rows["customer"].append(
            (customer_id, name, email, phone, company, status, owner, created, created)
            + (1, None, None, search, next_step)
            + (likeness_key(name=name, company=company), contact_names)
        )
        self._interactions(rows, customer_id, contacts, since)
        if status != Customer.Status.INACTIVE and r() >= 1 - DEAL_SHARE and self.stages:
            self._deal(rows, customer_id, owner, since)

    def _contacts(
        self, rows, customer_id, who: People, domain: str, created: str
    ) -> tuple[list[int], str]:
        """The customer's contacts' rows; returns their ids, and their names as the
        customer keeps them (customers/core/contact_names.py)."""
        r, pick = self.random, self._pick
        ids = []
        for index in range(pick(self.contact_counts)):
            first, first_slug = pick(who.first_names)
            last, last_slug = pick(who.last_names)
            contact = (
                self._next("contact"),
                customer_id,
                who.full_name(first, last),
                pick(self.language.roles),
                f"{who.email_local(first_slug, last_slug)}@{domain}"
                if r() < CONTACT_EMAIL_SHARE
                else "",
                self._phone(who) if r() < CONTACT_PHONE_SHARE else "",
                index == 0,  # the first contact is the primary one, as the service makes it
                created,
                1,  # its version: never edited
            )
            rows["contact"].append(contact)
            ids.append(contact[0])
        names = [contact[2] for contact in rows["contact"][len(rows["contact"]) - len(ids) :]]
        return ids, contact_names_line(names)

    def _interactions(self, rows, customer_id, contacts: list[int], since: float) -> None:
        """Each one happened (and was recorded) between the customer's creation and now."""
        r, pick = self.random, self._pick
        for _ in range(pick(self.interaction_counts)):
            kind = pick(self.kinds)
            happened_seconds = self.now - since + r() * max(since, 60)
            happened = self._stamp(happened_seconds)
            status, resolved = "", None
            if kind == Interaction.Kind.SUPPORT:
                status = "resolved" if r() < RESOLVED_SHARE else "open"
            number = self._next("interaction")
            if status == "resolved":
                # Within three days, and not after now; drawn from the id rather than the
                # random stream, which would then give every later row other values.
                delay = (number * 7919 % 72 + 1) * 3600
                resolved = self._stamp(min(happened_seconds + delay, self.now))
            interaction = (
                number,
                customer_id,
                kind,
                pick(self.language.subjects[kind]),
                pick(self.language.bodies[kind]),
                happened,
                pick(self.refs.recorders),
                pick(contacts) if contacts and r() < CONTACT_SHARE else None,
                status,
                happened,
                resolved,
            )
            rows["interaction"].append(interaction)

    def _task(self, rows, customer_id: int, owner: int | None, created: str) -> str | None:
        """An open task for the customer's owner, now and then (the first ones for the
        task rep); returns its day, the customer's next step as the services keep it
        (customers/followups/services.refresh_next_step: its earliest open task's)."""
        r, pick = self.random, self._pick
        if owner not in self.refs.assignees or r() >= TASK_SHARE:
            return None
        rep = self.refs.task_rep
        assignee = rep if rep and self.tasks_made < TASK_REP_TASKS else owner
        self.tasks_made += 1
        due = pick(self.task_days)
        task = (
            self._next("task"),
            customer_id,
            None,  # about no deal
            None,  # nor contact
            pick(TASK_TITLES),
            "",
            due,
            pick(TASK_TIMES) if r() < TASK_TIMED_SHARE else None,
            pick(self.priorities),
            assignee,
            None,  # open: not done, by nobody, with no timeline entry
            None,
            None,
            False,  # not reminded yet
            assignee,  # made by its assignee, as the small demo's
            created,
            created,
            1,
            None,  # about no support request
        )
        rows["task"].append(task)
        return due

    def _deal(self, rows, customer_id, owner, since: float) -> None:
        r, pick, refs = self.random, self._pick, self.refs
        stage, lost, closed = pick(self.stages)
        title, title_search = pick(self.titles)
        opened = self._stamp(self.now - since + r() * since)
        deal = (
            self._next("deal"),
            customer_id,
            title,
            int(5 + r() * 495) * 100,
            pick(self.currencies),
            stage,
            pick(self.closes),
            owner,
            pick(refs.closing_reasons) if lost and refs.closing_reasons else None,
            pick(refs.lead_sources) if refs.lead_sources else None,
            opened,
            opened,
            1,
            title_search,
            opened if closed else None,  # never moved since: closed as it was made
        )
        rows["deal"].append(deal)
