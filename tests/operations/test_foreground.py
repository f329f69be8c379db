"""`make run` stopped with Ctrl-C in a terminal ends cleanly: no "Error 130", no "Interrupt"."""

from __future__ import annotations

import os
import pty
import select
import shutil
import sys
import time

import pytest
from django.conf import settings

STOPS_ON_CTRL_C = """
import signal, sys, time
signal.signal(signal.SIGINT, lambda *args: (print("stopping everything"), sys.exit(130)))
print("started", flush=True)
time.sleep(60)
"""


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_ctrl_c_in_a_terminal_stops_the_recipe_without_an_error(tmp_path):
    (tmp_path / "serve.py").write_text(STOPS_ON_CTRL_C)
    recipe = f"cd {settings.BASE_DIR} && {sys.executable} -m lms.foreground {sys.executable} {tmp_path / 'serve.py'}"
    (tmp_path / "Makefile").write_text(f"run:\n\t{recipe}\n")
    pid, terminal = pty.fork()
    if pid == 0:  # the child: make in a terminal of its own
        make = shutil.which("make") or "make"
        os.execv(make, [make, "-C", str(tmp_path), "--no-print-directory", "run"])  # noqa: S606
    output = b""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if select.select([terminal], [], [], 0.1)[0]:
            try:
                chunk = os.read(terminal, 1024)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
            if b"started" in output and b"\x03" not in output:
                os.write(terminal, b"\x03")  # Ctrl-C
                output += b"\x03"
    _, status = os.waitpid(pid, 0)
    text = output.decode(errors="replace")
    assert "stopping everything" in text
    assert "Error" not in text and "Interrupt" not in text
    assert os.waitstatus_to_exitcode(status) == 0
