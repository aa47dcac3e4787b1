"""Progress on stderr from the first second of a command (off with -q/--quiet, or when stderr is not a terminal).

The library reports progress through a plain callback, ``progress(stage, done, total)`` (see
``tiyao.pipeline.Progress``). Here each stage becomes a line of a rich progress display:

- a stage whose size is not known (``total`` 0: reading, finding new words, fitting themes) is a line with a
  spinner, what is being done, the articles counted so far if any, and the time spent;
- a stage with a known total (segmenting, keywords and summaries) is a bar per article: done/total (``37/300
  篇``), the rate in articles per second (``篇/s``), the time spent and the time left.

The display redraws itself ten times a second (its own thread), so the clock and the rate move even while one long
article is being worked on. A stage that ends is left on screen with its final count; the whole display is
cleared when the command finishes, so only the results remain.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TextIO, TypeVar

T = TypeVar("T")

#: ``progress(stage, done, total)``: total 0 while the size of the stage is not known.
ProgressCallback = Callable[[str, int, int], None]

STAGES = {
    "read": "读取 reading",
    "words": "新词 finding new words",
    "segment": "分词 segmenting",
    "themes": "主题 fitting themes",
    "analyse": "关键词与摘要 keywords & summaries",
    "keywords": "关键词 keywords",
    "summaries": "摘要 summaries",
    "idf": "逆文档频率 IDF",
}


def stage_name(stage: str) -> str:
    return STAGES.get(stage, stage)


@contextmanager
def progress_bar(enabled: bool, stream: TextIO | None = None) -> Iterator[ProgressCallback | None]:
    """Yield a ``progress(stage, done, total)`` callback drawing on stderr (or ``stream``), or None when no
    progress should be drawn (``enabled`` off, or the stream is not a terminal). The first stage line ("reading")
    is drawn at once."""
    stream = stream if stream is not None else sys.stderr
    if not enabled or not _is_terminal(stream):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    class _Count(ProgressColumn):
        """``37/300 篇`` with a known total, ``37 篇`` while counting, nothing before the first article."""

        def render(self, task: Any) -> Text:
            if task.fields.get("counted"):
                return Text(f"{int(task.completed)}/{int(task.total)} 篇", style="progress.download")
            seen = task.fields.get("seen", 0)
            return Text(f"{seen} 篇" if seen else "", style="progress.download")

    class _Rate(ProgressColumn):
        """Articles per second (rich's own estimate over the last samples), once there is one."""

        def render(self, task: Any) -> Text:
            if not task.total or task.speed is None:
                return Text("")
            return Text(f"{task.speed:,.1f} 篇/s", style="progress.data.speed")

    class _Left(ProgressColumn):
        def render(self, task: Any) -> Text:
            if not task.total or task.finished or task.time_remaining is None:
                return Text("")
            minutes, seconds = divmod(int(task.time_remaining), 60)
            return Text(f"剩余 left {minutes}:{seconds:02d}", style="progress.remaining")

    console = Console(file=stream, stderr=stream is sys.stderr, force_terminal=True)
    display = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(bar_width=30), _Count(),
                       _Rate(), TimeElapsedColumn(), _Left(), console=console, transient=True,
                       refresh_per_second=10, speed_estimate_period=10)
    with display:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            task = tasks.get(stage)
            if task is None:
                for other in tasks.values():  # a new stage: the previous ones are over
                    _finish(display, other)
                task = tasks[stage] = display.add_task(stage_name(stage), total=total or None, counted=bool(total),
                                                       seen=0)
            if total:
                display.update(task, completed=done, total=total, counted=True)
            else:
                display.update(task, seen=done)

        update("read", 0, 0)
        yield update


def each(items: Sequence[T], progress: ProgressCallback | None, stage: str) -> Iterator[T]:
    """The items, telling ``progress`` of ``stage`` after each (``done`` of ``len(items)``)."""
    for done, item in enumerate(items, 1):
        yield item
        if progress is not None:
            progress(stage, done, len(items))


def _finish(display: Any, task: Any) -> None:
    current = next((t for t in display.tasks if t.id == task), None)
    if current is not None and not current.finished:
        done = max(current.completed, 1)
        display.update(task, total=current.total or done, completed=current.total or done)
        display.stop_task(task)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
