"""What can go wrong talking to the backend, classified so each case gets its own plain message."""

from __future__ import annotations

import ssl
from enum import StrEnum

import httpx

from seatclient.api.models import ErrorBody
from seatclient.i18n import tr


class ErrorKind(StrEnum):
    """The kinds of backend failure a person needs told apart."""

    INVALID_CREDENTIALS = "invalid_credentials"
    SEAT_TAKEN = "seat_taken"
    SESSION_EXPIRED = "session_expired"
    UNREACHABLE = "unreachable"
    TLS = "tls"
    TIMEOUT = "timeout"
    SERVER_ERROR = "server_error"
    REJECTED = "rejected"
    PROTOCOL = "protocol"


class BackendError(Exception):
    """A failed backend call.

    Attributes:
        kind: which failure it was.
        status: the HTTP status, when an answer arrived.
        body: the backend's error body, when it sent one.
        retry_after: the answer's ``Retry-After`` header as sent (seconds or an HTTP date), if any.
    """

    def __init__(
        self,
        kind: ErrorKind,
        status: int | None = None,
        body: ErrorBody | None = None,
        retry_after: str | None = None,
    ) -> None:
        self.kind = kind
        self.status = status
        self.body = body
        self.retry_after = retry_after
        super().__init__(f"{kind.value} (HTTP {status})" if status else kind.value)

    @property
    def field_errors(self) -> dict[str, str]:
        """Per-field problems the backend named (for a 422), else empty."""
        return dict(self.body.fields) if self.body else {}

    @property
    def retryable(self) -> bool:
        """Whether the same request may succeed later without change."""
        return self.kind in (ErrorKind.UNREACHABLE, ErrorKind.TIMEOUT, ErrorKind.SERVER_ERROR)

    def user_message(self) -> str:
        """A plain message for the person at the seat, in their language."""
        if self.kind is ErrorKind.INVALID_CREDENTIALS:
            return tr("BackendError", "工号或密码错误，请重新输入。")
        if self.kind is ErrorKind.SEAT_TAKEN:
            detail = self.body.message if self.body else ""
            return tr("BackendError", "该座席已被他人签入。{detail}").format(detail=detail)
        if self.kind is ErrorKind.SESSION_EXPIRED:
            return tr("BackendError", "登录已失效，请重新签入。")
        if self.kind is ErrorKind.UNREACHABLE:
            return tr("BackendError", "无法连接到服务器。请检查网络，或联系大厅信息技术人员。")
        if self.kind is ErrorKind.TLS:
            return tr(
                "BackendError",
                "服务器证书校验失败，连接已中止。请联系大厅信息技术人员检查证书配置（CA 证书）。",
            )
        if self.kind is ErrorKind.TIMEOUT:
            return tr("BackendError", "服务器响应超时，请稍后再试。")
        if self.kind is ErrorKind.SERVER_ERROR:
            return tr(
                "BackendError", "服务器出错（{status}），请稍后再试；若持续出现请联系信息技术人员。"
            ).format(status=self.status)
        if self.kind is ErrorKind.REJECTED and self.body is not None:
            return tr("BackendError", "服务器拒绝了请求：{message}").format(message=self.body.message)
        return tr("BackendError", "服务器的应答无法识别，请联系信息技术人员。")


def _is_tls_failure(exc: BaseException) -> bool:
    probe: BaseException | None = exc
    while probe is not None:
        if isinstance(probe, ssl.SSLError):
            return True
        probe = probe.__cause__ or probe.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc) or "SSL" in str(exc)


def classify_transport_error(exc: httpx.TransportError) -> BackendError:
    """Turn an httpx transport failure into a ``BackendError`` of the right kind."""
    if isinstance(exc, httpx.TimeoutException):
        return BackendError(ErrorKind.TIMEOUT)
    if isinstance(exc, httpx.ConnectError) and _is_tls_failure(exc):
        return BackendError(ErrorKind.TLS)
    return BackendError(ErrorKind.UNREACHABLE)


def classify_response(response: httpx.Response) -> BackendError:
    """Turn an error answer into a ``BackendError`` of the right kind."""
    body: ErrorBody | None
    try:
        body = ErrorBody.model_validate(response.json())
    except ValueError:
        body = None
    status = response.status_code
    code = body.code if body else ""
    retry_after = response.headers.get("Retry-After")
    if status >= 500:
        return BackendError(ErrorKind.SERVER_ERROR, status, body, retry_after)
    if code == "invalid_credentials":
        return BackendError(ErrorKind.INVALID_CREDENTIALS, status, body)
    if code == "seat_taken":
        return BackendError(ErrorKind.SEAT_TAKEN, status, body)
    if status == 401:
        return BackendError(ErrorKind.SESSION_EXPIRED, status, body)
    if body is None:
        return BackendError(ErrorKind.PROTOCOL, status, None, retry_after)
    return BackendError(ErrorKind.REJECTED, status, body, retry_after)
