"""Chinese people for the bulk demo: name pools as Chinese names are really spread.

Faker's zh_CN draws surnames by how common they are (王, 李 and 张 are a fifth of all
names), so the surname pool keeps every draw rather than one of each: a one-character
search for 王 then matches about as many customers as it would in a Chinese CRM.
Compound surnames (欧阳, 司马, 诸葛…) are rare in Faker; a small share of the pool is
made of them so their reading as one surname (customers/core/pinyin.py) is in the data.
Each name comes with the pinyin its email address is written in, worked out once per
pool entry: pypinyin costs tens of microseconds a call.
"""

from collections.abc import Iterable

from customers.core.pinyin import readings, syllables

LOCALE = "zh_CN"
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "慕容", "令狐", "皇甫", "夏侯")
COMPOUND_SHARE = 0.01  # of the surname pool


def surnames(draws: Iterable[str]) -> list[tuple[str, str]]:
    """(surname, its pinyin) for each of Faker's `draws` (repeats kept: they weigh a
    surname by how common it is), a small share of them replaced by compound ones."""
    pool = list(draws)
    compound = max(1, int(len(pool) * COMPOUND_SHARE))
    pool[:compound] = [COMPOUND_SURNAMES[i % len(COMPOUND_SURNAMES)] for i in range(compound)]
    readings_of = {name: "".join(readings(name, surname=True)[0]) for name in set(pool)}
    return [(name, readings_of[name]) for name in sorted(pool)]


def given_names(draws: Iterable[str]) -> list[tuple[str, str]]:
    """(given name, its pinyin), one of each."""
    return [(name, "".join(syllables(name))) for name in sorted(set(draws))]


def full_name(first: str, last: str) -> str:
    """Surname first, no space: 欧阳 + 娜娜 -> 欧阳娜娜."""
    return f"{last}{first}"


def email_local(first_slug: str, last_slug: str) -> str:
    """As the small demo spells a Chinese name in an email (vocabulary.pinyin_email_local):
    surname first, `wang.wei`."""
    return f"{last_slug}.{first_slug}"
