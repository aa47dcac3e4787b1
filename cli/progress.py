"""A rich progress bar on stderr for runs that take more than a moment (off with --quiet or when stderr is
not a terminal)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn


_STAGES = {"segment": "分词 segmenting", "analyse": "关键词与摘要 keywords & summaries", "themes": "主题 themes"}


@contextmanager
def progress_bar(enabled: bool) -> Iterator[ProgressCallback | None]:
    """Yield a ``progress(stage, done, total)`` callback, or None when no bar should be drawn."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        tasks: dict[str, TaskID] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(_STAGES.get(stage, stage), total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update
