"""Whether two customers look like the same one: the likeness key of a name and company.

"ACME, Inc." and "Acme Inc" are one company, "José Núñez" and "jose nunez" one person:
the key is the name and the company each case-folded and stripped of accents (fold(),
NFKD), with everything but letters and digits removed, so punctuation and spaces no
longer tell them apart. Letters of any script stay (王伟 is still 王伟); the two are kept
apart by a separator, so "Ann Lee" at "" is not "Ann" at "Lee".

The key is stored on the customer (kept in step by its derive()) and indexed: the
customers like one are then one index look-up, not a scan of a million names.
"""

from customers.core.search import fold

SEPARATOR = "|"  # not a letter or digit: no folded part can contain it
MAX_LENGTH = 255


def _letters_and_digits(text: str) -> str:
    # str.isalnum() is true for the letters and digits of every script (CJK included),
    # and false for punctuation, spaces, symbols and the combining marks fold() drops.
    return "".join(char for char in fold(text) if char.isalnum())


def likeness_key(*, name: str, company: str) -> str | None:
    """The folded name and company, or None when the name folds to nothing (a name of
    only punctuation is like no other)."""
    folded_name = _letters_and_digits(name)
    if not folded_name:
        return None
    return f"{folded_name}{SEPARATOR}{_letters_and_digits(company)}"[:MAX_LENGTH]
