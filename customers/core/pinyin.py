"""Pinyin forms of Chinese text, for search: 王伟 is found by `wangwei`, `wang wei`, `ww`.

Each run of Han characters in a field adds, to the field's search text, its syllables
joined (`wangwei`), each syllable (`wang`, `wei`) and, for two characters or more, their
initials (`ww`). With the search rules (customers/core/search.py) that finds 王伟 by
`wangwei`, `wang wei`, `wan`, `wang w`, `wei` and `ww`. Pinyin is written without tones
and with `v` for ü (`lv` for 吕, as Chinese keyboards type it), and also with `u`
(`lu`), which is what `lü` folds to.

Limits, each a trade of a few extra or missing matches for a text that stays small:
- A character with several readings gets the one pypinyin picks from its dictionary of
  words (重庆 is `chongqing`), not every reading: a name's given name is read as the
  dictionary reads it, and a rare reading (a 乐 read `yue` in a given name) is not found
  by its pinyin, only by its character.
- A surname is read as a surname where that differs (单 `shan`, 曾 `zeng`, 解 `xie`),
  but only for the customer's name, and only when the name begins with it: pypinyin
  (0.55) has no surname mode, so SURNAMES below lists the common polyphonic surnames.
  Where families differ (覃 `qin` or `tan`) both readings are stored. Compound surnames
  (欧阳, 单于, 尉迟, 万俟) are read from pypinyin's dictionary of words, which has them.
- Initials are the first letter of each syllable (`zh` counts as `z`); mixes such as
  `wangw` or `wwei` are not stored.
- Japanese kana and Korean have no pinyin; Japanese kanji get their Chinese reading.
"""

import re

HAN_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")

# A surname's reading where it differs from the character's everyday one; the first is
# the commonest. Only characters whose reading pypinyin gets wrong for a surname.
SURNAMES = {
    "单": ("shan",),
    "曾": ("zeng",),
    "解": ("xie",),
    "仇": ("qiu",),
    "区": ("ou",),
    "查": ("zha",),
    "朴": ("piao",),
    "乐": ("yue", "le"),
    "盖": ("ge", "gai"),
    "覃": ("qin", "tan"),
    "翟": ("zhai",),
    "缪": ("miao",),
    "秘": ("bi",),
    "繁": ("po",),
    "折": ("she",),
    "种": ("chong",),
    "重": ("chong",),
    "能": ("nai",),
    "佴": ("nai",),
    "粘": ("nian",),
    "藏": ("zang",),
    "扎": ("za",),
    "都": ("du",),
    "六": ("lu",),
    "薄": ("bo",),
    "乜": ("nie",),
    "阚": ("kan",),
    "卜": ("bu",),
    "员": ("yun",),
    "贠": ("yun",),
    "句": ("gou",),
    "召": ("shao",),
    "隗": ("wei",),
    "祭": ("zhai",),
    "蕃": ("pi",),
    "牟": ("mou", "mu"),
}
# Two-character surnames whose first character alone would be read as another surname
# (单于 is `chanyu`, not `shanyu`) or is polyphonic; pypinyin's dictionary reads them right.
COMPOUND_SURNAMES = frozenset(
    {"欧阳", "单于", "尉迟", "万俟", "长孙", "澹台", "令狐", "司马", "诸葛", "上官", "夏侯"}
    | {"皇甫", "公孙", "东方", "慕容", "宇文", "司徒", "司空", "轩辕", "呼延", "端木"}
)


def pinyin_words(text: str, *, personal_name: bool = False) -> list[str]:
    """The pinyin words `text`'s Han runs are also found by. With `personal_name`, a
    Han character that begins `text` is read as a surname (see the module's docstring)."""
    words = []
    for match in HAN_RUN.finditer(text):
        surname = personal_name and match.start() == 0
        for syllables in readings(match.group(), surname=surname):
            with_u = tuple(syllable.replace("v", "u") for syllable in syllables)
            for spelling in dict.fromkeys([tuple(syllables), with_u]):
                words.append("".join(spelling))
                words.extend(spelling)
                if len(spelling) > 1:
                    words.append("".join(syllable[0] for syllable in spelling))
    return list(dict.fromkeys(words))


def readings(run: str, *, surname: bool) -> list[list[str]]:
    """The syllables of a Han run: one reading, or one per reading of its surname."""
    if not surname:
        return [syllables(run)]
    if run[:2] in COMPOUND_SURNAMES:
        return [syllables(run[:2]) + syllables(run[2:])]
    rest = syllables(run[1:])
    return [[reading, *rest] for reading in SURNAMES.get(run[0], syllables(run[0]))]


def syllables(han: str) -> list[str]:
    # Imported at the first Chinese text: pypinyin's dictionaries take 50 MB and a second
    # or two to load, which a process that never meets Chinese should not pay.
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(han, style=Style.NORMAL, errors="ignore") if han else []
