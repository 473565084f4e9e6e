from django import template

from ui.urls import reverse_pk

register = template.Library()


@register.simple_tag
def pk_url(name, pk):
    """`{% url name pk %}` for a URL whose one argument is a primary key, faster:
    for links drawn many times a page (ui/urls.py)."""
    return reverse_pk(name, pk)
