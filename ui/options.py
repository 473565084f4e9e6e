"""`<option>` tags for selects drawn many times a page (a card per deal, say), where
a template loop or a Select widget per select would cost more than the rest of it."""

from functools import lru_cache

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

SELECTED = mark_safe(" selected")


def choices_of(objects) -> tuple[tuple[str, str], ...]:
    """(pk, name) of each object, as `option_tags` takes them."""
    return tuple((str(obj.pk), str(obj)) for obj in objects)


def option_tags(choices: tuple[tuple[str, str], ...], selected_pk) -> str:
    """An `<option>` for each (value, label), the one whose value is `selected_pk`
    selected."""
    return _options(choices, "" if selected_pk is None else str(selected_pk))


@lru_cache(maxsize=1024)
def _options(choices: tuple[tuple[str, str], ...], selected: str) -> str:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((key, SELECTED if key == selected else "", label) for key, label in choices),
    )
