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


class Gunicorn:
    """`with Gunicorn(env) as server:` serves the app at `server.url` until the block
    ends, however it ends (an error, Ctrl-C)."""

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
        self.process: subprocess.Popen | None = None
        # Its output, for when it fails; closed (and deleted) by stop().
        self.log = tempfile.NamedTemporaryFile(prefix="bench-gunicorn-", suffix=".log")  # noqa: SIM115

    def __enter__(self):
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
        self.process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            # Its own process group: Ctrl-C reaches only us, and we stop it in order.
            start_new_session=True,
        )
        try:
            self.wait_until_answering()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def wait_until_answering(self, timeout: float = 60):
        wait_until_answering("gunicorn", self.url, self.process, self.tail, timeout=timeout)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # graceful: workers finish their request
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
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


def wait_until_answering(
    name: str, url: str, process: subprocess.Popen, tail, *, timeout: float = 60, not_yet=()
) -> None:
    """Until GET /healthz at `url` answers 200; `tail()` says why `process` failed.
    A status in `not_yet` (a balancer's 503 before its hosts are healthy) means wait."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"{name} exited with {process.returncode}:\n{tail()}")
        try:
            probe = Client(url, timeout=5)
            status = probe.get(HEALTH_PATH).status
            probe.close()
        except OSError:
            status = None
        if status == 200:
            return
        if status is not None and status not in not_yet:
            raise BenchError(f"GET {HEALTH_PATH} answered {status}:\n{tail()}")
        time.sleep(0.1)
    raise BenchError(f"{url} did not answer within {timeout:.0f} s:\n{tail()}")


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
