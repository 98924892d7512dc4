"""Streaming an answer as it is written: a generative answerer's checked pieces are passed from the worker thread that
runs the whole question to the caller's thread; the extractive answer streams its words once it is complete."""

from __future__ import annotations

import contextvars
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

from assistant.answers.draft import AnswerStream, stream_words
from assistant.schema import Answer

# Set in the worker thread `stream_answer` starts: where a streaming answerer's checked pieces go.
STREAM_SINK: contextvars.ContextVar[Callable[[str], None] | None] = contextvars.ContextVar(
    "juror_stream_sink", default=None
)


def stream_answer(ask: Callable[[], Answer], streams: bool) -> AnswerStream:
    """The answer `ask` gives, as a stream. With a streaming answerer (`streams`) `ask` runs in a worker thread and the
    answerer forwards its pieces through `STREAM_SINK`; the pieces are only text that already passed the citation
    check."""
    box: dict[str, Any] = {}
    if not streams:

        def words() -> Iterator[str]:
            answer = ask()
            box["a"] = answer
            yield from stream_words(answer.answer)

        return AnswerStream(words(), lambda: box["a"])

    done = object()
    channel: queue.Queue[Any] = queue.Queue()

    def work() -> None:
        STREAM_SINK.set(channel.put)
        try:
            box["a"] = ask()
        except BaseException as exc:  # re-raised in the consumer's thread
            box["e"] = exc
        finally:
            channel.put(done)

    def pieces() -> Iterator[str]:
        worker = threading.Thread(target=contextvars.copy_context().run, args=(work,), daemon=True, name="juror-stream")
        worker.start()
        streamed = False
        while (item := channel.get()) is not done:
            streamed = True
            yield item
        worker.join()
        if "e" in box:
            raise box["e"]
        if not streamed:  # abstained, declined, empty library, or the extractive fallback
            yield from stream_words(box["a"].answer)

    return AnswerStream(pieces(), lambda: box["a"])
