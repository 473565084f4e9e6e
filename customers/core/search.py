"""Text normalisation shared by what is stored for search and what is searched for.

Both sides are case-folded and stripped of accents, so `jose` finds `José`, and a
phone number is searchable by its digits however it was typed.

A word of three characters or more is found anywhere in a field. A trigram index
(customers/core/search_index.py) cannot look up anything shorter, so every word in the
stored text starts with two WORD_START marks, and a one- or two-letter word is padded
with them to three characters: it is then found where a word starts (`al` finds
`José Álvarez`), through the same index.
"""

import re
import unicodedata

WORD_START = "\x1f"  # a control character: nobody types it, and fold() keeps it out
TRIGRAM = 3
PHONE_LIKE = re.compile(r"^[\d+().\-/]+$")
# `ID 123`, `id123`, `Id: 123`, `#123`: the whole query names one record by its number.
ID_REFERENCE = re.compile(r"^\s*(?:id\s*:?|#)\s*(\d{1,18})\s*$", re.IGNORECASE)


def fold(text: str) -> str:
    """Case-fold and strip accents: `José ÁLVAREZ` -> `jose alvarez`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(
        char for char in decomposed if not unicodedata.combining(char) and char != WORD_START
    )


def indexed_text(*fields: str) -> str:
    """The stored text that `fields` are found by: folded, one field a line so that no
    match spans two, and every word marked where it starts."""
    mark = WORD_START * (TRIGRAM - 1)
    return "\n".join(" ".join(mark + word for word in fold(field).split()) for field in fields)


def search_document(*, name: str, email: str, phone: str, company: str) -> str:
    """The text a customer is found by: name, email, phone digits and company."""
    return indexed_text(name, email, re.sub(r"\D", "", phone or ""), company or "")


def pattern(form: str) -> str:
    """What to look for in the stored text: a short form only where a word starts."""
    return form.rjust(TRIGRAM, WORD_START)


def search_terms(query: str) -> list[set[str]]:
    """Split a query into words, each with the patterns it may be stored as.

    Every word must match somewhere. A word that could be part of a phone number
    (`(020)`, `555-0143`) also matches by its digits, the form phone numbers are
    stored in for search; it may as well be part of a name (`3.14 Pies`). Such words
    in a row are one number as the grid shows it (`+44 20 7946 0958`).
    """
    terms = []
    for word in query_words(query):
        forms = {word}
        if PHONE_LIKE.match(word) and (digits := re.sub(r"\D", "", word)):
            forms.add(digits)
        terms.append({pattern(form) for form in forms})
    return terms


def query_words(query: str) -> list[str]:
    """The folded words of `query`, with phone-like words in a row joined into one."""
    words = []
    for word in fold(query).split():
        if words and PHONE_LIKE.match(word) and PHONE_LIKE.match(words[-1]):
            words[-1] += word
        else:
            words.append(word)
    return words


def id_reference(query: str) -> int | None:
    """The record number a query like `ID 123` or `#123` asks for, if it is one.

    A bare number is not one: `123` stays a search for phone digits. At most 18 digits,
    so the number fits the 64-bit primary key on every database.
    """
    match = ID_REFERENCE.match(query)
    return int(match.group(1)) if match else None
