"""`{% has_perm "app.change_thing" thing as can_change %}`: the object-level question
in a template, so a page offers only what the user may do.

`perms.app.change_thing` answers for the model only; this asks the authorization
backends about the object too. The views check again: hiding a button is a courtesy.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def has_perm(context, perm: str, obj=None) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return bool(user and user.has_perm(perm, obj))
