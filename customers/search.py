"""Text normalisation shared by what is stored for search and what is searched for.

Both sides are case-folded and stripped of accents, so `jose` finds `José`, and a
phone number is searchable by its digits however it was typed.
"""

import re
import unicodedata

PHONE_LIKE = re.compile(r"^[\d+().\-/]+$")
# `ID 123`, `id123`, `Id: 123`, `#123`: the whole query names one record by its number.
ID_REFERENCE = re.compile(r"^\s*(?:id\s*:?|#)\s*(\d{1,18})\s*$", re.IGNORECASE)


def fold(text: str) -> str:
    """Case-fold and strip accents: `José ÁLVAREZ` -> `jose alvarez`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def search_document(*, name: str, email: str, phone: str, company: str) -> str:
    """The text a customer is found by; one field a line so no match spans two."""
    digits = re.sub(r"\D", "", phone or "")
    return "\n".join(fold(part) for part in (name, email, digits, company or ""))


def search_terms(query: str) -> list[set[str]]:
    """Split a query into folded words, each with the forms it may be stored in.

    Every word must match somewhere. A word that could be part of a phone number
    (`(020)`, `555-0143`) also matches by its digits, the form phone numbers are
    stored in for search; it may as well be part of a name (`3.14 Pies`).
    """
    terms = []
    for word in fold(query).split():
        forms = {word}
        if PHONE_LIKE.match(word) and (digits := re.sub(r"\D", "", word)):
            forms.add(digits)
        terms.append(forms)
    return terms


def id_reference(query: str) -> int | None:
    """The record number a query like `ID 123` or `#123` asks for, if it is one.

    A bare number is not one: `123` stays a search for phone digits. At most 18 digits,
    so the number fits the 64-bit primary key on every database.
    """
    match = ID_REFERENCE.match(query)
    return int(match.group(1)) if match else None
