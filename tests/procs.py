"""Helpers for tests that watch real processes: who is left in a session."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path


def session_members(sid: int) -> list[int]:
    """PIDs of the live processes of session ``sid`` (Linux ``/proc``), zombies excluded."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (comm) "
        state, session = fields[0], int(fields[3])
        if session == sid and state != "Z":
            members.append(int(entry.name))
    return members


def wait_until_gone(sid: int, timeout: float = 30.0) -> list[int]:
    """Wait until session ``sid`` has no live process; return those still there at the end."""
    deadline = time.monotonic() + timeout
    while True:
        left = session_members(sid)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def kill_session(sid: int) -> None:
    """Clean up after a failed test: SIGKILL whatever is left of session ``sid``."""
    for pid in session_members(sid):
        with contextlib.suppress(OSError):
            os.kill(pid, 9)
