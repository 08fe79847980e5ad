"""Remembered passwords, kept in the operating system's keyring and nowhere else."""

from __future__ import annotations

import logging

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

log = logging.getLogger(__name__)

SERVICE = "seatclient"

# Backends that store secrets in a readable file or not at all; "remember" is refused on these.
_UNSAFE_BACKENDS = ("fail", "null", "plaintext", "PlaintextKeyring", "Uncrypted", "EncryptedKeyring")


def _is_usable(backend: KeyringBackend) -> bool:
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if any(marker.lower() in name.lower() for marker in _UNSAFE_BACKENDS):
        return False
    try:
        return float(backend.priority) > 0
    except Exception:
        return False


class CredentialStore:
    """Passwords of this workstation's users, keyed by backend and job number.

    Nothing is written anywhere when no secure keyring (Secret Service, Windows Credential
    Manager, macOS Keychain) is available: ``available`` is then false and the sign-in dialog
    greys out "remember".
    """

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = backend or keyring.get_keyring()

    @property
    def available(self) -> bool:
        """Whether a secure keyring is there to hold a password."""
        return _is_usable(self._backend)

    @staticmethod
    def _account(backend_url: str, job_number: str) -> str:
        return f"{job_number}@{backend_url}"

    def load(self, backend_url: str, job_number: str) -> str | None:
        """The remembered password, or ``None``."""
        if not self.available:
            return None
        try:
            return self._backend.get_password(SERVICE, self._account(backend_url, job_number))
        except keyring.errors.KeyringError as exc:
            log.warning("keyring read failed: %s", type(exc).__name__)
            return None

    def save(self, backend_url: str, job_number: str, password: str) -> bool:
        """Remember a password; returns whether it was stored."""
        if not self.available:
            return False
        try:
            self._backend.set_password(SERVICE, self._account(backend_url, job_number), password)
        except keyring.errors.KeyringError as exc:
            log.warning("keyring write failed: %s", type(exc).__name__)
            return False
        return True

    def forget(self, backend_url: str, job_number: str) -> None:
        """Forget a remembered password, if there is one."""
        if not self.available:
            return
        try:
            self._backend.delete_password(SERVICE, self._account(backend_url, job_number))
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            log.warning("keyring delete failed: %s", type(exc).__name__)
