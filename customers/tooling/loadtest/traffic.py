"""The clients of the load test: signed-in users sending a mix of reads and writes
through the balancer, and the ledger of every write the app acknowledged."""

import http.client
import random
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from customers.tooling.benchmark.client import BenchError, Client

# A request may fail only while its host dies under it: the balancer then answers 502 or
# 503, or the connection drops. The client sends it once more, as a browser's user would.
FAILED = {502, 503, 504}
MIX = (("search", 40), ("grid", 20), ("record", 25), ("create", 15))


@dataclass
class Outcome:
    kind: str
    ms: float
    status: int | None  # None: the connection failed
    host: str  # which app host answered (the balancer's X-Served-By)
    retried: bool


@dataclass
class Tally:
    """Everything the clients saw, shared between their threads."""

    outcomes: list[Outcome] = field(default_factory=list)
    acknowledged: set[str] = field(default_factory=set)  # emails the app said it saved
    attempted: set[str] = field(default_factory=set)  # every email a create was sent for
    failures: list[str] = field(default_factory=list)  # requests that failed twice
    hosts_by_client: dict[int, set[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, client: int, outcome: Outcome):
        with self.lock:
            self.outcomes.append(outcome)
            if outcome.status == 200:
                self.hosts_by_client.setdefault(client, set()).add(outcome.host)


@dataclass(frozen=True)
class Workload:
    url: str  # the balancer's
    username: str
    password: str
    terms: list[str]
    record_pks: list[int]
    run: str  # marks this run's customers: "lt-<random>"


class Window:
    """The timed window: it opens once every user has signed in, for `seconds`."""

    def __init__(self, users: int, seconds: float):
        self.seconds = seconds
        self.start = self.until = None
        # The main thread waits too, to learn when the window opened.
        self.signed_in = threading.Barrier(users + 1, action=self.open, timeout=600)

    def open(self):
        self.start = time.monotonic()
        self.until = self.start + self.seconds


class User(threading.Thread):
    def __init__(self, number: int, work: Workload, tally: Tally, window: Window, seed: int):
        super().__init__(daemon=True)
        self.number, self.work, self.tally, self.window = number, work, tally, window
        self.random = random.Random(seed * 1000 + number)
        self.creates = 0
        self.error: BaseException | None = None

    def run(self):
        try:
            client = Client(self.work.url, timeout=60)
            try:
                self.sign_in(client)
            finally:
                self.window.signed_in.wait()
            kinds, weights = zip(*MIX, strict=True)
            while time.monotonic() < self.window.until:
                getattr(self, self.random.choices(kinds, weights)[0])(client)
            client.close()
        except BaseException as error:  # reported by the command
            self.error = error

    def sign_in(self, client: Client):
        for attempt in (1, 2):
            try:
                client.log_in(self.work.username, self.work.password)
                return
            except (BenchError, OSError, http.client.HTTPException):
                if attempt == 2:
                    raise
                client.close()

    def search(self, client: Client):
        term = self.random.choice(self.work.terms)
        self.send(client, "search", "GET", f"/customers/?{urlencode({'q': term})}")

    def grid(self, client: Client):
        page = self.random.choice((1, 2, 10))
        self.send(client, "grid", "GET", f"/customers/?page={page}")

    def record(self, client: Client):
        self.send(
            client, "record", "GET", f"/customers/{self.random.choice(self.work.record_pks)}/"
        )

    def create(self, client: Client):
        self.creates += 1
        email = f"{self.work.run}-{self.number}-{self.creates}@loadtest.example"
        fields = [("name", f"Load test {self.number}-{self.creates}"), ("email", email)]
        fields += [("phone", ""), ("company", ""), ("status", "lead")]
        with self.tally.lock:
            self.tally.attempted.add(email)
        outcome = self.send(client, "create", "POST", "/customers/create/", fields)
        # Saved: the no-JavaScript form's redirect. A 422 after a retry may be the first
        # attempt's own email, saved before its host died: the ledger check counts it.
        if outcome.status == 302:
            with self.tally.lock:
                self.tally.acknowledged.add(email)

    def send(self, client, kind, method, path, fields=None) -> Outcome:
        retried = False
        start = time.perf_counter()
        for attempt in (1, 2):
            try:
                response = client.get(path) if method == "GET" else client.post(path, fields)
                status, host = response.status, response.headers.get("X-Served-By", "?")
            except (OSError, http.client.HTTPException):
                client.close()
                status, host = None, "?"
            if status not in FAILED and status is not None:
                break
            if attempt == 2:
                with self.tally.lock:
                    self.tally.failures.append(f"{method} {path}: {status or 'no answer'}")
            retried = True
        outcome = Outcome(kind, (time.perf_counter() - start) * 1000, status, host, retried)
        self.tally.add(self.number, outcome)
        return outcome


def crowd(work: Workload, tally: Tally, *, clients: int, seconds: float, seed: int, during=None):
    """`clients` users sign in, then load the app for `seconds`; `during(start)` runs in
    this thread meanwhile. Returns when the window opened and when the last user stopped
    (time.monotonic())."""
    window = Window(clients, seconds)
    users = [User(n, work, tally, window, seed) for n in range(clients)]
    for user in users:
        user.start()
    window.signed_in.wait()
    if during is not None:
        during(window.start)
    for user in users:
        user.join(seconds + 120)
    errors = [user.error for user in users if user.error]
    if errors:
        raise BenchError(f"A client stopped: {errors[0]!r}")
    return window.start, time.monotonic()
