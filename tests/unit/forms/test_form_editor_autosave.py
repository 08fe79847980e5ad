"""The autosave policy: a save at most 1 s after a change, at least every second while typing goes on."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seatclient.forms.editor import AutosavePolicy


def test_nothing_is_due_without_changes() -> None:
    policy = AutosavePolicy()
    assert not policy.pending
    assert policy.due_at() is None
    assert policy.seconds_until_due(5.0) is None
    assert not policy.is_due(1e9)


def test_a_pause_saves_after_the_quiet_time() -> None:
    policy = AutosavePolicy(quiet_seconds=0.3, max_delay_seconds=1.0)
    policy.note_change(10.0)
    assert policy.due_at() == pytest.approx(10.3)
    assert not policy.is_due(10.29)
    assert policy.is_due(10.3)
    assert policy.seconds_until_due(10.1) == pytest.approx(0.2)
    assert policy.seconds_until_due(11.0) == 0.0
    policy.note_saved(10.3)
    assert not policy.pending and policy.due_at() is None


def test_steady_typing_still_saves_every_second() -> None:
    policy = AutosavePolicy(quiet_seconds=0.3, max_delay_seconds=1.0)
    for step in range(10):  # a keystroke every 0.2 s never leaves a 0.3 s pause
        policy.note_change(10.0 + step * 0.2)
    assert policy.due_at() == pytest.approx(11.0)
    policy.note_saved(11.0)
    policy.note_change(11.1)
    assert policy.due_at() == pytest.approx(11.4)


def test_a_failed_save_is_retried_later_and_keeps_the_changes() -> None:
    policy = AutosavePolicy(quiet_seconds=0.3, max_delay_seconds=1.0, retry_seconds=2.0)
    policy.note_change(10.0)
    policy.note_failed(10.3)
    assert policy.pending
    assert policy.due_at() == pytest.approx(12.3)
    policy.note_change(10.5)  # more typing does not hammer a broken disk
    assert policy.due_at() == pytest.approx(12.3)
    policy.note_saved(12.3)
    assert not policy.pending


def test_failure_without_recorded_change_still_retries() -> None:
    policy = AutosavePolicy(retry_seconds=2.0)
    policy.note_failed(3.0)
    assert policy.pending and policy.due_at() == pytest.approx(5.0)


@pytest.mark.parametrize(
    ("quiet", "most", "retry"),
    [(1.5, 1.0, 2.0), (-0.1, 1.0, 2.0), (0.3, 1.0, 0.0)],
)
def test_inconsistent_delays_are_refused(quiet: float, most: float, retry: float) -> None:
    with pytest.raises(ValueError):
        AutosavePolicy(quiet_seconds=quiet, max_delay_seconds=most, retry_seconds=retry)


@given(st.lists(st.floats(min_value=0.0, max_value=2.0), min_size=1, max_size=40))
def test_no_change_waits_longer_than_the_maximum(gaps: list[float]) -> None:
    """Simulate typing with arbitrary gaps, saving whenever due: every change is saved within 1 s."""
    policy = AutosavePolicy(quiet_seconds=0.3, max_delay_seconds=1.0)
    now = 0.0
    unsaved_since: float | None = None
    saves: list[float] = []
    for gap in gaps:
        # Save at every due moment that passes before the next change.
        due = policy.due_at()
        while due is not None and due <= now + gap:
            assert unsaved_since is not None and due - unsaved_since <= 1.0 + 1e-9
            policy.note_saved(due)
            saves.append(due)
            unsaved_since = None
            due = policy.due_at()
        now += gap
        policy.note_change(now)
        if unsaved_since is None:
            unsaved_since = now
    due = policy.due_at()
    assert due is not None and unsaved_since is not None
    assert due - now <= 0.3 + 1e-9  # the last change is saved within the quiet time
    assert due - unsaved_since <= 1.0 + 1e-9
