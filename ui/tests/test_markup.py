"""ui.markup gives what Django's format_html and conditional_escape give, and marks it safe."""

import pytest
from django.forms.utils import flatatt
from django.utils.functional import lazystr
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from ui.markup import attributes, escaped, markup, markup_join

VALUES = [
    "<script>alert('x')</script>",
    'Say "hi" & <b>bye</b>',
    "Zoë O'Brien",
    mark_safe("<em>already HTML</em>"),
    lazystr("<lazy & text>"),
    gettext_lazy("Customers"),
    42,
    None,
    "",
]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_escaped_is_conditional_escape(value):
    assert escaped(value) == conditional_escape(value)


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_markup_is_format_html_and_safe(value):
    template = '<a href="/x/{}" title="{}">{}</a>'
    made = markup(template, value, value, value)
    assert made == format_html(template, value, value, value)
    assert isinstance(made, SafeString)


def test_markup_join_is_format_html_join():
    rows = [(value, value) for value in VALUES]
    made = markup_join(" ", "<li>{}: {}</li>", rows)
    assert made == format_html_join(" ", "<li>{}: {}</li>", rows)
    assert isinstance(made, SafeString)


def test_attributes_is_flatatt_for_text():
    # In the order given; flatatt sorts them, so these are given sorted.
    attrs = {"data-x": VALUES[1], "hx-get": "/a?b=1&c=2", "id": "customer-1", "title": VALUES[0]}
    made = attributes(attrs)
    assert made == flatatt(attrs)
    assert isinstance(made, SafeString)
