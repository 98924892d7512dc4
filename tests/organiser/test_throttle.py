"""Server-side throttling of organiser log-ins, on the real SQLite logbook (several "sessions" = calls)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from assistant.organiser.throttle import LoginThrottle, Policy, wait_text


def age(path: Path, seconds: float) -> None:
    """Make every recorded failure `seconds` older (time passing, without waiting for it)."""
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE login_failures SET at = at - ?", (seconds,))


def test_waits_grow_per_address_after_the_free_attempts_and_cap() -> None:
    policy = Policy(free_attempts=3, delay_s=2.0, max_failures=100)
    assert policy.client_wait([100.0, 101.0], now=102.0) == 0.0
    assert policy.client_wait([100.0, 101.0, 102.0], now=102.0) == 2.0
    assert policy.client_wait([100.0, 101.0, 102.0, 103.0], now=103.0) == 4.0
    assert policy.client_wait([100.0] * 40, now=100.0) == policy.max_delay_s


def test_the_global_ceiling_lasts_until_enough_failures_are_an_hour_old() -> None:
    policy = Policy(free_attempts=5, delay_s=2.0, max_failures=3)
    assert policy.global_wait([10.0, 20.0], now=30.0) == 0.0
    assert policy.global_wait([10.0, 20.0, 30.0], now=40.0) == 10.0 + 3600 - 40.0
    assert policy.global_wait([10.0, 20.0, 30.0, 35.0], now=40.0) == 20.0 + 3600 - 40.0


def test_failures_count_across_sessions_and_a_success_clears_its_address(tmp_path: Path) -> None:
    path = tmp_path / "logbook.sqlite3"
    throttle = LoginThrottle(path, Policy(free_attempts=2, delay_s=600, max_failures=50))
    checked: list[str] = []

    def check(ok: bool):
        def verify() -> bool:
            checked.append("checked")
            return ok

        return verify

    assert throttle.attempt("local", check(False)) == throttle.attempt("local", check(False))  # two free tries
    refused = throttle.attempt("local", check(True))  # a third one, even with the right passphrase, waits
    assert not refused.ok and 590 < refused.wait_s <= 600 and not refused.paused_for_everyone
    assert checked == ["checked", "checked"], "a refused try never reaches the passphrase check"
    assert throttle.attempt("203.0.113.9", check(True)).ok  # another address is not slowed down
    age(path, 601)
    assert throttle.attempt("local", check(True)).ok
    assert throttle.failures("local") == 0  # a success clears its address


def test_many_failures_from_many_addresses_pause_log_in_for_everyone(tmp_path: Path) -> None:
    path = tmp_path / "logbook.sqlite3"
    throttle = LoginThrottle(path, Policy(free_attempts=5, delay_s=2.0, max_failures=4))
    for n in range(4):
        assert not throttle.attempt(f"198.51.100.{n}", lambda: False).ok
    paused = throttle.attempt("192.0.2.77", lambda: True)
    assert not paused.ok and paused.paused_for_everyone and paused.wait_s > 3500
    assert wait_text(paused.wait_s) == "60 min"
    age(path, 3601)  # an hour later the old failures no longer count
    assert throttle.attempt("192.0.2.77", lambda: True).ok


def test_simultaneous_tries_cannot_slip_past_the_limit(tmp_path: Path) -> None:
    throttle = LoginThrottle(tmp_path / "logbook.sqlite3", Policy(free_attempts=3, delay_s=600, max_failures=50))
    results = []
    go = threading.Event()

    def attempt() -> None:
        go.wait()
        results.append(throttle.attempt("local", lambda: False))

    threads = [threading.Thread(target=attempt) for _ in range(10)]
    for t in threads:
        t.start()
    go.set()
    for t in threads:
        t.join(timeout=120)
    assert sum(1 for r in results if not r.wait_s) == 3  # exactly the free tries were checked
    assert sum(1 for r in results if r.wait_s) == 7
