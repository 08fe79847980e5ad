"""Shutting down while the related-articles lookup waits for the typing to rest reports no error."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from support.keyrings import MemoryKeyring

from seatclient.app import assemble
from seatclient.config import Settings
from seatclient.credentials import CredentialStore


@pytest.mark.asyncio
async def test_a_pending_related_lookup_does_not_outlive_the_knowledge_service(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    errors: list[BaseException] = []
    client = await assemble(
        Settings(), tmp_path, lambda: None, errors.append, credentials=CredentialStore(memory_keyring)
    )
    desk = client.controller.order_desk
    assert desk is not None
    try:
        desk.push.set_context("公积金提取需要哪些材料")
        assert desk.push._debounce.isActive()
    finally:
        await client.shutdown()
        client.controller.window.allow_close()
        client.controller.window.close()
        client.controller.dialog.close()
    # Longer than the debounce: a lookup started now would find the service closed.
    await asyncio.sleep(desk.push._debounce.interval() / 1000 + 0.3)
    assert not desk.push._debounce.isActive()
    assert errors == []
