"""Signals as exceptions, so that an interrupted run cleans up (temporary files removed, workers stopped) and ends
with one line and 128 + the signal number. Nothing heavy is imported here: the handlers are installed before
the rest of the command line is imported (see ``tiyao.cli.main``)."""

from __future__ import annotations

import signal


class Terminated(BaseException):
    """SIGTERM (or SIGHUP) received: raised in the main thread so that every ``finally`` runs before the process
    exits with 128 + the signal number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated(signum)


def handle_signals() -> None:
    """SIGTERM and SIGHUP raise :class:`Terminated`; Ctrl-C raises KeyboardInterrupt (Python's default, set
    again here in case a parent left SIGINT at its default action). A signal the parent ignores stays ignored
    (``nohup``)."""
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
            signal.signal(number, _raise_terminated)
    if signal.getsignal(signal.SIGINT) is signal.SIG_DFL:
        signal.signal(signal.SIGINT, signal.default_int_handler)
