"""Chinese names found by their pinyin, as in any Chinese address book: 王伟 by `wangwei`,
`wang wei` and its initials `ww`; a surname read as a surname (单 `shan`, 曾 `zeng`)."""

import pytest

from customers.core.pinyin import pinyin_words
from customers.core.selectors import customer_list, customer_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_customer):
    make_customer(name="王伟", email="a@example.cn", company="李娜贸易有限公司")
    make_customer(name="王五", email="b@example.cn")
    make_customer(name="单田芳", email="c@example.cn")
    make_customer(name="曾国藩", email="d@example.cn")
    make_customer(name="解缙", email="e@example.cn")
    make_customer(name="欧阳娜娜", email="f@example.cn", company="重庆火锅")
    make_customer(name="吕布", email="g@example.cn")
    make_customer(name="Wanda Wei", email="wanda@example.com")


def names(query):
    return sorted(c.name for c in customer_search(queryset=customer_list(), query=query))


@pytest.mark.parametrize("query", ["wangwei", "WangWei", "wang wei", "wei wang", "wangwe"])
def test_a_name_is_found_by_its_pinyin_spaced_or_joined(people, query):
    assert names(query) == ["王伟"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("ww", ["王五", "王伟"]),  # wang wei and wang wu: both their initials
        ("WW", ["王五", "王伟"]),
        ("wang w", ["王五", "王伟"]),  # typing on
        ("wangw", ["王五", "王伟"]),
        ("wang", ["王五", "王伟"]),
        ("wa", ["Wanda Wei", "王五", "王伟"]),  # Wanda too: a word starts with `wa`
        ("we", ["Wanda Wei", "王伟"]),
        ("wangwu", ["王五"]),
        ("wangwen", []),
        ("wu", ["王五"]),
    ],
)
def test_pinyin_finds_exactly_the_names_it_spells(people, query, found):
    assert names(query) == sorted(found)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("shantianfang", ["单田芳"]),
        ("shan", ["单田芳"]),
        ("stf", ["单田芳"]),
        ("dantianfang", []),  # 单 as a surname is shan, not dan
        ("zengguofan", ["曾国藩"]),
        ("zgf", ["曾国藩"]),
        ("xiejin", ["解缙"]),
        ("jiejin", []),
        ("ouyangnana", ["欧阳娜娜"]),
        ("oynn", ["欧阳娜娜"]),
        ("ouyang", ["欧阳娜娜"]),
    ],
)
def test_a_surname_is_read_as_a_surname(people, query, found):
    assert names(query) == found


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("limaoyi", []),  # not one run of syllables in the company
        ("linamaoyi", ["王伟"]),
        ("maoyi", ["王伟"]),
        ("chongqing", ["欧阳娜娜"]),  # a company reads its words as words: 重庆, not zhongqing
        ("lnmy", ["王伟"]),  # the start of the company's initials
    ],
)
def test_a_company_is_found_by_its_pinyin(people, query, found):
    assert names(query) == found


@pytest.mark.parametrize("query", ["lvbu", "lubu", "lü bu", "lb"])
def test_u_with_umlaut_is_found_typed_as_v_or_u(people, query):
    assert names(query) == ["吕布"]


def test_pinyin_and_characters_mix_in_a_query(people):
    assert names("wang 伟") == ["王伟"]
    assert names("ww 贸易") == ["王伟"]
    assert names("ww 火锅") == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("单于", "chanyu"),  # a compound surname, not shan + yu
        ("尉迟恭", "yuchigong"),
        ("万俟", "moqi"),
        ("覃", "qin"),
        ("朴", "piao"),
        ("区", "ou"),
        ("仇", "qiu"),
        ("查", "zha"),
    ],
)
def test_polyphonic_surnames(name, expected):
    assert expected in pinyin_words(name, personal_name=True)


def test_a_surname_reading_is_only_for_the_start_of_a_personal_name():
    assert "shan" not in pinyin_words("简单", personal_name=True)
    assert "dan" not in pinyin_words("单", personal_name=True)
    assert "dan" in pinyin_words("单", personal_name=False)  # a company's 单 is dan
    assert set(pinyin_words("覃", personal_name=True)) >= {"qin", "tan"}  # families differ


def test_a_process_that_meets_no_chinese_does_not_load_pypinyin():
    """Its dictionaries take about 50 MB in every worker that loads them."""
    import subprocess
    import sys

    script = (
        "import django, sys; django.setup()\n"
        "from customers.core.search import search_document\n"
        "import customers.management.commands.demo\n"
        "search_document(name='José', email='j@x.com', phone='+12025550143', company='Acme')\n"
        "assert 'pypinyin' not in sys.modules\n"
        "search_document(name='王伟', email='', phone='', company='')\n"
        "assert 'pypinyin' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
