"""Where a corpus's bytes come from: walking folders, reading files safely, and holding streams read once.

Reading is bounded and never hangs:

- A file is read up to ``MAX_INPUT_BYTES``; a regular file larger than that is refused by its size before a byte is
  read (a 3 GB sparse file is never loaded), a stream or device that goes on past it is refused when it does.
- The first ``SNIFF_BYTES`` are looked at before the rest is loaded: a binary file (by content, see
  :func:`tiyao.encoding.binary_kind`) or one that begins with nothing but NUL bytes (``/dev/zero``, a sparse file)
  is refused at once.
- In a folder only regular files are read: a FIFO, socket or device found there is named and skipped (reading it
  could block forever). A FIFO given by name is waited for at most ``fifo_timeout`` seconds to start sending.
- Symbolic links inside a folder are followed, to files and to folders; a folder reached twice (a link loop, or two
  links to one folder) is named and read once.

Errors name the real cause: a broken link, a link loop, a permission, a vanished file (:class:`InputError`).
"""

from __future__ import annotations

import errno
import hashlib
import os
import select
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from .encoding import binary_kind
from .errors import InputError

#: The longest article tiyao analyses is 5,000,000 characters (``pipeline.MAX_ARTICLE_CHARS``), 20 MB at most in
#: UTF-8; a file or stream may hold many articles, and is read up to 50 such articles' worth.
MAX_INPUT_BYTES = 50 * 4 * 5_000_000
#: How much of a file is looked at before the rest is loaded.
SNIFF_BYTES = 65536
#: How long a FIFO named on the command line may stay silent before tiyao gives up on it.
FIFO_TIMEOUT = 30.0
_READ_BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a file was when it was read: told apart from a later read of a changed (or replaced) file."""

    size: int
    mtime_ns: int
    inode: int
    digest: bytes


@dataclass(frozen=True, slots=True)
class Skip:
    """An entry of a folder that is not read, and why (a FIFO, a link loop...)."""

    path: Path
    reason: str


def describe_kind(mode: int) -> str:
    """'a FIFO', 'a socket', 'a device'... for a file mode that is not a regular file or folder."""
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def stat_input(path: Path) -> os.stat_result:
    """``os.stat`` of a path, following links; raise InputError naming the real cause when it fails."""
    try:
        return os.stat(path)
    except OSError as error:
        raise InputError(_cause(path, error), hint=_hint(error)) from None


def _cause(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return f"{path}: symbolic link loop (the link leads back to itself)"
    if error.errno == errno.ENOENT:
        if os.path.islink(path):
            return f"{path}: broken symbolic link (it points to {os.readlink(path)}, which does not exist)"
        return f"no such file or folder: {path}"
    if error.errno == errno.EACCES:
        return f"cannot read {path}: permission denied"
    if error.errno == errno.ENAMETOOLONG:
        return f"{path}: file name too long"
    return f"cannot read {path}: {error.strerror or error}"


def _hint(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "Point the link at a real file or folder."
    if error.errno == errno.EACCES:
        return "Check the file's permissions."
    return "Check the path."


def walk_folder(folder: Path) -> list[Path | Skip]:
    """Every file under ``folder`` (hidden ones and ``__pycache__`` left out), and the entries that are skipped,
    in sorted path order. Links are followed; a folder already walked (a link loop) is a Skip."""
    found: list[Path | Skip] = []
    seen: set[tuple[int, int]] = set()
    top = os.stat(folder)
    seen.add((top.st_dev, top.st_ino))
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError as error:
            found.append(Skip(current, _cause(current, error).removeprefix(f"{current}: ")))
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name == "__pycache__":
                continue
            path = Path(entry.path)
            try:
                info = os.stat(path)
            except OSError as error:
                found.append(Skip(path, _cause(path, error).removeprefix(f"{path}: ")))
                continue
            if stat.S_ISDIR(info.st_mode):
                key = (info.st_dev, info.st_ino)
                if key in seen:
                    target = os.path.realpath(path)
                    found.append(Skip(path, f"symbolic link to {target}, a folder already read (a link loop); "
                                            "not read again"))
                    continue
                seen.add(key)
                pending.append(path)
            elif stat.S_ISREG(info.st_mode):
                found.append(path)
            else:
                found.append(Skip(path, f"{describe_kind(info.st_mode)}, not a regular file; skipped "
                                        "(reading it could wait forever)"))
    return sorted(found, key=lambda item: (item.path if isinstance(item, Skip) else item).parts)


def read_regular(path: Path) -> tuple[bytes, Fingerprint]:
    """The bytes of a regular file (bounded, sniffed first) and its fingerprint; raise InputError when it cannot
    or should not be read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO put in its place must not block
    except OSError as error:
        raise InputError(_cause(path, error), hint=_hint(error)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: {describe_kind(info.st_mode)}, not a regular file",
                             hint="Give regular files or folders.")
        if info.st_size > MAX_INPUT_BYTES:
            raise InputError(f"{path}: too large: {info.st_size:,} bytes (at most {MAX_INPUT_BYTES:,})",
                             hint="Split it into smaller files.")
        data = _read_bounded(fd, path)
    except OSError as error:
        raise InputError(_cause(path, error), hint=_hint(error)) from None
    finally:
        os.close(fd)
    return data, Fingerprint(info.st_size, info.st_mtime_ns, info.st_ino, hashlib.blake2b(data).digest())


def fingerprint_now(path: Path) -> tuple[int, int, int] | None:
    """(size, mtime_ns, inode) of ``path`` now, or None when it is gone."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


def read_stream(path: Path | None, *, timeout: float = FIFO_TIMEOUT, handle: Any = None) -> bytes:
    """All the bytes of a stream (a pipe, a FIFO, a device, stdin), read once, bounded and sniffed. ``handle``
    (a binary file object) is read instead of opening ``path``. A FIFO that sends nothing within ``timeout``
    seconds is an InputError."""
    name = str(path) if path is not None else "stdin"
    if handle is not None:
        return _read_handle(handle, name)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise InputError(_cause(path, error), hint=_hint(error)) from None
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            _wait_for_writer(fd, name, timeout)
        os.set_blocking(fd, True)
        return _read_bounded(fd, Path(name))
    except OSError as error:
        raise InputError(_cause(Path(name), error), hint=_hint(error)) from None
    finally:
        os.close(fd)


def _wait_for_writer(fd: int, name: str, timeout: float) -> None:
    """Wait until a FIFO opened without blocking has a writer (data or end of data), at most ``timeout`` s."""
    deadline = time.monotonic() + timeout
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise InputError(f"{name}: nothing was written to this FIFO within {timeout:g} seconds; gave up",
                             hint="Start the program that writes to it first, or give a regular file.")
        if poller.poll(min(left, 1.0) * 1000):
            return


def _read_handle(handle: Any, name: str) -> bytes:
    return _read_all(handle.read, name, hint="Split the input into smaller files.")


def _read_bounded(fd: int, path: Path) -> bytes:
    return _read_all(partial(os.read, fd), str(path), hint="Split it into smaller files.")


def _read_all(read: Callable[[int], bytes], name: str, hint: str) -> bytes:
    """All that ``read`` gives: the first ``SNIFF_BYTES`` checked first (:func:`_check_head`), then the rest,
    stopped past ``MAX_INPUT_BYTES``. A shorter head is the end: nothing more is asked (a terminal would wait)."""
    head = _read_exactly(read, SNIFF_BYTES)
    _check_head(head, name)
    parts = [head]
    size = len(head)
    if len(head) == SNIFF_BYTES:
        while chunk := read(_READ_BLOCK):
            size += len(chunk)
            if size > MAX_INPUT_BYTES:
                raise InputError(f"{name}: too large: more than {MAX_INPUT_BYTES:,} bytes; stopped reading", hint=hint)
            parts.append(chunk)
    return b"".join(parts)


def _read_exactly(read: Callable[[int], bytes], size: int) -> bytes:
    parts = []
    left = size
    while left > 0:
        chunk = read(left)
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _check_head(head: bytes, name: str) -> None:
    kind = binary_kind(head)
    if kind is not None:
        raise BinaryInput(name, kind)
    if len(head) == SNIFF_BYTES and not head.strip(b"\x00"):
        raise InputError(f"{name}: no text: its first {SNIFF_BYTES:,} bytes are all NUL bytes (an empty sparse "
                         "file, or a device such as /dev/zero); not read", hint="Give text files.")


class BinaryInput(InputError):
    """The input is a binary file (an image, an archive, a PDF...), not text."""

    def __init__(self, name: str, kind: str) -> None:
        super().__init__(f"{name} is {kind}, not text", hint="Give text, Markdown, JSONL, JSON or CSV files.")
        self.kind = kind
