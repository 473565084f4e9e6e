"""The date formats of settings.py are the ones shown, though English has its own."""

import datetime

import pytest
from django.template import engines
from django.utils import formats, translation

MOMENT = datetime.datetime(2025, 3, 14, 9, 5)


@pytest.mark.parametrize("language", ["en-us", "en"])
def test_settings_formats_win_over_the_english_locale(language):
    with translation.override(language):
        assert formats.date_format(MOMENT) == "Mar 14, 2025"
        assert formats.date_format(MOMENT, "SHORT_DATE_FORMAT") == "Mar 14, 2025"
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == "Mar 14, 2025, 09:05"


def test_templates_name_the_formats_instead_of_writing_them():
    template = engines["django"].from_string('{{ when|date }} · {{ when|date:"DATETIME_FORMAT" }}')
    assert template.render({"when": MOMENT}) == "Mar 14, 2025 · Mar 14, 2025, 09:05"


def test_typed_dates_are_still_read_as_english_writes_them():
    assert formats.get_format("DATE_INPUT_FORMATS")[:2] == ["%Y-%m-%d", "%m/%d/%Y"]
