"""Logging: a rotating file in the profile that never holds a password, a token or a phone number."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

_SECRET_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+"), r"\1[令牌已隐去]"),
    (
        re.compile(
            r"""(?i)(["']?(?:password|passwd|access_token|refresh_token|token|secret)["']?\s*[:=]\s*["']?)[^"'\s,}]+"""
        ),
        r"\1[已隐去]",
    ),
    # Mainland mobiles, then landlines with an area code; digits glued to longer numbers are ids, not phones.
    (re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)"), "[电话已隐去]"),
    (re.compile(r"(?<!\d)0\d{2,3}[- ]?\d{7,8}(?!\d)"), "[电话已隐去]"),
)


def redact(text: str) -> str:
    """Replace passwords, tokens and phone numbers in ``text``."""
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites every record's final message through ``redact`` before any handler writes it."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the record in place; never drops it."""
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = redact(message)
        record.args = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


def configure_logging(log_dir: Path, level: str = "INFO", to_stderr: bool = True) -> Path:
    """Send the application's logs to a rotating file in ``log_dir`` (and stderr), redacted.

    Returns:
        The log file's path.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "seatclient.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_seatclient", False):
            root.removeHandler(handler)
            handler.close()
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handlers: list[logging.Handler] = [file_handler]
    if to_stderr:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(RedactingFilter())
        handler._seatclient = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request line at INFO; the lines name only paths, but keep them out of the file.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    return log_file
