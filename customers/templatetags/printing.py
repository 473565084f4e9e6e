"""What only the printouts show: tags as plain words, since chips' colours are lost on paper."""

from django import template

register = template.Library()


@register.filter
def tag_names(tag_pairs) -> str:
    """The tags' names by name, from the (name, colour) pairs `customer_grid()` reads."""
    names = [name for name, _ in tag_pairs or ()]
    return ", ".join(sorted(names, key=str.casefold))
