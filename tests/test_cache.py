"""The read side's cache: exact keys, and one computation per key however many sessions ask at once."""

from __future__ import annotations

import threading
import time

from analytics import db


def test_sessions_asking_for_one_result_at_once_compute_it_once() -> None:
    calls: list[int] = []

    @db.cached(maxsize=4)
    def slow(x: int) -> int:
        calls.append(x)
        time.sleep(0.2)  # long enough for every thread to be waiting
        return x * 2

    start = threading.Barrier(8)
    answers: list[int] = []

    def ask() -> None:
        start.wait()
        answers.append(slow(21))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [42] * 8
    assert calls == [21]
    assert slow(21) == 42 and slow(4) == 8 and calls == [21, 4]
    slow.cache_clear()  # type: ignore[attr-defined]
    assert slow(21) == 42 and calls == [21, 4, 21]
