"""ui.tables builds row HTML in Python: its attributes escape as Django's flatatt does."""

from django.forms.utils import flatatt
from django.utils.safestring import SafeString, mark_safe

from ui.tables import _attributes, row_action


def test_attributes_escape_as_flatatt_does_keeping_their_order():
    # flatatt sorts the attributes, so these are given sorted.
    attrs = {
        "data-x": 'Say "hi" & <b>bye</b>',
        "hx-get": "/a?b=1&c=2",
        "id": "customer-1",
        "title": "<script>alert('x')</script>",
    }
    made = _attributes(attrs)
    assert made == flatatt(attrs)
    assert isinstance(made, SafeString)
    assert _attributes({"id": "b", "class": "a"}) == ' id="b" class="a"'


def test_row_action_escapes_its_name_and_keeps_html():
    link = row_action("Edit", "/x/?a=1&b=2", name="<b>Zoë</b>", attrs={"title": mark_safe("&amp;")})
    assert link == (
        '<a href="/x/?a=1&amp;b=2" title="&amp;">Edit'
        '<span class="visually-hidden"> &lt;b&gt;Zoë&lt;/b&gt;</span></a>'
    )
