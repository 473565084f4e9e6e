from django import template

from ui import toasts

register = template.Library()


@register.simple_tag
def toast_action(message):
    """`{% toast_action message as action %}`: the button a toast offers, or None."""
    return toasts.toast_action(message)
