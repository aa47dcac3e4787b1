"""The ``tiyao`` command line: a thin Typer layer over the ``tiyao`` library.

:func:`main` is the console script: it installs the signal handlers first, then imports the app (which takes a
second or two), so that Ctrl-C or SIGTERM at any moment is one line and rc 130/143, never a traceback."""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point (``tiyao``)."""
    from .signals import Terminated, handle_signals

    handle_signals()
    try:
        from .main import main as run_app

        run_app()  # Typer builds its commands before click's own handling of Ctrl-C begins: caught here too
    except (KeyboardInterrupt, Terminated) as stopped:
        signum = getattr(stopped, "signum", 2)
        if sys.stderr is not None:
            sys.stderr.write("Error: interrupted while starting; nothing was done\n" if signum == 2 else
                             "Error: terminated while starting; nothing was done\n")
        sys.exit(128 + signum)
