"""Timing a download over real HTTP: the first byte, the last, and the server's memory
meanwhile (issue 17: a million customers leave with memory flat, the first byte at once)."""

import contextlib
import http.client
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from customers.tooling.benchmark.client import BenchError, Client

READ_SIZE = 64 * 1024


@dataclass(frozen=True)
class Download:
    path: str
    first_byte_ms: float  # from sending the request to the first byte of the body
    total_ms: float  # ... to the last
    size: int  # bytes
    lines: int  # newlines in the body: a CSV's rows, header included
    rss_before: int  # the serving worker's memory before the request, in bytes
    rss_peak: int  # and its most while answering it


class PeakRss:
    """The most memory any of `server`'s workers held, sampled every few milliseconds."""

    def __init__(self, server, every: float = 0.02):
        self.server, self.every = server, every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()

    def _sample(self):
        while not self._stop.is_set():
            with contextlib.suppress(OSError, BenchError):  # a worker restarting meanwhile
                self.peak = max(self.peak, *self.server.worker_rss().values(), 0)
            time.sleep(self.every)


def download(server, client: Client, path: str) -> Download:
    """GET `path` as `client` (signed in), reading the body as it arrives."""
    parts = urlsplit(server.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
    connection.connect()
    cookies = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    before = max(server.worker_rss().values())
    lines = size = 0
    with PeakRss(server) as rss:
        start = time.perf_counter()
        connection.request("GET", path, headers={"Cookie": cookies})
        response = connection.getresponse()
        if response.status != 200:
            raise BenchError(f"GET {path} answered {response.status}")
        chunk = response.read1(READ_SIZE)
        first = time.perf_counter()
        while chunk:
            size += len(chunk)
            lines += chunk.count(b"\n")
            chunk = response.read1(READ_SIZE)
        end = time.perf_counter()
    connection.close()
    return Download(
        path,
        first_byte_ms=(first - start) * 1000,
        total_ms=(end - start) * 1000,
        size=size,
        lines=lines,
        rss_before=before,
        rss_peak=rss.peak,
    )
