"""`detox import activitywatch --server` against servers that misbehave on purpose, on 127.0.0.1:
one that redirects elsewhere, one that trickles a byte at a time, one that floods. Only the named
address is contacted, one deadline covers the whole import, and an answer over the cap is refused
as it arrives; each ends in one line, exit 2, nothing stored."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from detox.importers import aw_source
from tests import aw_sample
from tests.cli.home import Home, user_error

Behaviour = Callable[[BaseHTTPRequestHandler], None]


class Hostile(BaseHTTPRequestHandler):
    behaviour: Behaviour
    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client hung up
            type(self).behaviour(self)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class Server:
    def __init__(self, host: str, behaviour: Behaviour) -> None:
        handler = type("Handler", (Hostile,), {"behaviour": behaviour, "hits": []})
        self.handler = handler
        self.httpd = ThreadingHTTPServer((host, 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://{host}:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def hits(self) -> list[str]:
        return self.handler.hits  # type: ignore[attr-defined, no-any-return]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[..., Server]]:
    started: list[Server] = []

    def start(behaviour: Behaviour, host: str = "127.0.0.1") -> Server:
        server = Server(host, behaviour)
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


@pytest.fixture
def home(tmp_path: Path) -> Home:
    return Home(tmp_path / "home")


def send_json(handler: BaseHTTPRequestHandler, data: object) -> None:
    body = json.dumps(data).encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def activitywatch(handler: BaseHTTPRequestHandler) -> None:
    """A well-behaved server with the sample data (the listing and each bucket's events)."""
    buckets = aw_sample.export()["buckets"]
    path = handler.path.split("?")[0].rstrip("/")
    if path == "/api/0/buckets":
        send_json(
            handler, {k: {f: v for f, v in b.items() if f != "events"} for k, b in buckets.items()}
        )
        return
    bucket = path.removeprefix("/api/0/buckets/").removesuffix("/events")
    send_json(handler, buckets.get(bucket, {}).get("events", []))


def redirect_to(target: str) -> Behaviour:
    def behaviour(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", target + handler.path)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return behaviour


def refused_one_line(home: Home, server: str) -> str:
    message = user_error(home("import", "activitywatch", "--server", server))
    assert len(message.strip().splitlines()) == 1, message
    assert "internal error" not in message
    assert home.data_files() == {}
    return message


def loopback_alias_available() -> bool:
    try:
        with socket.socket() as probe:
            probe.bind(("127.0.0.2", 0))
    except OSError:
        return False
    return True


def test_a_redirect_to_another_host_is_not_followed(
    home: Home, serve: Callable[..., Server]
) -> None:
    if not loopback_alias_available():
        pytest.skip("127.0.0.2 is not a loopback address here")
    elsewhere = serve(activitywatch, host="127.0.0.2")
    named = serve(redirect_to(elsewhere.url))
    message = refused_one_line(home, named.url)
    assert "redirected to another address" in message
    assert named.hits and elsewhere.hits == []


def test_a_redirect_to_another_port_is_not_followed(
    home: Home, serve: Callable[..., Server]
) -> None:
    elsewhere = serve(activitywatch)
    named = serve(redirect_to(elsewhere.url))
    assert "redirected to another address" in refused_one_line(home, named.url)
    assert elsewhere.hits == []


def test_a_redirect_to_another_scheme_is_not_followed(
    home: Home, serve: Callable[..., Server]
) -> None:
    named = serve(redirect_to("ftp://127.0.0.1:21"))
    assert "redirected to another address" in refused_one_line(home, named.url)


def test_a_redirect_on_the_same_server_is_followed(
    home: Home, serve: Callable[..., Server]
) -> None:
    def relative(handler: BaseHTTPRequestHandler) -> None:
        if handler.path.startswith("/old"):
            handler.path = handler.path.removeprefix("/old")
            activitywatch(handler)
            return
        handler.send_response(307)
        handler.send_header("Location", "/old" + handler.path)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    server = serve(relative)
    result = home.ok("import", "activitywatch", "--server", server.url)
    assert "of social media" in result.stdout


def test_endless_redirects_on_the_same_server_stop(
    home: Home, serve: Callable[..., Server]
) -> None:
    def loop(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", handler.path + "x")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    server = serve(loop)
    assert "redirected more than" in refused_one_line(home, server.url)
    assert len(server.hits) <= 10


def trickle(body_first: bool) -> Behaviour:
    """A byte every 0.2 s for up to 20 s: every read arrives well inside any read timeout."""

    def behaviour(handler: BaseHTTPRequestHandler) -> None:
        stream = handler.wfile
        if body_first:
            stream.write(b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n")
            pieces = b'{"aw-watcher-window_x": {"type": "currentwindow"}' + b" " * 10_000
        else:
            pieces = b"HTTP/1.0 200 OK\r\n" + b"X-Slow: " + b"a" * 10_000
        for byte in pieces[:100]:
            stream.write(bytes([byte]))
            stream.flush()
            time.sleep(0.2)

    return behaviour


@pytest.mark.parametrize("body_first", [True, False], ids=["slow body", "slow headers"])
def test_a_trickling_server_is_cut_off_at_one_deadline(
    home: Home, serve: Callable[..., Server], monkeypatch: pytest.MonkeyPatch, body_first: bool
) -> None:
    monkeypatch.setattr(aw_source, "SERVER_DEADLINE_SECONDS", 1.0)
    server = serve(trickle(body_first))
    message = refused_one_line(home, server.url)
    assert "did not finish within 1 s" in message


def flood(declared: bool) -> Behaviour:
    def behaviour(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        if declared:
            handler.send_header("Content-Length", str(3 << 30))
        handler.end_headers()
        chunk = b"[" + b"0," * 32_768
        for _ in range(2_000):  # at most some 130 MB, far past the cap
            handler.wfile.write(chunk)

    return behaviour


@pytest.mark.parametrize("declared", [True, False], ids=["declared size", "no length"])
def test_a_flooding_server_is_refused_at_the_cap(
    home: Home, serve: Callable[..., Server], monkeypatch: pytest.MonkeyPatch, declared: bool
) -> None:
    monkeypatch.setattr(aw_source, "SERVER_MAX_BYTES", 1 << 20)
    server = serve(flood(declared))
    assert "sent more than 1 MB" in refused_one_line(home, server.url)


def test_the_deadline_covers_the_whole_import_not_each_request(
    home: Home, serve: Callable[..., Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each answer comes quickly, but there are many: the total is what is bounded."""
    monkeypatch.setattr(aw_source, "SERVER_DEADLINE_SECONDS", 1.0)
    many = {f"aw-watcher-window_h{n}": {"type": "currentwindow"} for n in range(400)}

    def slowish(handler: BaseHTTPRequestHandler) -> None:
        if handler.path.rstrip("/") == "/api/0/buckets":
            send_json(handler, many)
            return
        time.sleep(0.05)
        send_json(handler, [])

    server = serve(slowish)
    assert "did not finish within 1 s" in refused_one_line(home, server.url)
    assert len(server.hits) < 400


@pytest.mark.parametrize(
    "address",
    [
        "http://[::1",
        "http://127.0.0.1:99999",
        "ftp://127.0.0.1",
        "http://",
        "http://a b",
        "\x1b[2J",
    ],
)
def test_a_bad_server_address_is_one_line(home: Home, address: str) -> None:
    message = refused_one_line(home, address)
    assert "\x1b" not in message
