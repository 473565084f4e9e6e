"""One customer's change history, newest first, readable by people.

It merges the customer's own historical records (django-simple-history, tag
assignments included) with those of its contacts, interactions and deals. Each is
read from the historical tables by the customer's id, so the history of a customer in
the trash, or purged, and of records deleted long ago, reads the same as any other.

A customer merged into this one (customers/core/merge.py) brought its contacts,
activity, deals and tasks along, but their records before the merge, and its own
(who owned it, what it was called), keep its id: the history is an audit trail and is
never rewritten. So it is read by the ids of the customer and of every customer merged
into it (and into those, and so on) while the merge stands; an undone merge takes its
customer's records off again. A merged customer's entries name it in their headline.

A page costs a fixed number of queries whatever its length or how many merges: one for
the ids merged in; per kind of record one query for the page's rows (each row carries
the id of the same object's previous record, by a subquery) and one for those previous
records; one for the tags of the customer's records; one per kind of record referred to
(users, stages, customers, ...). Paging is by keyset over (time, kind, history id),
across all those ids at once, so "Show older" stays right while new changes arrive on
top.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.core.merge import MERGED_AWAY, MERGED_IN, UNMERGED, customers_merged_into
from customers.core.owners import display_name
from customers.core.phone import format_phone
from customers.models import Contact, Customer, Deal, FollowUp, Interaction

PAGE_SIZE = 50
EMPTY = "—"
SYSTEM = gettext_lazy("System")
# Kept in step by the model or by simple-history, never changed by a person; the trash
# fields are told by the headline ("Moved to the trash") rather than as a change.
NOISE = frozenset(
    {"id", "customer", "created_at", "updated_at", "version", "deleted_at", "deleted_by"}
    # A task's timeline entry is told by the timeline itself.
    | {"done_interaction"}
)
CREATED, CHANGED, DELETED = "+", "~", "-"


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    who: str
    when: datetime.datetime
    headline: str
    changes: list[Change] = field(default_factory=list)
    # A creation's changes are the values it was given: there is nothing "old" to show.
    created: bool = False


@dataclass(frozen=True)
class HistoryPage:
    entries: list[HistoryEntry]
    # What to ask for the next (older) page with (`before=`), or None on the last page.
    next_cursor: str | None


@dataclass(frozen=True)
class HistorySubject:
    """Whose history it is: a customer, maybe in the trash, or only its history."""

    pk: int
    name: str
    customer: Customer | None  # None once purged

    @property
    def in_trash(self) -> bool:
        return self.customer is not None and self.customer.in_trash

    @property
    def purged(self) -> bool:
        return self.customer is None

    @property
    def kept(self) -> bool:
        """Neither in the trash nor purged."""
        return not (self.in_trash or self.purged)


@dataclass(frozen=True)
class _Source:
    rank: int  # breaks ties on time, after which the history id does
    model: type[models.Model]
    by: str  # the historical field holding the customer's id
    noun: str  # "contact"; an interaction is named by its kind instead
    name_field: str

    @property
    def history(self) -> type[models.Model]:
        return self.model.history.model

    def fields(self) -> list[models.Field]:
        """The fields a person sees change, in the model's order."""
        return [f for f in self.history.tracked_fields if f.name not in NOISE]


SOURCES = (
    _Source(0, Customer, "id", gettext_lazy("customer"), "name"),
    _Source(1, Contact, "customer_id", gettext_lazy("contact"), "name"),
    _Source(2, Interaction, "customer_id", gettext_lazy("interaction"), "subject"),
    _Source(3, Deal, "customer_id", gettext_lazy("deal"), "title"),
    _Source(4, FollowUp, "customer_id", gettext_lazy("task"), "title"),
)
CUSTOMER = SOURCES[0]
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def customer_history_subject(*, customer_id: int) -> HistorySubject | None:
    """The customer (trash included), or what its last historical record says of it."""
    customer = Customer.all_objects.filter(pk=customer_id).first()
    if customer is not None:
        return HistorySubject(pk=customer.pk, name=customer.name, customer=customer)
    last = _newest_first(CUSTOMER.history.objects.filter(id=customer_id)).first()
    if last is not None:
        return HistorySubject(pk=customer_id, name=last.name, customer=None)
    return None


def customer_history(
    *,
    customer_id: int,
    before: str | None = None,
    size: int = PAGE_SIZE,
    kinds: Iterable[type[models.Model]] = (Contact, Interaction, Deal),
) -> HistoryPage:
    """The newest `size` changes, older than the cursor `before` if given: the
    customer's own, and those of the kinds of its records in `kinds` (the ones the
    reader may see).

    Raises ValueError for a cursor that is not one this function gave out.
    """
    cursor = _parse_cursor(before) if before else None
    kinds = set(kinds)
    whose = _Whose(customer_id, frozenset(customers_merged_into(customer_id=customer_id)))
    rows = []
    for source in (s for s in SOURCES if s is CUSTOMER or s.model in kinds):
        queryset = source.history.objects.filter(**{f"{source.by}__in": whose.ids})
        if cursor is not None:
            queryset = _older(queryset, source, cursor)
        page = _newest_first(queryset.annotate(previous_id=_previous_id(source)))[: size + 1]
        rows.extend((source, record) for record in page)
    rows.sort(key=lambda row: _key(*row), reverse=True)
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        next_cursor = _format_cursor(_key(*rows[-1]))
    return HistoryPage(entries=_entries(rows, whose), next_cursor=next_cursor)


@dataclass(frozen=True)
class _Whose:
    """Whose history is read: the customer's, and that of the customers merged into it."""

    subject: int
    merged: frozenset[int]

    @property
    def ids(self) -> frozenset[int]:
        return self.merged | {self.subject}

    def of(self, source: _Source, record) -> int:
        """The customer a record was of when it was saved."""
        return getattr(record, source.by)


# Paging


def _newest_first(queryset):
    return queryset.order_by("-history_date", "-history_id")


def _key(source: _Source, record) -> tuple[datetime.datetime, int, int]:
    return (record.history_date, source.rank, record.history_id)


def _format_cursor(key) -> str:
    when, rank, history_id = key
    return f"{(when - EPOCH) // datetime.timedelta(microseconds=1)}.{rank}.{history_id}"


def _parse_cursor(text: str) -> tuple[datetime.datetime, int, int]:
    """The (time, rank, history id) a cursor from `_format_cursor` stands for."""
    parts = text.split(".")
    if len(parts) != 3 or not all(part.isascii() and part.isdigit() for part in parts):
        raise ValueError(f"Not a history cursor: {text!r}")
    micros, rank, history_id = (int(part) for part in parts)
    try:
        return (EPOCH + datetime.timedelta(microseconds=micros), rank, history_id)
    except OverflowError as error:
        raise ValueError(f"Not a history cursor: {text!r}") from error


def _older(queryset, source: _Source, cursor):
    """Records after the cursor in (time, rank, history id) order, newest first."""
    when, rank, history_id = cursor
    if source.rank < rank:
        return queryset.filter(history_date__lte=when)
    if source.rank > rank:
        return queryset.filter(history_date__lt=when)
    return queryset.filter(
        Q(history_date__lt=when) | Q(history_date=when, history_id__lt=history_id)
    )


def _previous_id(source: _Source) -> Subquery:
    """The history id of the same object's record just before this one."""
    earlier = source.history.objects.filter(id=OuterRef("id")).filter(
        Q(history_date__lt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
    )
    return Subquery(_newest_first(earlier).values("history_id")[:1])


# Making records readable


def _entries(rows: list[tuple[_Source, models.Model]], whose: _Whose) -> list[HistoryEntry]:
    previous = _previous_records(rows)
    tags = _tag_snapshots(
        [r.history_id for s, r in rows if s is CUSTOMER]
        + [r.previous_id for s, r in rows if s is CUSTOMER and r.previous_id]
    )
    names = _Names(
        [*rows, *((SOURCES[rank], r) for (rank, _), r in previous.items())],
        customers={whose.of(s, r) for s, r in rows} - {whose.subject},
    )
    entries = []
    for source, record in rows:
        before = previous.get((source.rank, record.previous_id))
        entry = _entry(source, record, before, names, tags, whose)
        if entry is not None:
            entries.append(entry)
    return entries


def _previous_records(rows) -> dict[tuple[int, int], models.Model]:
    """Each page row's previous record, in one query per kind of record."""
    wanted = defaultdict(set)
    for source, record in rows:
        if record.history_type != CREATED and record.previous_id:
            wanted[source].add(record.previous_id)
    found = {}
    for source, ids in wanted.items():
        for record in source.history.objects.filter(history_id__in=ids):
            found[(source.rank, record.history_id)] = record
    return found


def _tag_snapshots(history_ids: list[int]) -> dict[int, set[str]]:
    """The names of the tags each customer record had, in one query."""
    if not history_ids:
        return {}
    snapshot = apps.get_model("customers", "HistoricalCustomer_tags")
    tags = defaultdict(set)
    rows = snapshot.objects.filter(history_id__in=history_ids).select_related("tag")
    for row in rows:
        tags[row.history_id].add(row.tag.name if row.tag else f"deleted tag #{row.tag_id}")
    return tags


class _Names:
    """The readable names of everything the records refer to, one query per model."""

    def __init__(
        self, records: Iterable[tuple[_Source, models.Model]], customers: Iterable[int] = ()
    ):
        user_model = get_user_model()
        ids = defaultdict(set)
        # The customers merged into this one whose records are among these, by name.
        ids[Customer].update(customers)
        for source, record in records:
            ids[user_model].add(record.history_user_id)
            for f in source.fields():
                if f.is_relation:
                    ids[f.related_model].add(getattr(record, f.attname))
            if (merge := _merge_code(record)) is not None:
                ids[Customer].add(merge[1])
        self.names = {model: self._load(model, found - {None}) for model, found in ids.items()}

    @staticmethod
    def _load(model, ids: set[int]) -> dict[int, str]:
        if not ids:
            return {}
        if model is get_user_model():
            return {user.pk: display_name(user) for user in model.objects.filter(pk__in=ids)}
        if model is Contact:
            return _contact_names(ids)
        return {obj.pk: str(obj) for obj in model._base_manager.filter(pk__in=ids)}

    def of(self, model, pk) -> str:
        if pk is None:
            return EMPTY
        return self.names.get(model, {}).get(pk) or _("deleted {noun} #{pk}").format(
            noun=model._meta.verbose_name, pk=pk
        )

    def who(self, record) -> str:
        if record.history_user_id is None:
            return SYSTEM
        return self.of(get_user_model(), record.history_user_id)


def _contact_names(ids: set[int]) -> dict[int, str]:
    """Contacts by name; a deleted one by the name its history last gave it."""
    names = dict(Contact.objects.filter(pk__in=ids).values_list("pk", "name"))
    if missing := ids - names.keys():
        gone = _newest_first(Contact.history.model.objects.filter(id__in=missing))
        for pk, name in gone.values_list("id", "name"):
            names.setdefault(pk, name)
    return names


def _entry(
    source: _Source, record, before, names: _Names, tags, whose: _Whose
) -> HistoryEntry | None:
    """What happened in `record`, against the same object's record `before` it; None for a
    save that changed nothing a person would see, or a merge another entry tells."""
    kind = record.history_type
    # A change with no record before it (made before history was kept) cannot be told.
    comparable = kind == CREATED or (kind == CHANGED and before is not None)
    changes = _diff(source, before, record, names) if comparable else []
    tags_changed = None
    if source is CUSTOMER and comparable:
        old_tags = tags.get(before.history_id, set()) if before is not None else set()
        new_tags = tags.get(record.history_id, set())
        if old_tags != new_tags:
            tags_changed = (old_tags, new_tags)
    moved = source is CUSTOMER and (_merge_note(record, names) or _trash_move(record, before))
    if comparable and kind == CHANGED and not (changes or tags_changed or moved):
        return None
    if (owner := whose.of(source, record)) == whose.subject:
        headline = _headline(source, record, moved, changes, tags_changed)
    elif source is CUSTOMER and _told_by_the_other(record, before, whose) and not changes:
        return None
    else:
        headline = _merged_headline(source, record, before, changes, tags_changed, owner, names)
    if tags_changed is not None and (changes or kind == CREATED):
        changes.append(Change(_("Tags"), *(_tag_list(side) for side in tags_changed)))
    return HistoryEntry(
        who=names.who(record),
        when=record.history_date,
        headline=headline,
        changes=changes,
        created=kind == CREATED,
    )


def _diff(source: _Source, before, record, names: _Names) -> list[Change]:
    """Each field that differs from `before`; on creation, each field given a value."""
    changes = []
    for f in source.fields():
        old, new = _value(before, f), getattr(record, f.attname)
        if old != new and not (before is None and _is_empty(new)):
            changes.append(Change(field_label(f), _show(f, old, names), _show(f, new, names)))
    return changes


def field_label(f: models.Field) -> str:
    """The field's verbose name (translated: the models' names are lazy), as a label."""
    return capfirst(f.verbose_name)


def _headline(source: _Source, record, moved: str | None, changes, tags_changed) -> str:
    kind = record.history_type
    if source is CUSTOMER:
        if kind == CREATED:
            return _("Created the customer")
        if kind == DELETED:
            return _("Deleted the customer")
        if moved:
            return moved
        if tags_changed is not None and not changes:
            return _("Tags: {changes}").format(changes=_tag_changes(tags_changed))
        return _("Changed the customer")
    headline = {
        CREATED: _("Added {noun} “{name}”"),
        CHANGED: _("Changed {noun} “{name}”"),
        DELETED: _("Deleted {noun} “{name}”"),
    }[kind]
    noun = source.noun
    if source.model is Interaction:
        # "Added call", "Changed support request": the kind says more than "interaction".
        noun = str(dict(Interaction.Kind.choices).get(record.kind, noun)).lower()
    return headline.format(noun=noun, name=getattr(record, source.name_field))


def _merged_headline(
    source: _Source, record, before, changes, tags_changed, owner: int, names: _Names
) -> str:
    """The headline of a record of a customer merged into this one, which it names."""
    name = names.of(Customer, owner)
    if source is not CUSTOMER:
        headline = _headline(source, record, None, changes, tags_changed)
        return _("{headline} on “{name}” (merged into this customer)").format(
            headline=headline, name=name
        )
    kind = record.history_type
    if kind == CREATED:
        return _("Created “{name}” (merged into this customer)").format(name=name)
    if kind == DELETED:
        return _("Deleted “{name}” (merged into this customer)").format(name=name)
    if (merge := _merge_code(record)) is not None:
        code, other = merge
        return {
            MERGED_IN: _("Merged “{other}” into “{name}” (merged into this customer)"),
            MERGED_AWAY: _("Merged “{name}” into “{other}” (merged into this customer)"),
            UNMERGED: _("Undid the merge of “{name}” with “{other}” (merged into this customer)"),
        }[code].format(name=name, other=names.of(Customer, other))
    if _trash_move(record, before) is not None:
        if record.deleted_at is not None:
            return _("Moved “{name}” to the trash (merged into this customer)").format(name=name)
        return _("Restored “{name}” from the trash (merged into this customer)").format(name=name)
    if tags_changed is not None and not changes:
        return _("Tags of “{name}” (merged into this customer): {changes}").format(
            name=name, changes=_tag_changes(tags_changed)
        )
    return _("Changed “{name}” (merged into this customer)").format(name=name)


def _told_by_the_other(record, before, whose: _Whose) -> bool:
    """Whether a merged customer's record is its move into (or out of) the trash by a
    merge with (or its undoing from) another customer of this history: that one's own
    record tells it, as "Merged … into this customer" or "Undid the merge with …"."""
    merge = _merge_code(record)
    return merge is not None and merge[1] in whose.ids and _trash_move(record, before) is not None


def _merge_code(record) -> tuple[str, int] | None:
    """The merge a customer's record was saved in (customers/core/merge.py): its kind and
    the other customer's id, from the change reason."""
    reason = getattr(record, "history_change_reason", None) or ""
    for code in (MERGED_IN, MERGED_AWAY, UNMERGED):
        if reason.startswith(code) and reason[len(code) :].isdigit():
            return code, int(reason[len(code) :])
    return None


def _merge_note(record, names: _Names) -> str | None:
    if (merge := _merge_code(record)) is None:
        return None
    code, other = merge
    name = names.of(Customer, other)
    return {
        MERGED_IN: _("Merged “{name}” into this customer"),
        MERGED_AWAY: _("Merged into “{name}”"),
        UNMERGED: _("Undid the merge with “{name}”"),
    }[code].format(name=name)


def _trash_move(record, before) -> str | None:
    was = before.deleted_at if before is not None else None
    if was is None and record.deleted_at is not None:
        return _("Moved to the trash")
    if was is not None and record.deleted_at is None:
        return _("Restored from the trash")
    return None


def _value(record, f: models.Field):
    return getattr(record, f.attname) if record is not None else None


def _is_empty(value) -> bool:
    return value is None or value == "" or value is False


def _tag_changes(tags_changed: tuple[set[str], set[str]]) -> str:
    """ "added A, B; removed C": what changed between the old tags and the new."""
    old_tags, new_tags = tags_changed
    parts = []
    if added := new_tags - old_tags:
        parts.append(_("added {tags}").format(tags=_tag_list(added)))
    if removed := old_tags - new_tags:
        parts.append(_("removed {tags}").format(tags=_tag_list(removed)))
    return _("; ").join(parts)


def _tag_list(names: set[str]) -> str:
    return ", ".join(sorted(names, key=str.casefold)) or EMPTY


def _show(f: models.Field, value, names: _Names) -> str:
    """A field's value as the app shows it: labels for choices, names for links."""
    if value is None or value == "":
        return EMPTY
    if f.is_relation:
        return names.of(f.related_model, value)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return _("Yes") if value else _("No")
    # As the record page and the timeline write dates.
    if isinstance(f, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(f, models.DateField):
        return formats.date_format(value)
    if isinstance(f, models.DecimalField):
        return formats.number_format(value, f.decimal_places, force_grouping=True)
    if f.name == "phone":
        return format_phone(value)
    return str(value)
