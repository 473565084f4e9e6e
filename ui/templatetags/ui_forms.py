from functools import lru_cache

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()

SELECTED = mark_safe(" selected")


@register.simple_tag
def options(objects, selected_pk):
    """An `<option>` for each object (its pk, its name as str() says), the one whose pk
    is `selected_pk` selected: for a select drawn many times a page, where a template
    loop over the options would cost more than the rest of it."""
    return option_tags(choices_of(objects), selected_pk)


def choices_of(objects) -> tuple[tuple[str, str], ...]:
    """(pk, name) of each object, as `option_tags` takes them."""
    return tuple((str(obj.pk), str(obj)) for obj in objects)


def option_tags(choices: tuple[tuple[str, str], ...], selected_pk) -> str:
    return _options(choices, "" if selected_pk is None else str(selected_pk))


@lru_cache(maxsize=1024)
def _options(choices: tuple[tuple[str, str], ...], selected: str) -> str:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((key, SELECTED if key == selected else "", label) for key, label in choices),
    )


@register.simple_tag
def select(field):
    """A bound field's `<select>` as its Select widget draws it, without the widget's
    template per option: the grid draws its bulk bar on every keystroke of a search."""
    value = field.value()
    choices = tuple((str(key), str(label)) for key, label in field.field.choices)
    required = field.field.required and field.form.use_required_attribute
    return _select(field.html_name, field.auto_id, required, choices, str(value or ""))


@lru_cache(maxsize=256)
def _select(name, id_, required, choices, selected) -> str:
    return format_html(
        '<select name="{}" id="{}"{}>{}</select>',
        name,
        id_,
        mark_safe(" required") if required else "",
        _options(choices, selected),
    )
