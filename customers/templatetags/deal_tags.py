"""Deals in templates: money, a column's totals, and the board's cards."""

from django import template
from django.utils.safestring import mark_safe

from customers.core.money import format_money
from customers.deals.cards import DealCards

register = template.Library()


@register.simple_tag
def money(amount, currency) -> str:
    return format_money(amount, currency)


@register.filter(name="money_totals")
def totals(totals) -> str:
    """A column's totals, one per currency: `$12,000.00 · €3,500.00`."""
    return " · ".join(format_money(total.amount, total.currency) for total in totals)


@register.simple_tag(takes_context=True)
def deal_card(context, deal, move_form=None):
    """A deal's card (customers/deals/cards.py), or the card of a refused move when
    `move_form` is given."""
    return _cards(context).html(deal, move_form or None)  # an unset variable is ""


@register.simple_tag(takes_context=True)
def deal_cards(context, deals):
    """A board column's cards, drawn in one go."""
    cards = _cards(context)
    return mark_safe("".join(cards.html(deal) for deal in deals))


def _cards(context) -> DealCards:
    """The render's card drawer: the parts all cards share are made once."""
    cards = context.render_context.get(DealCards)
    if cards is None:
        cards = context.render_context[DealCards] = DealCards(
            request=context["request"],
            stages=context["stages"],
            closing_reasons=context["closing_reasons"],
            board_url=context["board_url"],
            standalone=context.get("standalone", False),
        )
    return cards
