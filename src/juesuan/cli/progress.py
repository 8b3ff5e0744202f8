"""Progress on stderr for long work (rich): a PDF read page by page, a render output by output, and
— for a later ``batch`` command — file by file, each a task of one display.

The display appears only when stderr is a terminal, ``--quiet`` was not given, and the work has
already taken about a second (quick commands print nothing extra); it is transient, so what stays
on the terminal are the command's own lines. A task is also the ``(done, total)`` callback the
readers take (``juesuan.read.PageProgress``), so the read layer knows nothing of rich.

Usage::

    with Progress(err) as progress:
        pages = progress.task("读取 / reading report.pdf")
        document = read_document(path, progress=pages)
        pages.update(description="解析 / parsing")
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

DELAY_S = 1.0
"""Work shorter than this shows no progress."""


class Task:
    """One line of the display; call it with ``(done, total)`` or use :meth:`update`."""

    def __init__(self, owner: Progress, task_id: TaskID | None) -> None:
        self._owner = owner
        self._id = task_id

    def __call__(self, done: int, total: int) -> None:
        self.update(done=done, total=total)

    def update(self, *, done: int | None = None, total: int | None = None,
               description: str | None = None) -> None:
        if self._id is not None and self._owner.bar is not None:
            self._owner.bar.update(self._id, completed=done, total=total, description=description)

    def advance(self, steps: int = 1) -> None:
        if self._id is not None and self._owner.bar is not None:
            self._owner.bar.advance(self._id, steps)


class Progress:
    """A progress display on ``console`` (stderr), shown after ``delay`` seconds of work."""

    def __init__(self, console: Console, quiet: bool = False, delay: float = DELAY_S) -> None:
        self.enabled = console.is_terminal and not quiet
        self.bar: RichProgress | None = None
        self._timer: threading.Timer | None = None
        if self.enabled:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )
            from rich.progress import Progress as RichProgress

            self.bar = RichProgress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                    MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                                    transient=True, redirect_stdout=False, redirect_stderr=False)
            # (stdout is the command's output: a report, JSON, SARIF; never routed through stderr)
            self._timer = threading.Timer(delay, self.bar.start)
            self._timer.daemon = True

    def __enter__(self) -> Progress:
        if self._timer is not None:
            self._timer.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer.join()
        if self.bar is not None:
            self.bar.stop()  # a no-op when it never started

    def task(self, description: str, total: int | None = None) -> Task:
        """A new line of the display (``total`` ``None``: a spinner until the total is known)."""
        if self.bar is None:
            return Task(self, None)
        return Task(self, self.bar.add_task(description, total=total))
