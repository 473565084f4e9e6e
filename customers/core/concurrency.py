"""Saving over someone else's save: merge what does not collide, refuse what does.

Every edit form carries the `version` of the row it started from. If the row has
moved on since, the history (django-simple-history) still has the row as the user
saw it: the base. Their changes are what differs between base and the row now; mine
are what differs between base and what I send. Changes to different fields are merged
without a word; the same field changed to different values is an `EditConflict`, and
then nothing is saved, so neither person's work is lost.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FieldConflict:
    """One field both people changed: the value saved meanwhile, and the one I sent.

    Model values: a relation holds the related object (or None)."""

    theirs: Any
    mine: Any


class EditConflict(Exception):
    """Someone else saved `current` in between, changing fields that I changed too."""

    def __init__(
        self,
        *,
        current: models.Model,
        fields: dict[str, FieldConflict],
        mine: dict,
        by: AbstractBaseUser | None,
    ):
        self.current = current  # the row as it is now
        self.fields = fields  # field name -> FieldConflict
        self.mine = mine  # all my changes, the conflicting ones included
        self.by = by  # who saved last (None: a command, an import, nobody known)
        self.version = current.version  # what a second attempt starts from
        super().__init__(f"{type(current).__name__} {current.pk}: {', '.join(fields)} changed")


def versioned_update(
    obj: models.Model,
    data: dict,
    *,
    version: int | None,
    apply: Callable[[models.Model, dict], None],
) -> models.Model:
    """Save `data` (field name -> value) on `obj` with `apply`, unless it overwrites a
    save made since `version`. Returns the saved object.

    `version=None` checks nothing and applies `data` to `obj` as it is (bulk actions,
    the admin, commands). Otherwise the row is locked and read again; if someone saved
    meanwhile, only my changes are applied on top of theirs, or EditConflict is raised.
    """
    if version is None:
        apply(obj, data)
        return obj
    model = type(obj)
    with transaction.atomic():
        # PostgreSQL locks the row until the save commits; SQLite takes the whole
        # database for writing (transaction_mode IMMEDIATE), which serialises as well.
        current = model._default_manager.select_for_update(of=("self",)).filter(pk=obj.pk).first()
        if current is None:
            raise ValidationError(
                _("This {noun} was deleted while you were editing.").format(
                    noun=model._meta.verbose_name
                )
            )
        if current.version != version:
            data = _my_changes(current, data, version)
        apply(current, data)
    return current


def _my_changes(current: models.Model, data: dict, version: int) -> dict:
    """What of `data` to apply on top of `current`, which was saved after `version`."""
    model = type(current)
    records = model.history.filter(id=current.pk).order_by("-history_date", "-history_id")
    base = records.filter(version=version).first()
    fields = {name: model._meta.get_field(name) for name in data}

    def now(name):
        return fields[name].value_from_object(current)

    # The row as the user saw it; if that is unknown, whatever they would change is at stake.
    seen = now if base is None else (lambda name: fields[name].value_from_object(base))
    mine = {name: value for name, value in data.items() if _plain(value) != seen(name)}
    conflicting = {
        name
        for name, value in mine.items()
        if (base is None or seen(name) != now(name)) and _plain(value) != now(name)
    }
    if conflicting:
        latest = records.select_related("history_user").first()
        raise EditConflict(
            current=current,
            fields={
                name: FieldConflict(theirs=getattr(current, name), mine=mine[name])
                for name in data
                if name in conflicting
            },
            mine=mine,
            by=latest.history_user if latest else None,
        )
    return mine


def _plain(value):
    """A value as the row stores it: a related object by its id."""
    return value.pk if isinstance(value, models.Model) else value
