"""Run one call in a spawned child process and relay its progress, result or exception.

`newsmon run` with `[cluster] workers = 0` analyses in a child rather than in the flow's process:
the spaCy pipelines (English and French) and the topic model then never share a process with
Prefect's client, so neither process reaches 1 GB (together they did, at 1.1 GB). Spawned, not
forked: a fork would copy the flow's threads and Prefect's state half-way through."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from nlp.records import Progress

T = TypeVar("T")


class ChildDiedError(RuntimeError):
    """The child process ended without a result (killed, out of memory)."""


def in_child(target: Callable[..., T], /, *, progress: Progress | None = None, **kwargs: Any) -> T:
    """`target(**kwargs, progress=...)` in a fresh spawned interpreter; its exception is raised here.

    `target` must be importable by name (a module-level function); `progress(done, total)` calls in
    the child are relayed to `progress` here as they happen."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_run, args=(sender, target, kwargs, progress is not None),
                              name=f"newsmon {getattr(target, '__name__', 'child')}")
    process.start()
    sender.close()  # only the child writes: the last copy closing means it is gone
    try:
        while True:
            try:
                kind, value = receiver.recv()
            except EOFError:
                process.join()
                raise ChildDiedError(f"the {process.name} process ended without a result (exit code "
                                        f"{process.exitcode}): out of memory or killed?") from None
            if kind == "progress" and progress is not None:
                progress(*value)
            elif kind == "error":
                raise value
            elif kind == "result":
                return value
    finally:
        receiver.close()
        process.join(timeout=30)
        if process.is_alive():  # interrupted here: do not leave the analysis running behind
            process.kill()
            process.join()


def _run(sender: Connection, target: Callable[..., Any], kwargs: dict[str, Any], relay: bool) -> None:
    def progress(done: int, total: int) -> None:
        sender.send(("progress", (done, total)))

    try:
        sender.send(("result", target(**kwargs, progress=progress if relay else None)))
    except BaseException as e:  # every failure goes back to the parent, which raises it
        try:
            sender.send(("error", e))
        except Exception:  # an exception that does not pickle: its type and message
            sender.send(("error", RuntimeError(f"{type(e).__name__}: {e}")))
    finally:
        sender.close()
