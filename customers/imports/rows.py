"""One row of a file turned into a customer's fields, checked by the customer's rules.

The same function makes the preview and the import, so what the preview shows is
what will be stored, errors included.
"""

import datetime
import re
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from customers.core.owners import possible_owners
from customers.core.permissions import ADD_TAG, REASSIGN_OWNER
from customers.core.selectors import tag_find
from customers.models import Customer, Tag

TAG_SEPARATORS = re.compile(r"[,;|]")
# What a row sets and the customer form checks; the rest keep the model's defaults.
CHECKED_FIELDS = frozenset({"name", "email", "phone", "company", "status"})
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S")


@cache
def statuses() -> dict[str, str]:
    """A status cell by its folded value or label, in any of the site's languages: a
    Chinese team's file says 潜在客户 where an English one says Lead."""
    found = {value.casefold(): value for value in Customer.Status.values}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found.update({str(label).casefold(): value for value, label in Customer.Status.choices})
    return found


def field_label(name: str) -> str:
    """A customer field's name as the forms show it, in the reader's language."""
    try:
        return str(capfirst(Customer._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return name


class Owners:
    """Active users by folded username and by email: who a row's owner cell names.

    Loaded once per import: there are few users, and a row per lookup would be a query
    per row.
    """

    def __init__(self):
        self.by_name: dict[str, object] = {}
        self.by_email: dict[str, object] = {}
        for user in possible_owners():
            self.by_name[user.get_username().casefold()] = user
            if user.email:
                self.by_email.setdefault(user.email.casefold(), user)

    def find(self, text: str):
        key = text.strip().casefold()
        return self.by_name.get(key) or self.by_email.get(key)


@dataclass
class Row:
    """A data row's values as they will be stored (`fields` for customer_create, plus
    `tags` and `created`), or the `error` that keeps it out."""

    number: int
    cells: list[str]
    fields: dict = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    created: datetime.datetime | None = None
    error: str = ""
    # The unsaved customer its fields were checked on, to be created as it is.
    customer: Customer | None = field(default=None, repr=False)

    @property
    def email_key(self) -> str:
        # lower(), as the database folds the unique email, not casefold()
        return self.fields.get("email", "").lower()


def build_row(
    number: int, cells: list[str], mapping: list[str], *, owners: Owners, default_owner
) -> Row:
    """Read `cells` through `mapping` and check them as the customer form would."""
    row = Row(number=number, cells=cells)
    raw = {field: cells[i] for i, field in enumerate(mapping) if field and i < len(cells)}
    problems: dict[str, list[str]] = {}
    for name in ("name", "email", "phone", "company"):
        if name in raw:
            row.fields[name] = raw[name]
    if status := raw.get("status", ""):
        if status.casefold() in statuses():
            row.fields["status"] = statuses()[status.casefold()]
        else:
            allowed = _(", ").join(str(label) for label in Customer.Status.labels)
            problems[field_label("status")] = [
                _("“{status}” is not a status; use one of {allowed}.").format(
                    status=status, allowed=allowed
                )
            ]
    if owner_text := raw.get("owner", ""):
        owner = owners.find(owner_text)
        if owner is None:
            problems[field_label("owner")] = [
                _("No active user has the username or email “{owner}”.").format(owner=owner_text)
            ]
        row.fields["owner"] = owner
    elif default_owner is not None:
        row.fields["owner"] = default_owner
    if tags := raw.get("tags", ""):
        row.tags = list({t.casefold(): t for t in _tag_names(tags)}.values())
        too_long = [t for t in row.tags if len(t) > Tag._meta.get_field("name").max_length]
        if too_long:
            problems[field_label("tags")] = [
                _("A tag has at most {most} characters: “{tag}…”.").format(
                    most=Tag._meta.get_field("name").max_length, tag=too_long[0][:60]
                )
            ]
    if created := raw.get("created", ""):
        try:
            row.created = parse_created(created)
        except ValueError as error:
            problems[_("Created date")] = [str(error)]
    # The customer's own rules: required fields, lengths, email, phone (normalised
    # here as on save). Uniqueness is left to the duplicate policy.
    customer = Customer(**row.fields)
    try:
        customer.full_clean(
            exclude=unchecked_fields(), validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems.setdefault(field_label(name), []).extend(messages)
    else:
        row.fields["phone"] = customer.phone
        row.fields["email"] = customer.email
        row.customer = customer
    if problems:
        row.error = describe(problems)
    return row


@cache
def unchecked_fields() -> frozenset[str]:
    """The customer's fields a row leaves at their defaults, so nothing to check."""
    return frozenset(f.name for f in Customer._meta.fields) - CHECKED_FIELDS


def describe(problems: dict[str, list[str]]) -> str:
    """{"Email": ["Enter a valid…"]} -> "Email: Enter a valid…" (several joined by " ")."""
    return " ".join(
        " ".join(messages)
        if name == NON_FIELD_ERRORS
        else _("{field}: {problems}").format(field=name, problems=" ".join(messages))
        for name, messages in problems.items()
    )


def error_text(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return describe({field_label(k): v for k, v in error.message_dict.items()})
    return " ".join(error.messages)


def _tag_names(text: str) -> list[str]:
    return [" ".join(t.split()) for t in TAG_SEPARATORS.split(text) if t.strip()]


def parse_created(text: str) -> datetime.datetime:
    text = text.strip()
    for date_format in DATE_FORMATS:
        try:
            parsed = datetime.datetime.strptime(text, date_format)
        except ValueError:
            continue
        value = timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed
        if value > timezone.now():
            raise ValueError(_("“{date}” is in the future.").format(date=text))
        return value
    raise ValueError(
        _("“{date}” is not a date; write it as YYYY-MM-DD, e.g. 2024-03-14.").format(date=text)
    )


def may_choose_owner(user) -> bool:
    """Whoever may not reassign owners gets every new customer as their own, as the
    create form gives it them."""
    return user is None or user.has_perm(REASSIGN_OWNER)


def may_create_tags(user) -> bool:
    """An import makes the tags its rows name only for who may make tags; the command
    line (no user) may, as it may do the rest."""
    return user is None or user.has_perm(ADD_TAG)


class MissingTags:
    """Which of the names rows give have no tag, for an importer who may not make tags;
    one look-up a name, however many rows name it."""

    def __init__(self, known: dict | None = None):
        # Casefolded name -> its tag, or None; an import shares its own cache of tags.
        self.known: dict[str, Tag | None] = {} if known is None else known

    def of(self, names: list[str]) -> list[str]:
        for name in names:
            if (key := name.casefold()) not in self.known:
                self.known[key] = tag_find(name=name)
        return [name for name in names if self.known[name.casefold()] is None]


def tags_not_created(names: list[str], *, after: str = "") -> str:
    """What a row says of its tags that were not made, `after` what it said already."""
    note = _("Tags not created, as you may not create new tags: {tags}.").format(
        tags=", ".join(f"“{name}”" for name in names)
    )
    return then_sentence(after, note)


# Chinese and Japanese put no space after a sentence's full-width stop.
FULL_WIDTH_STOPS = ("。", "！", "？")


def then_sentence(text: str, sentence: str) -> str:
    """`sentence` after `text`, with a space between them, as Latin scripts write them,
    but none after a full-width stop."""
    if not text:
        return sentence
    return f"{text}{'' if text.endswith(FULL_WIDTH_STOPS) else ' '}{sentence}"
