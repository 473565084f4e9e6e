"""An HTTP client that behaves like the browser towards the app: it keeps cookies,
signs in through the real login form, sends htmx's headers for fragments and posts
forms back with the fields the page gave it. Standard library only."""

import http.client
import re
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class BenchError(Exception):
    """The app did not answer as a user would expect; the benchmark stops here."""


@dataclass(frozen=True)
class Response:
    method: str
    path: str
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    ms: float  # from sending the request to the last byte of the response

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def expect(self, status: int = 200) -> "Response":
        if self.status != status:
            raise BenchError(
                f"{self.method} {self.path} answered {self.status}, expected {status}"
                + (f" (Location: {self.headers['Location']})" if self.headers["Location"] else "")
            )
        return self


class Client:
    """One user's connection to the app at `base_url` (http://host:port)."""

    def __init__(self, base_url: str, *, timeout: float = 300):
        parts = urlsplit(base_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
        self.cookies: dict[str, str] = {}
        self.sent = 0  # every request, warm-ups and sign-in included

    def close(self):
        self.connection.close()

    def htmx(self, current_path: str, *, target: str = "", trigger: str = "", boosted=False):
        """The headers htmx sends for a request from a page at `current_path`."""
        headers = {"HX-Request": "true", "HX-Current-URL": self.origin + current_path}
        if target:
            headers["HX-Target"] = target
        if trigger:
            headers["HX-Trigger"] = trigger
        if boosted:
            headers["HX-Boosted"] = "true"
        return headers

    def get(self, path: str, headers: dict | None = None) -> Response:
        return self.request("GET", path, headers=headers)

    def post(self, path: str, fields: list[tuple[str, str]], headers: dict | None = None):
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": self.origin,  # as the browser sends it; Django's CSRF check reads it
            "X-CSRFToken": self.cookies.get("csrftoken", ""),
            **(headers or {}),
        }
        return self.request("POST", path, headers=headers, body=urlencode(fields).encode())

    def request(self, method: str, path: str, *, headers=None, body=None) -> Response:
        headers = {"Accept": "text/html", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            # Gunicorn's sync workers close the connection after every response; opening
            # the next one is not the server's time, so it happens before the clock starts.
            if self.connection.sock is None:
                self.connection.connect()
            try:
                start = time.perf_counter()
                self.connection.request(method, path, body=body, headers=headers)
                raw = self.connection.getresponse()
                content = raw.read()
                elapsed = (time.perf_counter() - start) * 1000
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A kept-alive connection the server had already closed: once more, anew.
                self.connection.close()
                if attempt == 2:
                    raise
        self.sent += 1
        self.keep_cookies(raw.headers)
        return Response(method, path, raw.status, raw.headers, content, elapsed)

    def keep_cookies(self, headers: http.client.HTTPMessage):
        for header in headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)

    def log_in(self, username: str, password: str, *, session_cookie: str = "sessionid"):
        """Sign in through the login form, as a person would."""
        page = self.get("/accounts/login/").expect(200)
        token = CSRF_INPUT.search(page.text)
        if token is None:
            raise BenchError("The login page has no CSRF token.")
        answer = self.post(
            "/accounts/login/",
            [
                ("csrfmiddlewaretoken", token[1]),
                ("username", username),
                ("password", password),
                ("next", ""),
            ],
        )
        if answer.status != 302 or session_cookie not in self.cookies:
            raise BenchError(
                f"Signing in as {username!r} failed: POST /accounts/login/ answered "
                f"{answer.status} (a lockout by django-axes answers 429)."
            )


class FormFields(HTMLParser):
    """The fields a browser would submit with the form `form_id`: its controls inside
    the <form> and those elsewhere that name it (form="…"), as in a grid row."""

    SKIPPED_TYPES = {"submit", "button", "image", "reset", "file"}

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.fields: list[tuple[str, str]] = []
        self.in_form = False
        self.select: dict | None = None  # the <select> being read: name, options, chosen
        self.textarea: dict | None = None

    @classmethod
    def of(cls, html: str, form_id: str) -> list[tuple[str, str]]:
        parser = cls(form_id)
        parser.feed(html)
        parser.close()
        return parser.fields

    def belongs(self, attrs: dict) -> bool:
        return attrs.get("form", self.form_id if self.in_form else None) == self.form_id

    def handle_starttag(self, tag, attr_list):
        attrs = {name: value or "" for name, value in attr_list}
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
        elif tag == "input" and self.belongs(attrs) and "name" in attrs:
            kind = attrs.get("type", "text").lower()
            if kind in self.SKIPPED_TYPES or "disabled" in attrs:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.fields.append((attrs["name"], attrs.get("value", default)))
        elif tag == "select" and self.belongs(attrs) and "name" in attrs:
            self.select = {"name": attrs["name"], "first": None, "chosen": None}
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attrs:
                self.select["chosen"] = value
        elif tag == "textarea" and self.belongs(attrs) and "name" in attrs:
            self.textarea = {"name": attrs["name"], "text": ""}

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self.select is not None:
            chosen = self.select["chosen"]
            value = chosen if chosen is not None else self.select["first"]
            if value is not None:
                self.fields.append((self.select["name"], value))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea["name"], self.textarea["text"].removeprefix("\n")))
            self.textarea = None
