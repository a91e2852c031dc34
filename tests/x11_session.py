"""A real, private X11 session for tests: Xvfb, optionally openbox, and windows we control.

    with x11_display() as display:             # ":5", say; openbox is running and ready
        with open_window(display, "Facebook") as window:
            window.activate()
            ...
            send_input(display)                 # resets the idle counter

Every window is a child process we own, so its pid is known and `close()` really destroys it.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import Self

from Xlib import X
from Xlib.display import Display
from Xlib.ext import xtest
from Xlib.protocol import event

from tests.conftest import need_program

STARTUP_TIMEOUT = 10.0
WAIT_TIMEOUT = 5.0
TEST_WM_CLASS = ("detox-test", "DetoxTest")


@contextmanager
def x11_display(window_manager: bool = True, xvfb_args: Sequence[str] = ()) -> Iterator[str]:
    """Start Xvfb on a free display (and openbox, ready), yield the DISPLAY string, tear down."""
    with x11_server(window_manager, xvfb_args) as server:
        yield server.display


class XServer:
    """A running Xvfb that a test may take away (`kill`), as a logout or crash would."""

    def __init__(self, display: str, process: subprocess.Popen[bytes]) -> None:
        self.display = display
        self._process = process

    def kill(self) -> None:
        """Kill the X server at once (SIGKILL) and wait until it is gone."""
        self._process.kill()
        self._process.wait()


@contextmanager
def x11_server(window_manager: bool = True, xvfb_args: Sequence[str] = ()) -> Iterator[XServer]:
    """As x11_display, with a handle on the server's process."""
    need_program("Xvfb", *(["openbox"] if window_manager else []))
    with tempfile.TemporaryDirectory(prefix="detox-x11-") as scratch:
        xvfb, display = _start_xvfb(Path(scratch), xvfb_args)
        wm: subprocess.Popen[bytes] | None = None
        try:
            if window_manager:
                wm = _start_openbox(display, Path(scratch))
            yield XServer(display, xvfb)
        finally:
            for process in (wm, xvfb):
                if process is not None:
                    _stop(process)


def _start_xvfb(scratch: Path, extra_args: Sequence[str]) -> tuple[subprocess.Popen[bytes], str]:
    read_end, write_end = os.pipe()
    log = (scratch / "xvfb.log").open("wb")
    command = ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24"]
    # -noreset: by default Xvfb resets when its last client leaves, and a test connecting during
    # that reset gets "connection reset by peer".
    command += ["-nolisten", "tcp", "-noreset", *extra_args]
    try:
        process = subprocess.Popen(command, pass_fds=(write_end,), stdout=log, stderr=log)
    finally:
        os.close(write_end)
        log.close()
    try:
        number = _read_display_number(read_end, process)
    except BaseException:
        _stop(process)
        raise
    finally:
        os.close(read_end)
    return process, f":{number}"


def _read_display_number(read_end: int, process: subprocess.Popen[bytes]) -> int:
    received = b""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not received.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        ready, _, _ = select.select([read_end], [], [], max(remaining, 0))
        if not ready:
            raise RuntimeError("Xvfb did not report a display number in time")
        chunk = os.read(read_end, 32)
        if not chunk:
            raise RuntimeError(f"Xvfb exited early (code {process.poll()})")
        received += chunk
    return int(received)


def _start_openbox(display: str, scratch: Path) -> subprocess.Popen[bytes]:
    # Private config and cache folders keep the user's own openbox setup out of the test.
    env = _env(display, XDG_CONFIG_HOME=str(scratch / "config"), XDG_CACHE_HOME=str(scratch))
    process = subprocess.Popen(
        ["openbox", "--sm-disable"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        with _connection(display) as conn:
            _wait_for(lambda: _wm_check_window(conn) is not None, "openbox to start")
            # Openbox finishes starting by moving the focus from PointerRoot to its own window;
            # tests that start earlier would see a different session than later ones.
            _wait_for(lambda: conn.get_input_focus().focus != X.PointerRoot, "openbox to settle")
    except BaseException:
        _stop(process)
        raise
    return process


def _wm_check_window(conn: Display) -> int | None:
    """The window a running EWMH window manager advertises itself with (it points to itself)."""
    check = conn.intern_atom("_NET_SUPPORTING_WM_CHECK")
    prop = conn.screen().root.get_full_property(check, X.AnyPropertyType)
    if prop is None or not prop.value:
        return None
    window = conn.create_resource_object("window", int(prop.value[0]))
    own = window.get_full_property(check, X.AnyPropertyType)
    return int(prop.value[0]) if own is not None and own.value else None


def has_window_manager(display: str) -> bool:
    with _connection(display) as conn:
        return _wm_check_window(conn) is not None


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _env(display: str, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_")}
    env.update(DISPLAY=display, LANG="C.UTF-8", **extra)
    return env


@contextmanager
def _connection(display: str) -> Iterator[Display]:
    conn = Display(display)
    try:
        yield conn
    finally:
        conn.close()


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = WAIT_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.01)


# --- windows ---------------------------------------------------------------------------------


class WindowHandle:
    """A top-level window owned by a child process of the test."""

    def __init__(self, display: str, process: subprocess.Popen[bytes], window_id: int) -> None:
        self.display = display
        self.process = process
        self.window_id = window_id

    @property
    def pid(self) -> int:
        return self.process.pid

    def activate(self) -> None:
        """Bring the window to the front and wait until the X server says it is."""
        with _connection(self.display) as conn:
            if _wm_check_window(conn) is None:
                focus_window(self.display, self.window_id)
                return
            root = conn.screen().root
            active = conn.intern_atom("_NET_ACTIVE_WINDOW")
            # Source 2 ("pager") so the window manager's focus-stealing rules let it through.
            message = event.ClientMessage(
                window=conn.create_resource_object("window", self.window_id),
                client_type=active,
                data=(32, [2, X.CurrentTime, 0, 0, 0]),
            )
            mask = X.SubstructureRedirectMask | X.SubstructureNotifyMask
            root.send_event(message, event_mask=mask)
            conn.flush()

            def is_active() -> bool:
                prop = root.get_full_property(active, X.AnyPropertyType)
                return prop is not None and int(prop.value[0]) == self.window_id

            _wait_for(is_active, f"window {self.window_id:#x} to become active")

    def set_title(self, title: str) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Kill the owning process: the X server destroys its windows with the connection."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def focus_window(display: str, window_id: int) -> None:
    """Give `window_id` the X input focus directly, as happens when no window manager runs."""
    with _connection(display) as conn:
        window = conn.create_resource_object("window", window_id)
        window.set_input_focus(X.RevertToParent, X.CurrentTime)
        conn.sync()


# The child: a bare python-xlib window with the properties toolkits set (an inner child window
# stands in for a toolkit's focus proxy). Reads JSON commands on stdin, answers on stdout.
_WINDOW_PROGRAM = r"""
import json, os, sys
from Xlib import X, Xatom
from Xlib.display import Display

spec = json.loads(sys.stdin.readline())
if spec.get("process_name"):
    # Rename this process (/proc/PID/comm) so it looks like, say, a browser to the tracker.
    import ctypes
    PR_SET_NAME = 15
    ctypes.CDLL(None).prctl(PR_SET_NAME, spec["process_name"].encode()[:15], 0, 0, 0)
conn = Display(spec["display"])
root = conn.screen().root
utf8 = conn.intern_atom("UTF8_STRING")
net_wm_name = conn.intern_atom("_NET_WM_NAME")
window = root.create_window(0, 0, 320, 200, 0, X.CopyFromParent,
                            event_mask=X.StructureNotifyMask)
inner = window.create_window(10, 10, 100, 50, 0, X.CopyFromParent)
inner.map()

def set_title(title):
    data = title.encode("utf-8")
    if spec["net_wm_name"]:
        window.change_property(net_wm_name, utf8, 8, data)
    try:  # what Xutf8SetWMProperties does: STRING when Latin-1 can hold it
        window.change_property(Xatom.WM_NAME, Xatom.STRING, 8, title.encode("latin-1"))
    except UnicodeEncodeError:
        window.change_property(Xatom.WM_NAME, utf8, 8, data)

set_title(spec["title"])
instance, klass = spec["wm_class"]
window.change_property(Xatom.WM_CLASS, Xatom.STRING, 8,
                       instance.encode() + b"\0" + klass.encode() + b"\0")
window.change_property(conn.intern_atom("_NET_WM_PID"), Xatom.CARDINAL, 32, [os.getpid()])
window.map()
while conn.next_event().type != X.MapNotify:
    pass
print(json.dumps({"window": window.id, "inner": inner.id}), flush=True)
for line in sys.stdin:
    set_title(json.loads(line)["title"])
    conn.sync()
    print("ok", flush=True)
"""


class PythonWindow(WindowHandle):
    """A window drawn by a small python-xlib child; `inner_window_id` is a child window in it."""

    def __init__(
        self, display: str, process: subprocess.Popen[bytes], window_id: int, inner_window_id: int
    ) -> None:
        super().__init__(display, process, window_id)
        self.inner_window_id = inner_window_id

    def set_title(self, title: str) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"title": title}).encode() + b"\n")
        self.process.stdin.flush()
        if self.process.stdout.readline().strip() != b"ok":
            raise RuntimeError("the window process did not confirm the new title")


def open_window(
    display: str,
    title: str,
    *,
    wm_class: tuple[str, str] = TEST_WM_CLASS,
    net_wm_name: bool = True,
    process_name: str | None = None,
) -> PythonWindow:
    """Open and map a top-level window with _NET_WM_PID, WM_CLASS, _NET_WM_NAME and WM_NAME.

    With `net_wm_name=False` only WM_NAME is set (STRING, or UTF8_STRING beyond Latin-1), as
    older toolkits do. `process_name` renames the window's process (e.g. "chromium"), so the
    tracker takes it for that program.
    """
    return _await_window(
        display, _spawn_window(display, title, wm_class, net_wm_name, process_name)
    )


def open_windows(display: str, titles: Sequence[str]) -> list[PythonWindow]:
    """Several windows as `open_window` makes them, started side by side (faster)."""
    processes = [_spawn_window(display, title, TEST_WM_CLASS, True) for title in titles]
    windows: list[PythonWindow] = []
    try:
        for process in processes:
            windows.append(_await_window(display, process))
    except BaseException:
        for window in windows:
            window.close()
        for process in processes[len(windows) :]:
            process.kill()
            process.wait()
        raise
    return windows


def _spawn_window(
    display: str,
    title: str,
    wm_class: tuple[str, str],
    net_wm_name: bool,
    process_name: str | None = None,
) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-c", _WINDOW_PROGRAM],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=_env(display),
    )
    assert process.stdin is not None
    spec = {
        "display": display,
        "title": title,
        "wm_class": wm_class,
        "net_wm_name": net_wm_name,
        "process_name": process_name,
    }
    process.stdin.write(json.dumps(spec).encode() + b"\n")
    process.stdin.flush()
    return process


def _await_window(display: str, process: subprocess.Popen[bytes]) -> PythonWindow:
    try:
        ids = json.loads(_readline_within(process, STARTUP_TIMEOUT))
    except BaseException:
        process.kill()
        process.wait()
        raise
    return PythonWindow(display, process, int(ids["window"]), int(ids["inner"]))


def _readline_within(process: subprocess.Popen[bytes], timeout: float) -> bytes:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    if not ready:
        raise TimeoutError("the window process did not report its window in time")
    line = process.stdout.readline()
    if not line:
        raise RuntimeError(f"the window process exited early (code {process.wait()})")
    return line


class XtermWindow(WindowHandle):
    """A real xterm. Its `-T` title is stored only in WM_NAME, as COMPOUND_TEXT beyond Latin-1."""

    def __init__(
        self,
        display: str,
        process: subprocess.Popen[bytes],
        window_id: int,
        fifo: int,
        scratch: tempfile.TemporaryDirectory[str],
    ) -> None:
        super().__init__(display, process, window_id)
        self._fifo = fifo
        self._scratch = scratch

    def set_title(self, title: str) -> None:
        """Print OSC 2 in the xterm. Unlike `xterm -T`, this also sets _NET_WM_NAME (UTF-8)."""
        before = self.raw_property("WM_NAME")
        os.write(self._fifo, title.encode("utf-8") + b"\n")
        _wait_for(lambda: self.raw_property("WM_NAME") != before, "xterm to change its title")

    def raw_property(self, name: str) -> tuple[str, bytes] | None:
        """A text property as stored: (type name, bytes), or None when the window lacks it."""
        with _connection(self.display) as conn:
            window = conn.create_resource_object("window", self.window_id)
            prop = window.get_full_property(conn.intern_atom(name), X.AnyPropertyType, 1024)
            if prop is None:
                return None
            return (conn.get_atom_name(prop.property_type), bytes(prop.value))

    def close(self) -> None:
        with suppress(OSError):
            os.close(self._fifo)
        super().close()
        self._scratch.cleanup()


def xterm_window(display: str, title: str, *, named: str | None = None) -> XtermWindow:
    """Start xterm -T title; `set_title` later makes its shell print OSC 2 sequences.

    `named` runs a copy of the xterm binary under that name (e.g. "chromium"), so the tracker
    takes the window for that program, as it would the real one.
    """
    need_program("xterm")
    scratch = tempfile.TemporaryDirectory(prefix="detox-xterm-")
    program = "xterm"
    if named is not None:
        program = str(Path(scratch.name) / named)
        shutil.copy(shutil.which("xterm") or "xterm", program)
    fifo_path = Path(scratch.name) / "titles"
    id_path = Path(scratch.name) / "window-id"
    os.mkfifo(fifo_path)
    script = (
        'printf "%s\\n" "$WINDOWID" > "$1.tmp" && mv "$1.tmp" "$1";'
        ' while IFS= read -r t; do printf "\\033]2;%s\\007" "$t"; done < "$2"'
    )
    command = [program, "-T", title, "-e", "sh", "-c", script, "sh", str(id_path), str(fifo_path)]
    process = subprocess.Popen(
        command, env=_env(display), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        fifo = _open_fifo_writer(fifo_path, process)
        _wait_for(id_path.exists, "xterm to report its window", STARTUP_TIMEOUT)
        window_id = int(id_path.read_text())
    except BaseException:
        process.kill()
        process.wait()
        scratch.cleanup()
        raise
    return XtermWindow(display, process, window_id, fifo, scratch)


def _open_fifo_writer(path: Path, process: subprocess.Popen[bytes]) -> int:
    # A non-blocking open fails with ENXIO until the reader (xterm's shell) has opened it.
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("xterm did not start its shell") from None
            time.sleep(0.01)
            continue
        os.set_blocking(fd, True)
        return fd


# --- input -----------------------------------------------------------------------------------


def send_input(display: str) -> None:
    """Move the pointer by one pixel through XTEST, which resets the server's idle counter."""
    with _connection(display) as conn:
        xtest.fake_input(conn, X.MotionNotify, detail=True, x=1, y=0)
        conn.sync()
