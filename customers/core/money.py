"""Money as people read it: `$12,000.00`, `€3,500.00`, `¥120,000`, `CHF 900.00`."""

from decimal import Decimal

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$"}
NO_MINOR_UNITS = {"JPY"}


def format_money(amount: Decimal | None, currency: str) -> str:
    """A readable amount with its currency: a symbol where one is unambiguous, else the
    ISO code; thousands separated; no cents for currencies that have none."""
    if amount is None:
        return ""
    places = 0 if currency in NO_MINOR_UNITS else 2
    number = f"{amount:,.{places}f}"
    if symbol := SYMBOLS.get(currency):
        return f"{symbol}{number}"
    return f"{currency}\N{NO-BREAK SPACE}{number}"
