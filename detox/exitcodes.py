"""What each exit status of `detox` means. README lists them; scripts and service managers act on
them (the systemd unit does not restart the tracker after USER_ERROR, and does after DISPLAY_LOST).
"""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    # A bug, or the terminal app ending by an exception: one line says where the details are.
    INTERNAL_ERROR = 1
    # Bad input or an invalid config.toml, or detox cannot run here as asked: fix it and retry.
    USER_ERROR = 2
    # `detox track`: the display (X server, Wayland session) went away; the time tracked is saved.
    DISPLAY_LOST = 3
    # `detox service install`: the service file is written, but the service could not be started.
    SERVICE_NOT_STARTED = 4
    # Ctrl+C (128 + SIGINT, as shells report it).
    INTERRUPTED = 130
