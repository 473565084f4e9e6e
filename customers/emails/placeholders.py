"""{{ placeholders }} in an email's subject and body, filled from the customer, the
contact written to and the sender.

Deliberately not Django's template language: a user's template must not reach a model's
attributes or run tags. Only the names below are filled; any other {{ name }} is an
error the user is shown, never sent as it stands.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
NAMES = ("first_name", "last_name", "name", "company", "my_name", "my_email")


def unknown_placeholders(text: str) -> list[str]:
    return [name for name in PLACEHOLDER.findall(text) if name not in NAMES]


def check_placeholders(text: str) -> None:
    if unknown := unknown_placeholders(text):
        known = ", ".join(f"{{{{ {name} }}}}" for name in NAMES)
        raise ValidationError(
            _("Unknown placeholder %(unknown)s; use %(known)s."),
            code="placeholder",
            params={"unknown": ", ".join(f"{{{{ {u} }}}}" for u in unknown), "known": known},
        )


def values_for(*, customer, contact=None, sender=None) -> dict[str, str]:
    """What each placeholder stands for: the contact written to, else the customer."""
    name = contact.name if contact else customer.name
    first, _, last = name.partition(" ")
    return {
        "first_name": first,
        "last_name": last,
        "name": name,
        "company": customer.company,
        "my_name": (sender.get_full_name() or sender.get_username()) if sender else "",
        "my_email": sender.email if sender else "",
    }


def fill(text: str, values: dict[str, str]) -> str:
    """`text` with each known placeholder replaced; call check_placeholders first."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)
