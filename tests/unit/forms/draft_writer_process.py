"""Helper for the crash test: saves order drafts in a loop and prints each saved sequence number.

Run as ``python draft_writer_process.py DB_PATH JOB_NUMBER``. A line ``<seq>`` is printed (and
flushed) only after ``DraftStore.save`` returned for that draft, so every printed number must be in
the database after the process is killed. Drafts of ten consecutive numbers share a call id, so the
loop exercises both inserts and updates.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from seatclient.forms.drafts import DraftStore
from seatclient.forms.order import OrderDraft

STARTED = datetime(2025, 11, 22, 2, 0, tzinfo=UTC)
SEQUENCES_PER_CALL = 10
TIME_LIMIT_SECONDS = 60.0


def call_id_for(seq: int) -> str:
    """The call id the draft number ``seq`` is saved under."""
    return f"call-{seq // SEQUENCES_PER_CALL}"


def values_for(seq: int) -> dict[str, Any]:
    """The values saved with draft number ``seq``; long enough to span several database pages."""
    return {
        "seq": seq,
        "caller_name": f"王{seq}",
        "caller_phone": f"138{seq:08d}",
        "event_description": f"第 {seq} 次保存。" + "事由内容" * 600,
        "confidential": seq % 3 == 0,
    }


def draft_for(seq: int, job_number: str) -> OrderDraft:
    """The draft saved as number ``seq``."""
    values = values_for(seq)
    return OrderDraft(
        call_id=call_id_for(seq),
        job_number=job_number,
        values=values,
        confidential=bool(values["confidential"]),
        created_at=STARTED,
        updated_at=STARTED + timedelta(milliseconds=seq),
    )


def main(argv: list[str]) -> int:
    """Save drafts until killed (or the time limit, so a broken test never leaves it running)."""
    database, job_number = Path(argv[1]), argv[2]
    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    seq = 0
    with DraftStore(database) as store:
        print("ready", flush=True)
        while time.monotonic() < deadline:
            seq += 1
            store.save(draft_for(seq, job_number))
            print(seq, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
