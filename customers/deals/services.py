import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import models

from customers.core.concurrency import versioned_update
from customers.core.validation import apply_changes, validated_save
from customers.models import ClosingReason, Currency, Customer, Deal, LeadSource, Stage


def deal_create(
    *,
    customer: Customer,
    title: str,
    amount: Decimal,
    stage: Stage,
    currency: str = Currency.USD,
    expected_close: datetime.date | None = None,
    owner: AbstractBaseUser | None = None,
    closing_reason: ClosingReason | None = None,
    lead_source: LeadSource | None = None,
) -> Deal:
    deal = Deal(
        customer=customer,
        title=title,
        amount=amount,
        currency=currency,
        stage=stage,
        expected_close=expected_close,
        owner=owner,
        closing_reason=closing_reason,
        lead_source=lead_source,
    )
    validated_save(deal)
    return deal


def deal_update(*, deal: Deal, data: dict, version: int | None = None) -> Deal:
    """Apply `data`; a deal that is no longer lost loses its closing reason. Returns the
    saved deal; with a `version`, as `customer_update`."""
    return versioned_update(deal, data, version=version, apply=_apply)


def _apply(deal: Deal, data: dict) -> None:
    # Only what differs is saved: moving a card to the stage it is in (a drop back
    # into its own column, a resent form) must not bump the version, which would
    # turn others' open forms stale, nor write a history row that changes nothing.
    data = _changes(deal, data)
    if not data:
        return
    if "stage" in data:
        data = {**data, "closing_reason": data.get("closing_reason", deal.closing_reason)}
    apply_changes(deal, data)


def _changes(deal: Deal, data: dict) -> dict:
    """What of `data` differs from the row as stored. Compared with the database, not
    with `deal`: a ModelForm has already set what it cleaned on its instance."""
    if not data:
        return data
    columns = {name: Deal._meta.get_field(name).attname for name in data}
    stored = Deal._base_manager.filter(pk=deal.pk).values(*columns.values()).first() or {}

    def plain(value):
        return value.pk if isinstance(value, models.Model) else value

    return {
        name: value
        for name, value in data.items()
        if columns[name] not in stored or plain(value) != stored[columns[name]]
    }


def deal_move(
    *,
    deal: Deal,
    stage: Stage,
    closing_reason: ClosingReason | None = None,
    version: int | None = None,
) -> Deal:
    """Move a deal to `stage`; moving it to a lost stage needs a reason."""
    return deal_update(
        deal=deal, data={"stage": stage, "closing_reason": closing_reason}, version=version
    )


def deal_delete(*, deal: Deal) -> None:
    deal.delete()
