"""How a tag and a person look wherever the CRM shows them: one chip, one name."""

from django import template
from django.utils.html import format_html

from customers.core.owners import display_name as _display_name

register = template.Library()

CHIP = '<span class="tag-chip tag-chip--{}">{}</span>'


@register.simple_tag
def tag_chip(tag) -> str:
    """`{% tag_chip tag %}`: a tag's chip, in its colour."""
    return format_html(CHIP, tag.colour, tag.name)


@register.filter
def display_name(user) -> str:
    """`{{ customer.owner|display_name }}`: the full name, else the username."""
    return _display_name(user)
