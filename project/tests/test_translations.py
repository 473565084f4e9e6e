"""The Chinese catalogue: complete, compiled, in step with the code, and used.

Pure Python but for the check against the code, which needs GNU gettext's xgettext
(Debian's `gettext` package): without it that one check is skipped with the reason, or
fails where CI_REQUIRE_GETTEXT is set, as .ci/run sets it.
"""

import ast
import datetime
import gettext
import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from customers.models import Customer, UserPreference

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES"
PO = CATALOGUE / "django.po"
MO = CATALOGUE / "django.mo"
# What makemessages reads; the same as the command the catalogue's header gives.
IGNORED = [".venv", "e2e", "staticfiles", "media", "node_modules", "test-results", "backups"]


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file, each {"flags", "msgctxt", "msgid", "msgid_plural",
    "msgstr" (or "msgstr[0]"...)}; obsolete (#~) entries are left out."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"flags": set()}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry[key] += ast.literal_eval(line)
            elif line.strip():
                key, _, value = line.partition(" ")
                entry[key] = ast.literal_eval(value)
        if "msgid" in entry:
            entries.append(entry)
    return entries


def messages(entries) -> dict:
    """{catalogue key: translation}, keyed as GNUTranslations keys its catalogue."""
    found = {}
    for entry in entries:
        if not entry["msgid"]:
            continue
        key = entry["msgid"]
        if "msgctxt" in entry:
            key = f"{entry['msgctxt']}\x04{key}"
        if "msgid_plural" in entry:
            found[(key, 0)] = entry["msgstr[0]"]
        else:
            found[key] = entry["msgstr"]
    return found


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = [entry for entry in read_po(PO) if entry["msgid"]]
    assert len(entries) > 100
    untranslated = [
        entry["msgid"]
        for entry in entries
        if not entry.get("msgstr", entry.get("msgstr[0]"))
        or any(not value for name, value in entry.items() if name.startswith("msgstr"))
    ]
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    assert not untranslated, f"Translate these in {PO}: {untranslated}"
    assert not fuzzy, f"Check these fuzzy translations in {PO}, then drop the flag: {fuzzy}"


def test_the_header_says_chinese_and_is_not_fuzzy():
    header = read_po(PO)[0]
    assert header["msgid"] == "" and "fuzzy" not in header["flags"]
    assert "Language: zh_Hans\n" in header["msgstr"]
    assert "Plural-Forms: nplurals=1; plural=0;\n" in header["msgstr"]


def test_the_placeholders_survive_translation():
    placeholder = re.compile(r"%\(\w+\)[sd]|\{[\w.]+\}")
    for key, translation in messages(read_po(PO)).items():
        msgid = (key[0] if isinstance(key, tuple) else key).split("\x04")[-1]
        assert sorted(placeholder.findall(translation)) == sorted(placeholder.findall(msgid)), msgid


def test_the_committed_mo_is_compiled_from_the_po():
    """A fresh machine has no msgfmt: the .mo is committed, and must say what the .po says
    (run `manage.py compilemessages` after changing it)."""
    with MO.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    catalogue = {key: value for key, value in compiled._catalog.items() if key != ""}
    assert catalogue == messages(read_po(PO))


def test_the_catalogue_is_in_step_with_the_code(tmp_path, settings, monkeypatch):
    """makemessages would change nothing: every marked string is in the catalogue and
    nothing is left there that the code no longer says."""
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        why = (
            "This check runs makemessages, which needs GNU gettext (xgettext, msgmerge): "
            "install the Debian package `gettext` (apt-get install gettext)."
        )
        # A machine with only Python and git runs the rest of the suite and says why this
        # one did not run; CI (.ci/run installs gettext) never lets it pass unchecked.
        if os.environ.get("CI_REQUIRE_GETTEXT"):
            pytest.fail(why)
        pytest.skip(why)
    # makemessages writes to a `locale` folder beside the sources it reads, so it reads
    # them through links from a folder of its own: the real catalogue is left as it is.
    sources = tmp_path / "sources"
    sources.mkdir()
    for entry in Path(settings.BASE_DIR).iterdir():
        if entry.name not in {"locale", *IGNORED} and not entry.name.startswith("."):
            (sources / entry.name).symlink_to(entry)
    fresh = tmp_path / "catalogue" / "zh_Hans" / "LC_MESSAGES"
    fresh.mkdir(parents=True)
    shutil.copy(PO, fresh / "django.po")
    settings.LOCALE_PATHS = [tmp_path / "catalogue"]
    monkeypatch.chdir(sources)
    before_run = PO.read_bytes()
    call_command(
        "makemessages", locale=["zh_Hans"], ignore_patterns=IGNORED, symlinks=True, verbosity=0
    )
    assert PO.read_bytes() == before_run, "the check rewrote the real catalogue"

    now = read_po(fresh / "django.po")
    before = read_po(PO)
    assert set(messages(now)) - set(messages(before)) == set(), (
        "New strings to translate: run makemessages (see the catalogue's header)"
    )
    assert set(messages(before)) - set(messages(now)) == set(), (
        "Strings the code no longer has: run makemessages"
    )
    assert "#~ " not in PO.read_text(encoding="utf-8"), "Drop the obsolete (#~) entries"


@pytest.fixture
def chinese_client(make_user):
    """A browser signed in as a user who chose Chinese, beside `user_client`'s."""
    from conftest import CRM_PERMISSIONS

    wang = make_user("wang", perms=CRM_PERMISSIONS)
    UserPreference.objects.create(user=wang, language="zh-hans")
    browser = Client()
    browser.force_login(wang)
    return browser


def test_dates_follow_the_language(chinese_client, user_client, make_customer):
    customer = make_customer(name="Ann Lee")
    moment = timezone.make_aware(datetime.datetime(2025, 3, 14, 9, 5))
    Customer.objects.filter(pk=customer.pk).update(created_at=moment)
    chinese_client.post(reverse("grid_columns"), {"columns": ["created"]})  # hidden by default

    page = chinese_client.get(reverse("customer_list")).content.decode()
    assert "2025年3月14日" in page
    assert "Mar 14, 2025" not in page


def test_english_dates_stay_as_they_were(user_client, make_customer):
    customer = make_customer(name="Ann Lee")
    moment = timezone.make_aware(datetime.datetime(2025, 3, 14, 9, 5))
    Customer.objects.filter(pk=customer.pk).update(created_at=moment)
    user_client.post(reverse("grid_columns"), {"columns": ["created"]})  # hidden by default

    assert "Mar 14, 2025" in user_client.get(reverse("customer_list")).content.decode()


@pytest.mark.parametrize(
    "how_many,english,chinese", [(1, "1 customer<", "1 位客户<"), (2, "2 customers<", "2 位客户<")]
)
def test_counts_have_their_plural(
    user_client, chinese_client, make_customer, how_many, english, chinese
):
    for _ in range(how_many):
        make_customer()
    assert english in user_client.get(reverse("customer_list")).content.decode()
    assert chinese in chinese_client.get(reverse("customer_list")).content.decode()


def untranslated_in_templates() -> list[tuple[str, str]]:
    """English words a template shows outside {% translate %} and {% blocktranslate %}:
    in text between tags, and in the attributes people read (aria-label, placeholder,
    title, alt, data-label). Values ({{ }}) and tags ({% %}) are the code's business."""
    found = []
    for path in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern in (
            r"\{% comment %\}.*?\{% endcomment %\}",
            r"\{#.*?#\}",
            r"\{% blocktranslate.*?\{% endblocktranslate %\}",
            r"\{%.*?%\}",
            r"\{\{.*?\}\}",
            r"<(script|style)\b.*?</\1>",
        ):
            text = re.sub(pattern, "", text, flags=re.S)
        shown = [m.group(1) for m in re.finditer(r">([^<>]+)<", text)]
        shown += [
            m.group(1)
            for m in re.finditer(
                r'\b(?:aria-label|placeholder|title|alt|data-label)="([^"]*)"', text
            )
        ]
        name = str(path.relative_to(settings.BASE_DIR))
        found += [(name, words.strip()) for words in shown if re.search(r"[A-Za-z]{2,}", words)]
    return found


def test_no_template_shows_english_outside_the_catalogue():
    untranslated = untranslated_in_templates()
    assert not untranslated, (
        "Mark these for translation ({% translate %} / {% blocktranslate %}), then run "
        f"makemessages and translate them: {untranslated}"
    )


def test_money_says_whose_yen_and_dollar_in_chinese():
    from decimal import Decimal

    from django.utils import translation

    from customers.core.money import format_money

    assert format_money(Decimal("120000"), "JPY") == "¥120,000"
    assert format_money(Decimal("12000"), "USD") == "$12,000.00"
    with translation.override("zh-hans"):
        assert format_money(Decimal("120000"), "JPY") == "JP¥120,000"
        assert format_money(Decimal("12000"), "USD") == "US$12,000.00"
        assert format_money(Decimal("3500"), "EUR") == "€3,500.00"
