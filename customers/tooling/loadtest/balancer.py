"""HAProxy in front of the app hosts, as a deployment past one machine would have it."""

import shutil
import subprocess
import tempfile
from pathlib import Path

from customers.tooling.benchmark.client import BenchError
from customers.tooling.benchmark.server import HEALTH_PATH, ServerProcess, free_port

CONFIG = """\
global
    maxconn 512

defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A connection a dead host refuses is tried again on the other one.
    retries 2
    option redispatch

frontend crm
    bind {bind}
    default_backend hosts

backend hosts
    balance roundrobin
    option httpchk
    http-check send meth GET uri {health} ver HTTP/1.1 hdr Host 127.0.0.1
    timeout check 5s
    http-response set-header X-Served-By %[srv_name]
{servers}
"""


class Balancer(ServerProcess):
    """`with Balancer(hosts) as balancer:` balances round robin over `hosts` (name → url
    host:port) at `balancer.url`, no stickiness: each request may land on any host."""

    name = "haproxy"
    startup_timeout = 30
    stop_timeout = 10
    not_yet = frozenset({503})  # before its health checks have found a host up

    def __init__(self, hosts: dict[str, str]):
        if shutil.which("haproxy") is None:
            raise BenchError(
                "The load balancer is HAProxy, from Debian's packages: "
                "apt-get install haproxy (or run `.ci/run`, which installs it)."
            )
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        servers = "\n".join(
            f"    server {name} {address} check inter 500ms fall 2 rise 2"
            for name, address in hosts.items()
        )
        self.folder = tempfile.TemporaryDirectory(prefix="loadtest-haproxy-")
        self.config = Path(self.folder.name) / "haproxy.cfg"
        self.config.write_text(
            CONFIG.format(bind=f"127.0.0.1:{self.port}", health=HEALTH_PATH, servers=servers)
        )
        self.log = Path(self.folder.name) / "haproxy.log"

    def start(self) -> subprocess.Popen:
        with open(self.log, "wb") as log:
            return subprocess.Popen(
                ["haproxy", "-db", "-f", str(self.config)],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def tail(self) -> str:
        return self.log.read_text(errors="replace")

    def cleanup(self):
        self.folder.cleanup()
