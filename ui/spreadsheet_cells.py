"""Cells that a spreadsheet shows as text, never runs as a formula (CSV injection)."""

# A spreadsheet reads a cell starting with any of these as a formula or a command.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value) -> str:
    """`value` as a cell string that a spreadsheet will show, not evaluate.

    Follows OWASP's advice: prefix a leading apostrophe, which spreadsheets hide
    and which keeps the cell a plain string. Numbers pass through untouched, so a
    negative amount stays a number.
    """
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return text_cell(str(value))


def text_cell(text: str) -> str:
    """`text` (a str already) as a cell a spreadsheet shows, not evaluates: as_text's
    rule without its type checks, for the CSV writer's commonest cell."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text
