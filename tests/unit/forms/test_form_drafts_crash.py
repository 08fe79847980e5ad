"""A real crash: a process saving drafts is killed with SIGKILL; every save it reported is on disk."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from draft_writer_process import SEQUENCES_PER_CALL, call_id_for, values_for

from seatclient.forms.drafts import DraftStore

WRITER = Path(__file__).with_name("draft_writer_process.py")
JOB_NUMBER = "8001"


def kill_writer_after(database: Path, saves: int) -> int:
    """Run the writer until it has reported ``saves`` saves, SIGKILL it, return the last reported number."""
    process = subprocess.Popen(
        [sys.executable, str(WRITER), str(database), JOB_NUMBER],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline() == "ready\n", process.stderr.read() if process.stderr else ""
        deadline = time.monotonic() + 60
        reported = 0
        while reported < saves:
            line = process.stdout.readline()
            assert line, "the writer stopped before it was killed"
            reported = int(line)
            assert time.monotonic() < deadline
        os.kill(process.pid, signal.SIGKILL)
        # Numbers printed between our last read and the kill are still in the pipe.
        rest = process.stdout.read()
        assert process.wait(timeout=10) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()
        if process.stderr is not None:
            process.stderr.close()
    complete_lines = [line for line in rest.split("\n")[:-1] if line]  # a torn last line has no newline
    return int(complete_lines[-1]) if complete_lines else reported


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_last_reported_draft_survives_sigkill(tmp_path: Path) -> None:
    database = tmp_path / "drafts.sqlite3"
    last = kill_writer_after(database, saves=57)
    assert last >= 57

    with DraftStore(database) as store:
        drafts = {draft.call_id: draft for draft in store.load_for(JOB_NUMBER)}
        assert store.load_for("another-seat") == []

    # The last reported draft is there, whole. The writer may have committed one more save after
    # printing, but never fewer.
    newest = drafts[call_id_for(last)]
    stored_seq = newest.values["seq"]
    assert stored_seq in (last, last + 1)
    assert dict(newest.values) == values_for(stored_seq)
    assert newest.confidential is values_for(stored_seq)["confidential"]

    # Every earlier call holds the last save made under it, intact.
    for group in range(last // SEQUENCES_PER_CALL):
        final_seq = group * SEQUENCES_PER_CALL + SEQUENCES_PER_CALL - 1
        assert dict(drafts[f"call-{group}"].values) == values_for(final_seq)
