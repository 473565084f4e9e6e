"""The search terms, picked from the data itself so they mean the same at any size."""

import unicodedata
from collections import Counter
from dataclasses import dataclass

from customers.core.pinyin import readings
from customers.core.search import CJK_RUN

NO_MATCH = "zzqxj"
# Names the demo data stores with an accent; a user types them without.
FAMILIAR_ACCENTED = ("jose", "muller", "francois")


@dataclass(frozen=True)
class Terms:
    rare: str  # one customer's email
    common: str  # the three letters found in most names
    common_share: float  # the share of sampled names holding them
    no_match: str
    two_letters: str  # the commonest start of a word in names
    accented: str | None  # typed without its accent (None: no accented names at all)
    accented_stored: str | None  # as a name holds it

    def searched(self) -> list[str]:
        """Every term the live search is timed with."""
        terms = [self.rare, self.common, self.no_match, self.two_letters, self.accented]
        return [term for term in terms if term]


def fold(text: str) -> str:
    """Lower-case and without accents: what a user types for `José`."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def chinese(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def plain(text: str) -> bool:
    """Letters a to z only."""
    return text.isascii() and text.isalpha()


def pick_terms(names: list[str], rare_email: str) -> Terms:
    """Terms for the searches, from a sample of customers' `names`."""
    words = [word for name in names for word in name.split()]
    trigrams = Counter(
        trigram
        for name in names
        for trigram in {
            word[i : i + 3] for word in fold(name).split() for i in range(len(word) - 2)
        }
        if plain(trigram)
    )
    starts = Counter(fold(word)[:2] for word in words if len(word) > 2 and plain(fold(word)[:2]))
    if not trigrams:  # no Latin names (a Chinese demo): its commonest character and start
        trigrams = Counter(char for name in names for char in set(name) if chinese(char))
        starts = Counter(name[:2] for name in names if len(name) > 2 and chinese(name[0]))
    common, holders = trigrams.most_common(1)[0]
    accented_words = Counter(
        word for word in words if fold(word) != word.casefold() and plain(fold(word))
    )
    typed, stored = None, None
    if accented_words:
        by_typed = {fold(word): word for word, _ in reversed(accented_words.most_common())}
        typed = next((t for t in FAMILIAR_ACCENTED if t in by_typed), None)
        typed = typed or fold(accented_words.most_common(1)[0][0])
        stored = by_typed[typed]
    return Terms(
        rare=rare_email,
        common=common,
        common_share=holders / len(names),
        no_match=NO_MATCH,
        two_letters=starts.most_common(1)[0][0],
        accented=typed,
        accented_stored=stored,
    )


# Timed when the data holds no Chinese name to take the Chinese terms from (an English
# demo made before the bulk demo had Chinese customers): the index then finds none or a
# few, which is timed too.
CHINESE_NAME = "王建国"
CHINESE_COMPANY = "华为技术有限公司"
CHINESE_CONTACT = "李秀英"
CHINESE_KINDS = (
    "CJK, 1 character",
    "CJK, 2 characters inside a name",
    "CJK, full name",
    "CJK, inside a company name",
    "CJK + Latin",
    "pinyin",
    "pinyin, spaced",
    "pinyin initials",
    "CJK, a contact's name",
)


def chinese_terms(
    customers: list[tuple[str, str, str]], contacts: list[str] = ()
) -> dict[str, str]:
    """Chinese and pinyin terms by kind (CHINESE_KINDS), from sampled customers'
    (name, company, email) and their `contacts`' names: the commonest character of their
    Chinese names (a common surname), the commonest two characters past a name's first
    (its given name, found inside the name's run), the commonest full name and its
    pinyin (joined, spaced, initials), two characters from inside a Chinese company's
    name, a surname with a Latin word of the same customer (`王 gmail`, as one types
    `张 ACME`), and the commonest Chinese contact's name no sampled customer bears."""
    chinese = [row for row in customers if CJK_RUN.fullmatch(row[0]) and len(row[0]) > 1]
    names = [name for name, _, _ in chinese] or [CHINESE_NAME]
    longer = [name for name in names if len(name) > 2] or [CHINESE_NAME]
    full = Counter(longer).most_common(1)[0][0]
    companies = [company for _, company, _ in chinese if CJK_RUN.match(company)]
    company = companies[0] if companies else CHINESE_COMPANY
    name, _, email = chinese[0] if chinese else (CHINESE_NAME, "", "wang@gmail.com")
    syllables = readings(full, surname=True)[0]
    bearers = set(names)
    contact_names = [
        contact
        for contact in contacts
        if CJK_RUN.fullmatch(contact) and len(contact) > 1 and contact not in bearers
    ] or [CHINESE_CONTACT]
    return dict(
        zip(
            CHINESE_KINDS,
            [
                Counter(char for name in names for char in name).most_common(1)[0][0],
                Counter(name[1:3] for name in longer).most_common(1)[0][0],
                full,
                company[1:3],
                f"{name[0]} {email.partition('@')[2].split('.')[0]}",
                "".join(syllables),
                " ".join(syllables),
                "".join(syllable[0] for syllable in syllables),
                Counter(contact_names).most_common(1)[0][0],
            ],
            strict=True,
        )
    )
