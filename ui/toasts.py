"""Toasts that offer an action, such as "Undo": a button that posts a small form.

Between requests a message keeps only its level, text and `extra_tags` (it is stored
as JSON, in a cookie or the session), so the action rides in `extra_tags`: JSON
behind a marker. `templates/ui/toasts.html` reads it back with `{% toast_action %}`,
for the page and for the out-of-band htmx path alike.

The form is a real POST with its CSRF token, so the action works without JavaScript;
with htmx it posts in place (`hx-swap="none"`) and the answer brings its own toast.
"""

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.http import HttpRequest

ACTION_MARK = "ui-toast-action:"


@dataclass(frozen=True)
class ToastAction:
    label: str  # the button's text, e.g. "Undo"
    url: str  # where the form posts
    fields: list[tuple[str, str]]  # hidden inputs, in order; a name may repeat
    seconds: int | None = None  # how long the toast stays, if not the usual time


def add_message_with_action(
    request: HttpRequest,
    level: int,
    text: str,
    *,
    label: str,
    url: str,
    fields: Mapping[str, str | int | Iterable[str | int]],
    seconds: int | None = None,
) -> None:
    """Add a message whose toast carries a button posting `fields` to `url`.

    A field whose value is a list (of ids, say) becomes one hidden input per item.
    """
    pairs = []
    for name, value in fields.items():
        values = [value] if isinstance(value, str | int) else value
        pairs += [[name, str(item)] for item in values]
    action = {"label": label, "url": url, "fields": pairs, "seconds": seconds}
    messages.add_message(request, level, text, extra_tags=ACTION_MARK + json.dumps(action))


def toast_action(message: Message) -> ToastAction | None:
    """The action a message's toast offers, if any."""
    tags = getattr(message, "extra_tags", "") or ""
    if not tags.startswith(ACTION_MARK):
        return None
    try:
        data = json.loads(tags.removeprefix(ACTION_MARK))
        return ToastAction(
            label=str(data["label"]),
            url=str(data["url"]),
            fields=[(str(name), str(value)) for name, value in data["fields"]],
            seconds=int(data["seconds"]) if data.get("seconds") else None,
        )
    except (ValueError, KeyError, TypeError):
        return None  # not ours after all: a plain toast
