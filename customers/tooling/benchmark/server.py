"""The real app under gunicorn on 127.0.0.1, as production runs it (DEBUG off)."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings

from customers.tooling.benchmark.client import BenchError, Client

WORKERS = 2
HEALTH_PATH = "/healthz"  # answers while the process serves, without a query


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def production_env() -> dict[str, str]:
    """This process's environment (so DATABASE_URL carries over), with DEBUG off.

    DEBUG off needs a secret key; the app is reached over plain HTTP on the loopback,
    so no redirect to HTTPS; and the host is 127.0.0.1 whatever ALLOWED_HOSTS says.
    """
    env = dict(os.environ)
    env.update(
        DEBUG="0",
        SECURE_SSL_REDIRECT="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL=env.get("LOG_LEVEL", "WARNING"),
        DJANGO_SETTINGS_MODULE="project.settings",
    )
    if not env.get("SECRET_KEY"):
        env["SECRET_KEY"] = secrets.token_urlsafe(50)
    return env


def collect_static(env: dict[str, str]):
    """With DEBUG off, pages name their static files through the manifest that
    collectstatic writes (into STATIC_ROOT, as a deployment does)."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
    )


class ServerProcess:
    """A server in a process of its own: `with` starts it, waits until GET /healthz
    answers, and stops it however the block ends (an error, Ctrl-C). A subclass says how
    it starts and where its output went."""

    name: str
    url: str
    startup_timeout: float = 60
    stop_timeout: float = 15
    not_yet: frozenset[int] = frozenset()  # statuses that mean "still starting"
    process: subprocess.Popen | None = None

    def start(self) -> subprocess.Popen:
        raise NotImplementedError

    def tail(self) -> str:
        """The end of its output, to say why it failed."""
        raise NotImplementedError

    def cleanup(self):
        """What goes once the process has stopped."""

    def __enter__(self):
        self.process = self.start()
        try:
            self.wait_until_answering()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def wait_until_answering(self) -> None:
        """Until GET /healthz answers 200, or the process ends, or the time is up."""
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(
                    f"{self.name} exited with {self.process.returncode}:\n{self.tail()}"
                )
            try:
                probe = Client(self.url, timeout=5)
                status = probe.get(HEALTH_PATH).status
                probe.close()
            except OSError:
                status = None
            if status == 200:
                return
            if status is not None and status not in self.not_yet:
                raise BenchError(f"GET {HEALTH_PATH} answered {status}:\n{self.tail()}")
            time.sleep(0.1)
        raise BenchError(
            f"{self.url} did not answer within {self.startup_timeout:.0f} s:\n{self.tail()}"
        )

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # SIGTERM, graceful: a worker finishes its request
            try:
                self.process.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.cleanup()


class Gunicorn(ServerProcess):
    """`with Gunicorn(env) as server:` serves the app at `server.url` until the block
    ends, however it ends (an error, Ctrl-C)."""

    name = "gunicorn"

    def __init__(
        self,
        env: dict[str, str],
        *,
        workers: int = WORKERS,
        host: str = "127.0.0.1",
        port: int | None = None,
    ):
        self.env = env
        self.workers = workers
        self.host = host
        self.port = port or free_port(host)
        self.url = f"http://{host}:{self.port}"
        # Its output, for when it fails; closed (and deleted) by stop().
        self.log = tempfile.NamedTemporaryFile(prefix="bench-gunicorn-", suffix=".log")  # noqa: SIM115

    def start(self) -> subprocess.Popen:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "project.wsgi",
            f"--bind={self.host}:{self.port}",
            f"--workers={self.workers}",
            "--worker-class=sync",
            "--timeout=300",  # the admin's search reads every row: seconds at a million
            # Its control socket has one path per user: a second gunicorn would take it over.
            "--no-control-socket",
        ]
        return subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            # Its own process group: Ctrl-C reaches only us, and we stop it in order.
            start_new_session=True,
        )

    def cleanup(self):
        self.log.close()

    def kill(self):
        """kill -9 of the master and its workers at once, as when a machine dies."""
        os.killpg(self.process.pid, signal.SIGKILL)  # its own session: the group is its pid
        self.process.wait()

    def tail(self, lines: int = 30) -> str:
        return "\n".join(Path(self.log.name).read_text(errors="replace").splitlines()[-lines:])

    def worker_rss(self) -> dict[int, int]:
        """Each worker's resident memory in bytes, by pid (Linux /proc)."""
        return {pid: rss_bytes(pid) for pid in children(self.process.pid)}


def children(parent: int) -> list[int]:
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # gone meanwhile
            continue
        if int(fields[1]) == parent:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024  # in kB
    raise BenchError(f"no VmRSS for process {pid}")
