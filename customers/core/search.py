"""Text normalisation shared by what is stored for search and what is searched for.

Both sides are case-folded and stripped of accents, so `jose` finds `José`, and a
phone number is searchable by its digits however it was typed.

A word of three characters or more is found anywhere in a field. A trigram index
(customers/core/search_index.py) cannot look up anything shorter, so every word in the
stored text starts with two WORD_START marks, and a one- or two-letter word is padded
with them to three characters: it is then found where a word starts (`al` finds
`José Álvarez`), through the same index.

Chinese and Japanese are written without spaces, so a name (王伟) or a company (李娜贸易)
is one "word" there, and the word-start rule would hide `伟` and `贸易`. Each run of CJK
characters is therefore also stored as the words starting at each of its characters, cut
to two characters (`王伟` adds `伟`; `李娜贸易` adds `娜贸 贸易 易`): a one- or two-character
term is then found at a word start like any short word, through the same index, and a
longer one inside the run itself. Why bigrams and not only single characters: `贸易`
must match where those two characters are adjacent, which single characters cannot say
(an index would find 贸 and 易 anywhere). Why not every suffix of the run: a 50-character
company name would store about 1,400 characters more, bigrams about 250. Han characters are also
stored as pinyin (customers/core/pinyin.py), so `wangwei`, `wang wei` and `ww` find 王伟.
"""

import re
import unicodedata

from customers.core.pinyin import pinyin_words

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


# Han (with its extensions and compatibility forms) and the Japanese kana: scripts
# written without spaces between words. Hangul is left out: Korean puts spaces between
# words, and fold()'s NFKD takes its syllables apart into letters.
CJK_RUN = re.compile(
    "[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+"
)


def indexed_text(*fields: str) -> str:
    """The stored text that `fields` are found by: folded, one field a line so that no
    match spans two, and every word marked where it starts."""
    return "\n".join(indexed_line(field) for field in fields)


def indexed_line(field: str, *, personal_name: bool = False) -> str:
    """One field's stored line: its folded words, then the extra words its CJK runs are
    found by (see the module's docstring), each once, every one marked where it starts."""
    folded = fold(field)
    words = folded.split()
    if CJK_RUN.search(folded):
        extra = [found for word in words if CJK_RUN.search(word) for found in cjk_words(word)]
        extra += pinyin_words(folded, personal_name=personal_name)
        words += [word for word in dict.fromkeys(extra) if word not in words]
    mark = WORD_START * (TRIGRAM - 1)
    return " ".join(mark + word for word in words)


def cjk_words(word: str) -> list[str]:
    """The words a folded word holding CJK is also found by: from each CJK character,
    up to two characters of its run; and the pieces between runs (`acme` in
    `acme李娜`), so that they are found by their start as well."""
    found = []
    for run in CJK_RUN.finditer(word):
        # At the word's start, the word itself holds the run's first two characters.
        chars = run.group()
        found.extend(chars[start : start + 2] for start in range(run.start() == 0, len(chars)))
    found.extend(piece for piece in CJK_RUN.split(word) if piece and piece != word)
    return found


OWN_LINES = 4  # a search document's lines of the customer's own fields, before its contacts'


def search_document(*, name: str, email: str, phone: str, company: str, contacts: str = "") -> str:
    """The text a customer is found by: name, email, phone digits and company, then its
    contacts' names (`contacts`: one a line), each a line of its own."""
    lines = [
        indexed_line(name, personal_name=True),
        indexed_line(email),
        indexed_line(re.sub(r"\D", "", phone or "")),
        indexed_line(company or ""),
    ]
    lines += [indexed_line(contact, personal_name=True) for contact in contacts.splitlines()]
    return "\n".join(lines)


def document_parts(document: str) -> tuple[str, list[str]]:
    """A search document's lines of the customer's own fields (as one text), and its
    contacts' lines, one a contact in the order they were given."""
    lines = document.split("\n")
    return "\n".join(lines[:OWN_LINES]), lines[OWN_LINES:]


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
