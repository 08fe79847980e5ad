"""``seatclient tools keyring-check``, the workstation check the packaged-app test runs from the bundle.

These run in-process against stand-in keyrings; the real Secret Service round trip, from source
and from the bundle, is in test_packaged_app.py.
"""

from __future__ import annotations

import keyring.backends.fail
import pytest
from keyring.backend import KeyringBackend
from support.keyrings import MemoryKeyring

from seatclient.tools import keyring_backend_description, main, run_keyring_check

MEMORY_KEYRING_NAME = f"{MemoryKeyring.__module__}.MemoryKeyring"


class ForgetfulKeyring(MemoryKeyring):
    """Accepts a password and hands back another one: a broken keyring daemon."""

    def get_password(self, service: str, username: str) -> str | None:
        stored = super().get_password(service, username)
        return None if stored is None else stored + "-changed"


class UndeletableKeyring(MemoryKeyring):
    """Stores and reads, but silently ignores deletion."""

    def delete_password(self, service: str, username: str) -> None:
        return None


class ChainOfTwo(MemoryKeyring):
    """Looks like keyring's chainer: a ``backends`` list consulted in order."""

    def __init__(self, members: list[KeyringBackend]) -> None:
        super().__init__()
        self.backends = members


def test_round_trip_succeeds_and_leaves_nothing_behind(
    memory_keyring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_keyring_check(memory_keyring) == 0
    out = capsys.readouterr().out
    assert MEMORY_KEYRING_NAME in out.splitlines()[0]
    assert "钥匙串检查通过" in out
    assert memory_keyring.secrets == {}


def test_no_secure_keyring_exits_1_and_stores_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_keyring_check(keyring.backends.fail.Keyring()) == 1
    captured = capsys.readouterr()
    assert "keyring.backends.fail.Keyring" in captured.out
    assert "没有可用的安全钥匙串" in captured.err


def test_wrong_read_back_fails_and_still_deletes(capsys: pytest.CaptureFixture[str]) -> None:
    broken = ForgetfulKeyring()
    assert run_keyring_check(broken) == 1
    assert "读回的测试密码与写入的不一致" in capsys.readouterr().err
    assert broken.secrets == {}


def test_entry_surviving_deletion_fails(capsys: pytest.CaptureFixture[str]) -> None:
    sticky = UndeletableKeyring()
    assert run_keyring_check(sticky) == 1
    assert "删除测试密码失败" in capsys.readouterr().err
    (service, account), _ = next(iter(sticky.secrets.items()))
    assert service == "seatclient" and account.startswith("keyring-check-")


def test_chained_backends_are_named_in_order() -> None:
    chain = ChainOfTwo([MemoryKeyring(), keyring.backends.fail.Keyring()])
    assert keyring_backend_description(chain) == (
        f"{__name__}.ChainOfTwo [{MEMORY_KEYRING_NAME}, keyring.backends.fail.Keyring]"
    )


def test_subcommand_is_registered(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: store)
    assert main(["keyring-check"]) == 0
    assert MEMORY_KEYRING_NAME in capsys.readouterr().out
    assert main(["keyring-check", "--help"]) == 0
