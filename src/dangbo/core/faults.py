"""Fault injection for the crash tests: `DANGBO_FAULT=<point>` makes the process kill itself
with SIGKILL when it reaches that point, as a power cut or the OOM killer would. Unset in
normal use, where `hit` is a no-op."""

import os
import signal


def hit(point: str) -> None:
    if os.environ.get("DANGBO_FAULT") == point:
        os.kill(os.getpid(), signal.SIGKILL)
