"""Sign-in, refresh and sign-out of the real client against the mock backend process over loopback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import trustme
from support.mockproc import MockServer, free_port

from seatclient.api.client import ApiClient, make_http_client
from seatclient.api.errors import BackendError, ErrorKind
from seatclient.api.models import Role, SeatState


@pytest.mark.asyncio
async def test_sign_in_returns_agent_roles_and_the_seat_starts_away(mock_server: MockServer) -> None:
    client = ApiClient(make_http_client(mock_server.url))
    try:
        result = await client.sign_in("1001", "demo1234", "A01")
        status = await client.seat_state()
    finally:
        await client.aclose()
    assert result.agent.name == "张敏"
    assert result.agent.roles == [Role.CALL_TAKER]
    assert result.seat_id == "A01"
    assert status.state is SeatState.AWAY
    assert status.reason_code == "after_sign_in"


@pytest.mark.asyncio
async def test_team_leader_signs_in_with_both_roles(mock_server: MockServer) -> None:
    client = ApiClient(make_http_client(mock_server.url))
    try:
        result = await client.sign_in("9001", "demo1234", "L01")
    finally:
        await client.aclose()
    assert Role.TEAM_LEADER in result.agent.roles


@pytest.mark.asyncio
async def test_wrong_password_is_told_apart(mock_server: MockServer) -> None:
    client = ApiClient(make_http_client(mock_server.url))
    with pytest.raises(BackendError) as caught:
        await client.sign_in("1001", "wrong-password", "A01")
    await client.aclose()
    assert caught.value.kind is ErrorKind.INVALID_CREDENTIALS
    assert "工号或密码错误" in caught.value.user_message()
    assert not client.signed_in


@pytest.mark.asyncio
async def test_unknown_job_number_gets_the_same_message_as_a_wrong_password(mock_server: MockServer) -> None:
    client = ApiClient(make_http_client(mock_server.url))
    with pytest.raises(BackendError) as caught:
        await client.sign_in("7777", "demo1234", "A01")
    await client.aclose()
    assert caught.value.kind is ErrorKind.INVALID_CREDENTIALS


@pytest.mark.asyncio
async def test_unreachable_backend() -> None:
    client = ApiClient(make_http_client(f"http://127.0.0.1:{free_port()}", timeout=2))
    with pytest.raises(BackendError) as caught:
        await client.sign_in("1001", "demo1234", "A01")
    await client.aclose()
    assert caught.value.kind is ErrorKind.UNREACHABLE
    assert "无法连接到服务器" in caught.value.user_message()


@pytest.mark.asyncio
async def test_server_error_names_the_status(mock_server: MockServer) -> None:
    mock_server.admin("/mock/failures", {"path_prefix": "/api/v1/session", "status": 500, "count": 1})
    client = ApiClient(make_http_client(mock_server.url))
    with pytest.raises(BackendError) as caught:
        await client.sign_in("1001", "demo1234", "A01")
    assert caught.value.kind is ErrorKind.SERVER_ERROR
    assert "500" in caught.value.user_message()
    # The fault was armed once; the next attempt succeeds.
    result = await client.sign_in("1001", "demo1234", "A01")
    await client.aclose()
    assert result.agent.job_number == "1001"


@pytest.mark.asyncio
async def test_seat_taken_by_someone_else(mock_server: MockServer) -> None:
    first = ApiClient(make_http_client(mock_server.url))
    second = ApiClient(make_http_client(mock_server.url))
    try:
        await first.sign_in("1001", "demo1234", "A07")
        with pytest.raises(BackendError) as caught:
            await second.sign_in("1002", "demo1234", "A07")
    finally:
        await first.aclose()
        await second.aclose()
    assert caught.value.kind is ErrorKind.SEAT_TAKEN
    assert "1001" in caught.value.user_message()


@pytest.fixture
def tls_mock(mock_server_factory: Callable[..., MockServer], tmp_path: Path) -> tuple[MockServer, Path]:
    """A mock backend over HTTPS with a certificate from a private CA; returns it and the CA file."""
    authority = trustme.CA()
    certificate = authority.issue_cert("127.0.0.1", "localhost")
    cert_file, key_file, ca_file = tmp_path / "server.pem", tmp_path / "server.key", tmp_path / "ca.pem"
    certificate.private_key_pem.write_to_path(str(key_file))
    certificate.cert_chain_pems[0].write_to_path(str(cert_file))
    authority.cert_pem.write_to_path(str(ca_file))
    server = mock_server_factory(
        "--ssl-certfile", str(cert_file), "--ssl-keyfile", str(key_file), scheme="https", verify=str(ca_file)
    )
    return server, ca_file


@pytest.mark.asyncio
async def test_tls_failure_is_told_apart_and_the_hall_ca_bundle_fixes_it(
    tls_mock: tuple[MockServer, Path],
) -> None:
    server, ca_file = tls_mock
    untrusting = ApiClient(make_http_client(server.url))
    with pytest.raises(BackendError) as caught:
        await untrusting.sign_in("1001", "demo1234", "A01")
    await untrusting.aclose()
    assert caught.value.kind is ErrorKind.TLS
    assert "证书" in caught.value.user_message()

    trusting = ApiClient(make_http_client(server.url, verify=str(ca_file)))
    try:
        result = await trusting.sign_in("1001", "demo1234", "A01")
    finally:
        await trusting.aclose()
    assert result.agent.job_number == "1001"


@pytest.mark.asyncio
async def test_expired_access_token_is_refreshed_once_and_the_call_retried(mock_server: MockServer) -> None:
    client = ApiClient(make_http_client(mock_server.url))
    try:
        await client.sign_in("1003", "demo1234", "A03")
        old_token = client._tokens.access_token if client._tokens else ""
        mock_server.admin("/mock/tokens/expire")
        raw = httpx.get(
            f"{mock_server.url}/api/v1/seat/state", headers={"Authorization": f"Bearer {old_token}"}
        )
        assert raw.status_code == 401 and raw.json()["code"] == "token_expired"
        status = await client.seat_state()
        new_token = client._tokens.access_token if client._tokens else ""
    finally:
        await client.aclose()
    assert status.job_number == "1003"
    assert new_token and new_token != old_token


@pytest.mark.asyncio
async def test_sign_out_ends_the_session(mock_server: MockServer) -> None:
    client = ApiClient(make_http_client(mock_server.url))
    await client.sign_in("1004", "demo1234", "A04")
    token = client._tokens.access_token if client._tokens else ""
    await client.sign_out()
    assert not client.signed_in
    response = httpx.get(f"{mock_server.url}/api/v1/seat/state", headers={"Authorization": f"Bearer {token}"})
    await client.aclose()
    assert response.status_code == 401


@pytest.mark.asyncio
async def test_state_change_is_idempotent_per_key(mock_server: MockServer) -> None:
    client = ApiClient(make_http_client(mock_server.url))
    try:
        await client.sign_in("1002", "demo1234", "A02")
        first = await client.request_state("ready", idempotency_key="key-1")
        again = await client.request_state("ready", idempotency_key="key-1")
    finally:
        await client.aclose()
    assert first.request_id == again.request_id
    assert first.status is not None and first.status.state is SeatState.READY


@pytest.mark.asyncio
async def test_away_needs_a_selectable_reason(mock_server: MockServer) -> None:
    client = ApiClient(make_http_client(mock_server.url))
    try:
        await client.sign_in("1002", "demo1234", "A02")
        with pytest.raises(BackendError) as caught:
            await client.request_state("away", "ring_no_answer")
    finally:
        await client.aclose()
    assert caught.value.status == 422
    assert "reason_code" in caught.value.field_errors


@pytest.mark.asyncio
async def test_config_bundle_is_versioned(mock_server: MockServer) -> None:
    client = ApiClient(make_http_client(mock_server.url))
    try:
        await client.sign_in("1001", "demo1234", "A01")
        bundle = await client.config_bundle()
        assert bundle is not None
        assert "seat_rules" in bundle.files
        assert await client.config_bundle(bundle.version) is None
    finally:
        await client.aclose()
