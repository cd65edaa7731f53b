"""Fetch feeds over HTTP (conditional GET, size cap, bounded redirects, a whole-request deadline)
or from local files."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from nlp.records import Progress

USER_AGENT = "newsmon/0.1 (+https://github.com/newsmon/newsmon; trade-news monitor)"
MAX_REDIRECTS = 5
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchRequest:
    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchResult:
    url: str
    status: int | None = None
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    redirects: tuple[str, ...] = ()
    error: str | None = None
    seconds: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


class Deadline:
    """Shuts a request's sockets when its time is up. httpx's timeout bounds each read, not the
    request, so a body trickled a byte every 2 s held a 20 s timeout for a minute; httpcore's trace
    hook hands over each socket as it connects, redirects included."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._cut)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    @property
    def message(self) -> str:
        return f"timed out: no complete response within {self.seconds:g} s ([fetch] timeout)"

    def trace(self, event: str, info: dict[str, object]) -> None:
        if event not in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if hasattr(stream, "get_extra_info") else None
        if isinstance(sock, socket.socket):
            with self._lock:
                self._sockets.append(sock)
                if self.expired:
                    _shut(sock)

    def _cut(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    """Wake a read blocked on `sock` (close alone does not); the client then closes it."""
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def is_local(url: str) -> bool:
    return not url.lower().startswith(("http://", "https://"))


def _read_local(request: FetchRequest, *, max_bytes: int) -> FetchResult:
    """A file's modification time plays Last-Modified: an unchanged file is not parsed again."""
    path = Path(request.url.removeprefix("file://"))
    try:
        stat = path.stat()
        if stat.st_size > max_bytes:
            return FetchResult(url=request.url,
                               error=f"file is {stat.st_size:,} bytes, over the {max_bytes:,}-byte limit")
        stamp = f"mtime:{stat.st_mtime_ns}"
        if request.last_modified == stamp:
            return FetchResult(url=request.url, status=304, headers={"last-modified": stamp})
        return FetchResult(url=request.url, body=path.read_bytes(),
                           headers={"content-type": "application/xml", "last-modified": stamp})
    except OSError as e:
        return FetchResult(url=request.url, error=f"cannot read feed file {path}: {e.strerror or e}")


def _http_get(client: httpx.Client, request: FetchRequest, *, max_bytes: int, deadline: float) -> FetchResult:
    with Deadline(deadline) as cut:
        result = _http_get_within(client, request, max_bytes=max_bytes, cut=cut)
    # the cut surfaces as whatever error a shut socket gives (a broken read, a protocol error): say why
    return replace(result, error=cut.message) if cut.expired and result.body is None else result


def _http_get_within(client: httpx.Client, request: FetchRequest, *, max_bytes: int, cut: Deadline) -> FetchResult:
    headers = {}
    if request.etag:
        headers["If-None-Match"] = request.etag
    if request.last_modified:
        headers["If-Modified-Since"] = request.last_modified
    url = request.url
    try:
        with client.stream("GET", url, headers=headers, extensions={"trace": cut.trace}) as response:
            redirects = tuple(str(r.url) for r in response.history)
            got = {k.lower(): v for k, v in response.headers.items()}
            if response.status_code == 304:
                return FetchResult(url=url, status=304, headers=got, redirects=redirects)
            if response.status_code >= 400:
                return FetchResult(
                    url=url, status=response.status_code, headers=got, redirects=redirects,
                    error=f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                )
            declared = int(got.get("content-length", "0") or 0)
            if declared > max_bytes:
                return FetchResult(url=url, status=response.status_code, redirects=redirects,
                                   error=f"response of {declared:,} bytes is over the {max_bytes:,}-byte limit")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                if cut.expired:
                    break
                size += len(chunk)
                if size > max_bytes:
                    return FetchResult(url=url, status=response.status_code, redirects=redirects,
                                       error=f"response is over the {max_bytes:,}-byte limit")
                chunks.append(chunk)
            if cut.expired:
                return FetchResult(url=url, status=response.status_code, redirects=redirects, error=cut.message)
            return FetchResult(url=url, status=response.status_code, body=b"".join(chunks),
                               headers=got, redirects=redirects)
    except httpx.TooManyRedirects:
        return FetchResult(url=url, error=f"more than {MAX_REDIRECTS} redirects (a redirect loop?)")
    except httpx.TimeoutException as e:
        return FetchResult(url=url, error=f"timed out ({type(e).__name__}) fetching {url}")
    except httpx.RemoteProtocolError as e:
        return FetchResult(url=url, error=f"connection broke off mid-response (truncated body?): {e}")
    except httpx.HTTPError as e:
        return FetchResult(url=url, error=f"cannot reach {urlsplit(url).netloc or url}: {e}")


def fetch_all(requests: list[FetchRequest], *, timeout: float = 20.0, max_bytes: int = 10_000_000,
              concurrency: int = 8, per_host: int = 2, user_agent: str = USER_AGENT,
              accept: str = FEED_ACCEPT, progress: Progress | None = None) -> list[FetchResult]:
    """Fetch every request concurrently, at most `per_host` at once against any one host, each
    within `timeout` seconds in all (connecting, redirects and the whole body).

    Results come back in request order; a failure is a result with `error`, never an exception.
    `progress` hears of each finished request, in the order they finish.
    """
    host_limits: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(per_host))
    lock = threading.Lock()
    finished = 0

    def one(client: httpx.Client, request: FetchRequest) -> FetchResult:
        started = time.perf_counter()
        if is_local(request.url):
            result = _read_local(request, max_bytes=max_bytes)
        else:
            with lock:
                limit = host_limits[urlsplit(request.url).netloc.lower()]
            with limit:
                result = _http_get(client, request, max_bytes=max_bytes, deadline=timeout)
        if progress is not None:
            nonlocal finished
            with lock:
                finished += 1
                progress(finished, len(requests))
        return replace(result, seconds=time.perf_counter() - started)

    client = httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        # no connection reuse: each request's own sockets are the ones its deadline may cut
        limits=httpx.Limits(max_keepalive_connections=0),
        headers={"User-Agent": user_agent, "Accept": accept},
    )
    with client, ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        return list(pool.map(lambda r: one(client, r), requests))
