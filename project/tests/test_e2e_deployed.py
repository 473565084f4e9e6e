"""The browser flows marked `deployed` pass against a separately running server, as
`E2E_BASE_URL=… make test-e2e` runs them against a deployed instance (README).

The server is a real one (`manage.py runserver`) on a free port, over a SQLite file of
its own with a user made by `manage.py createsuperuser`; the flows run in a pytest of
their own that knows the server only by its URL and that login.
"""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USERNAME, PASSWORD = "e2e-runner", "a-long-e2e-password-5678"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server stopped:\n" + log.read_text()
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within 60 s:\n" + log.read_text())


def test_the_deployed_flows_pass_against_a_running_server(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'crm.sqlite3'}",
        "DEBUG": "1",  # runserver then serves the static files too
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run(
        [*manage, "createsuperuser", "--no-input", "--username", USERNAME, "--email", "e@x.test"],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    url = f"http://127.0.0.1:{free_port()}"
    log = tmp_path / "server.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [*manage, "runserver", "--noreload", url.removeprefix("http://")],
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_up(f"{url}/healthz", server, log)
        flows = subprocess.run(
            [sys.executable, "-m", "pytest", "e2e", "-m", "deployed", "-q", "-p", "no:randomly"]
            + ["-p", "no:cacheprovider"],
            env={**env, "E2E_BASE_URL": url, "E2E_USERNAME": USERNAME, "E2E_PASSWORD": PASSWORD},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)

    report = flows.stdout + flows.stderr
    assert flows.returncode == 0, report
    passed = re.search(r"(\d+) passed", report)
    assert passed and int(passed.group(1)) >= 3, report
    assert f"E2E_BASE_URL={url}: running the" in report
    assert "others deselected" in report
    # The server, not a live server of the test run, answered: it logged the flows.
    assert "POST /accounts/login/" in log.read_text()
