"""Money as people read it: `$12,000.00`, `€3,500.00`, `¥120,000`, `CHF 900.00`."""

from decimal import Decimal

from django.utils.translation import get_language

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$"}
# Where a language reads a symbol otherwise (CLDR's): in Chinese ¥ is the yuan and $
# could be any dollar, so the yen and the US dollar say whose they are.
SYMBOLS_IN = {"zh-hans": {**SYMBOLS, "USD": "US$", "JPY": "JP¥", "AUD": "AU$"}}
NO_MINOR_UNITS = {"JPY"}


def format_money(amount: Decimal | None, currency: str) -> str:
    """A readable amount with its currency: a symbol where one is unambiguous, else the
    ISO code; thousands separated; no cents for currencies that have none."""
    if amount is None:
        return ""
    places = 0 if currency in NO_MINOR_UNITS else 2
    number = f"{amount:,.{places}f}"
    if symbol := SYMBOLS_IN.get(get_language(), SYMBOLS).get(currency):
        return f"{symbol}{number}"
    return f"{currency}\N{NO-BREAK SPACE}{number}"
