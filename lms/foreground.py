"""Run a command as the terminal's foreground job: `python -m lms.foreground honcho start -f Procfile`.

`make run` is stopped with Ctrl-C. The terminal sends SIGINT to its foreground process group, which
would include make itself, and make then reports the recipe as failed ("Error 130", "Interrupt")
while honcho is still stopping the web server, worker and beat. In a process group of its own made
the terminal's foreground, only the command gets the Ctrl-C; honcho stops every process in order and
its 130 ("stopped by Ctrl-C") is a clean end.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys


def main(command: list[str]) -> int:
    try:
        terminal = os.open("/dev/tty", os.O_RDWR)
    except OSError:  # no terminal (CI, a service manager): nothing to take over
        terminal = None
    previous = None
    if terminal is not None:
        os.setpgid(0, 0)
        signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # allowed to take the terminal from the background
        previous = os.tcgetpgrp(terminal)
        os.tcsetpgrp(terminal, os.getpgrp())
    # The Ctrl-C is for the command; this process only waits for it to finish stopping.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        child = subprocess.Popen(command, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # noqa: PLW1509, S603
        returncode = child.wait()
    finally:
        if terminal is not None and previous is not None:
            with contextlib.suppress(OSError):
                os.tcsetpgrp(terminal, previous)
            os.close(terminal)
    return 0 if returncode in (0, 130, -signal.SIGINT) else returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
