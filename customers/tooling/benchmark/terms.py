"""The search terms, picked from the data itself so they mean the same at any size."""

import unicodedata
from collections import Counter
from dataclasses import dataclass

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
