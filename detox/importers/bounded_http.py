"""HTTP GET with limits a misbehaving server cannot stretch: one origin, one deadline, one size.

urllib follows redirects to any host and scheme, gives each socket read its own timeout (a server
sending a byte every 20 s never trips a 30 s timeout) and reads a body of any size into memory. A
server the user names gets exactly that address: a redirect stays on the same scheme, host and
port; the whole import shares one deadline, enforced by closing the socket when it passes; and a
body larger than the cap is refused as it arrives, not after it has filled the memory.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from detox.errors import DetoxError
from detox.i18n import _

REDIRECTS = (301, 302, 303, 307, 308)
MAX_REDIRECTS = 5
CHUNK_BYTES = 1 << 16


class HttpRefused(DetoxError):
    """The server answered with an error status."""

    def __init__(self, status: int, reason: str, message: str) -> None:
        self.status = status
        self.reason = reason
        super().__init__(message)


@dataclass
class Budget:
    """What one import may spend on a server: until `deadline` (monotonic), `max_bytes` a body."""

    seconds: float
    max_bytes: int
    deadline: float = field(init=False)

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.seconds

    def remaining(self) -> float:
        return self.deadline - time.monotonic()


def origin(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    default = 443 if parts.scheme == "https" else 80
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


def get(url: str, budget: Budget, base: str) -> bytes:
    """The body of `url`; DetoxError naming `base` when the server breaks a limit or fails."""
    allowed = origin(base)
    address = url
    for _attempt in range(MAX_REDIRECTS + 1):
        status, reason, location, body = _get_once(address, budget, base)
        if status in REDIRECTS and location is not None:
            target = urljoin(address, location)
            if origin(target) != allowed:
                raise DetoxError(
                    _(
                        "ActivityWatch at {address} redirected to another address ({target}); "
                        "only the address you named is contacted"
                    ).format(address=base, target=_shown(target))
                )
            address = target
            continue
        if status >= 400:
            raise HttpRefused(
                status,
                reason,
                _("ActivityWatch at {address} answered {status} {reason}").format(
                    address=base, status=status, reason=reason
                ),
            )
        return body
    raise DetoxError(
        _("ActivityWatch at {address} redirected more than {n} times").format(
            address=base, n=MAX_REDIRECTS
        )
    )


def _get_once(address: str, budget: Budget, base: str) -> tuple[int, str, str | None, bytes]:
    parts = urlsplit(address)
    remaining = budget.remaining()
    if remaining <= 0:
        raise _late(base, budget)
    connection_type = (
        http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    )
    connection = connection_type(parts.hostname or "", parts.port, timeout=remaining)
    expired = threading.Event()
    try:
        connection.connect()  # bounded by the socket timeout: what is left of the deadline
    except OSError as error:
        if budget.remaining() <= 0:  # the socket timeout was what was left of the deadline
            raise _late(base, budget) from None
        raise _unreachable(base, error) from None
    # http.client lets go of the socket once an HTTP/1.0 answer's headers are read; the deadline
    # keeps its own reference, so it can always cut the read off.
    sock = connection.sock

    def cut_off() -> None:
        # A blocked read wakes up when its socket is shut down; this is what makes the deadline
        # hold against a server that keeps every single read just inside its timeout.
        expired.set()
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(budget.remaining(), 0.0), cut_off)
    timer.daemon = True
    timer.start()
    try:
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request("GET", path, headers={"Accept": "application/json"})
        response = connection.getresponse()
        if response.status in REDIRECTS or response.status >= 400:
            return response.status, response.reason, response.getheader("Location"), b""
        declared = response.getheader("Content-Length")
        if declared is not None and declared.strip().isdigit() and int(declared) > budget.max_bytes:
            raise _too_big(base, budget)
        body = bytearray()
        while chunk := response.read1(CHUNK_BYTES):
            body += chunk
            if len(body) > budget.max_bytes:
                raise _too_big(base, budget)
        if expired.is_set():
            raise _late(base, budget)
        return response.status, response.reason, None, bytes(body)
    except (OSError, http.client.HTTPException) as error:
        # The socket's own timeout is what was left of the deadline, so it can fire just
        # before the timer does: either way the deadline is what ended the import.
        if expired.is_set() or budget.remaining() <= 0:
            raise _late(base, budget) from None
        if isinstance(error, ConnectionRefusedError | socket.gaierror | TimeoutError):
            raise _unreachable(base, error) from None
        raise DetoxError(
            _("ActivityWatch at {address} broke off: {reason}").format(
                address=base, reason=error or type(error).__name__
            )
        ) from None
    finally:
        timer.cancel()
        connection.close()


def _unreachable(base: str, error: OSError) -> DetoxError:
    why = error.strerror or str(error) or type(error).__name__
    return DetoxError(
        _("cannot reach ActivityWatch at {address}: {reason} (is its server running?)").format(
            address=base, reason=why
        )
    )


def _late(base: str, budget: Budget) -> DetoxError:
    return DetoxError(
        _("ActivityWatch at {address} did not finish within {seconds} s; nothing imported").format(
            address=base, seconds=f"{budget.seconds:g}"
        )
    )


def _too_big(base: str, budget: Budget) -> DetoxError:
    return DetoxError(
        _("ActivityWatch at {address} sent more than {megabytes} MB; nothing imported").format(
            address=base, megabytes=budget.max_bytes // (1 << 20)
        )
    )


def _shown(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "..."
