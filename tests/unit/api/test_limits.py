"""Request work in worker threads: the time limit answers the caller, and slots count threads until they end."""

from __future__ import annotations

import threading
import time

import pytest
from litestar.exceptions import ServiceUnavailableException

from backstory.api.limits import WorkSlots, run_in_thread


async def test_work_runs_and_gives_its_slot_back() -> None:
    slots = WorkSlots(1)
    assert await run_in_thread(lambda: 42, 5.0, slots) == 42
    assert slots.running == 0


async def test_a_full_set_of_slots_refuses_new_work_without_running_it() -> None:
    slots = WorkSlots(1)
    assert slots.take()
    ran = []
    with pytest.raises(ServiceUnavailableException):
        await run_in_thread(lambda: ran.append(1), 5.0, slots)
    assert ran == []


async def test_work_past_its_time_limit_keeps_its_slot_until_its_thread_ends() -> None:
    slots = WorkSlots(1)
    release = threading.Event()
    with pytest.raises(ServiceUnavailableException, match="took longer"):
        await run_in_thread(lambda: release.wait(30), 0.05, slots)
    # The caller has its answer; the thread still runs, and still holds the only slot.
    assert slots.running == 1
    with pytest.raises(ServiceUnavailableException, match="busy"):
        await run_in_thread(lambda: 1, 5.0, slots)
    release.set()
    deadline = time.monotonic() + 10
    while slots.running and time.monotonic() < deadline:
        time.sleep(0.01)
    assert slots.running == 0
    assert await run_in_thread(lambda: 2, 5.0, slots) == 2
