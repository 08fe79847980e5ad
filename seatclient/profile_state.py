"""What the workstation remembers between runs that is not secret: the last job number and seat."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass
class ProfileState:
    """The last sign-in's job number and seat, to prefill the sign-in dialog."""

    last_job_number: str = ""
    last_seat_id: str = ""

    @classmethod
    def load(cls, path: Path) -> ProfileState:
        """Read the file; a missing or damaged file gives empty values (it holds nothing that matters)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                last_job_number=str(data.get("last_job_number", "")),
                last_seat_id=str(data.get("last_seat_id", "")),
            )
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, AttributeError) as exc:
            log.warning("profile state unreadable, starting empty: %s", type(exc).__name__)
            return cls()

    def save(self, path: Path) -> None:
        """Write the file atomically."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self), ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
