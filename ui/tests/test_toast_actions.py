"""Toasts that carry an action (an "Undo" button): stored as JSON, rendered as a real form."""

import json

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import MessageDecoder, MessageEncoder
from django.template.loader import render_to_string
from django.test import RequestFactory

from ui.toasts import ACTION_MARK, ToastAction, add_message_with_action, toast_action


class Collect:
    """Stands in for the messages storage, to catch what is added."""

    def __init__(self):
        self.added = []

    def add(self, level, message, extra_tags=""):
        self.added.append(Message(level, message, extra_tags))


def message_with_action() -> Message:
    request = RequestFactory().get("/")
    request._messages = Collect()
    add_message_with_action(
        request,
        constants.SUCCESS,
        "“Acme” moved to the trash.",
        label="Undo",
        url="/restore/",
        fields={"ids": [3, 7], "next": "/list/?q=a&b=<c>"},
        seconds=10,
    )
    (message,) = request._messages.added
    return message


def test_the_action_survives_json_storage():
    stored = json.dumps([message_with_action()], cls=MessageEncoder)
    (message,) = json.loads(stored, cls=MessageDecoder)

    assert str(message) == "“Acme” moved to the trash."
    assert toast_action(message) == ToastAction(
        label="Undo",
        url="/restore/",
        fields=[("ids", "3"), ("ids", "7"), ("next", "/list/?q=a&b=<c>")],
        seconds=10,
    )


def test_a_plain_message_or_a_stranger_tag_has_no_action():
    assert toast_action(Message(constants.INFO, "Saved.")) is None
    assert toast_action(Message(constants.INFO, "Saved.", extra_tags="important")) is None
    assert toast_action(Message(constants.INFO, "Saved.", extra_tags=ACTION_MARK + "{")) is None


def render(partial: str, messages) -> str:
    request = RequestFactory().get("/")
    return render_to_string(f"ui/toasts.html#{partial}", {"messages": messages}, request=request)


def test_the_toast_carries_a_real_form_that_htmx_posts_in_place():
    html = render("oob", [message_with_action()])

    assert html.startswith('<template><div id="toasts" hx-swap-oob="beforeend">')
    assert 'data-toast-seconds="10"' in html
    assert 'method="post" action="/restore/" hx-post="/restore/" hx-swap="none"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert (
        '<input type="hidden" name="ids" value="3"><input type="hidden" name="ids" value="7">'
        in html
    )
    assert 'name="next" value="/list/?q=a&amp;b=&lt;c&gt;"' in html  # escaped
    assert '<button type="submit">Undo</button>' in html


def test_a_plain_toast_has_no_form_and_the_usual_time():
    html = render("oob", [Message(constants.SUCCESS, "Saved.")])

    assert "<form" not in html
    assert "data-toast-seconds" not in html
