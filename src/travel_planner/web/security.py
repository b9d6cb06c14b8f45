"""Who may use the server, and what the browser may do.

- No WEB_AUTH_TOKEN: open, for a loopback bind (or a bind the operator opened on purpose with
  WEB_ALLOW_ANONYMOUS). The server then answers only to loopback names, IP addresses and
  single-label names (compose service names): a web page cannot reach it by DNS rebinding.
- WEB_AUTH_TOKEN: the API wants `Authorization: Bearer TOKEN`; the page logs in once and gets
  an HttpOnly session cookie. A cookie alone never changes anything: a change also needs the
  X-CSRF-Token header, whose value only a page of this origin can read (double submit).
- Every change must come from this origin (Origin / Sec-Fetch-Site), bodies are size-limited,
  and responses carry a strict Content-Security-Policy.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
from dataclasses import dataclass

from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from travel_planner.config import Settings
from travel_planner.errors import ConfigurationError
from travel_planner.web.errors import ApiError, error_response

SESSION_COOKIE = "tp_session"
CSRF_COOKIE = "tp_csrf"
CSRF_HEADER = "x-csrf-token"
MAX_BODY_BYTES = 64 * 1024
MIN_TOKEN_LENGTH = 16
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
SECURITY_HEADERS = {
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}


def is_loopback(host: str) -> bool:
    name = host.strip("[]").lower()
    if name in LOOPBACK_NAMES or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_bind(host: str, settings: Settings) -> None:
    """Refuse to serve beyond this machine without a token, unless told to."""
    token = settings.web_auth_token
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise ConfigurationError(
            f"Invalid configuration: WEB_AUTH_TOKEN is too short: use a secret of at least "
            f"{MIN_TOKEN_LENGTH} characters (e.g. `openssl rand -hex 24`)."
        )
    if is_loopback(host) or token or settings.web_allow_anonymous:
        return
    raise ConfigurationError(
        f"Refusing to listen on {host} without a login: anyone who can reach this address could "
        "use the planner and read every saved trip. Set WEB_AUTH_TOKEN (a secret of at least "
        f"{MIN_TOKEN_LENGTH} characters), or set WEB_ALLOW_ANONYMOUS=true if the port is "
        "reachable only by you (e.g. published on 127.0.0.1), or listen on 127.0.0.1."
    )


def _host_name(host_header: str) -> str:
    if host_header.startswith("["):
        return host_header[1 : host_header.find("]")]
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


def _trusted_host(host_header: str) -> bool:
    name = _host_name(host_header).lower().rstrip(".")
    if not name:
        return False
    if is_loopback(name) or "." not in name:
        return True
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


@dataclass(frozen=True)
class Guard:
    token: str | None

    def _derived(self, purpose: str) -> str:
        assert self.token is not None
        return hmac.new(self.token.encode(), purpose.encode(), hashlib.sha256).hexdigest()

    @property
    def session_value(self) -> str:
        return self._derived("session")

    @property
    def csrf_value(self) -> str:
        return self._derived("csrf")

    def token_matches(self, candidate: str) -> bool:
        return self.token is not None and hmac.compare_digest(
            candidate.encode(), self.token.encode()
        )

    def authenticated(self, request: Request) -> bool:
        if self.token is None:
            return True
        scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and self.token_matches(credentials.strip()):
            return True
        cookie = request.cookies.get(SESSION_COOKIE, "")
        if not hmac.compare_digest(cookie.encode(), self.session_value.encode()):
            return False
        if request.method in SAFE_METHODS:
            return True
        sent = request.headers.get(CSRF_HEADER, "")
        if not hmac.compare_digest(sent.encode(), self.csrf_value.encode()):
            raise ApiError(403, "csrf", "This change needs the page's CSRF token; reload the page.")
        return True

    def check(self, request: Request) -> None:
        """Raise for a request that may not go on."""
        if self.token is None and not _trusted_host(request.headers.get("host", "")):
            raise ApiError(403, "untrusted_host", "This server answers only to its own addresses.")
        if request.method not in SAFE_METHODS:
            check_same_origin(request)
        if not self.authenticated(request):
            raise ApiError(401, "unauthorized", "Log in first: send Authorization: Bearer TOKEN.")


def check_same_origin(request: Request) -> None:
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise ApiError(403, "cross_origin", "Changes are accepted only from this server's page.")
    origin = request.headers.get("origin")
    if origin and origin != "null":
        host = origin.split("://", 1)[-1]
        if host != request.headers.get("host"):
            raise ApiError(
                403, "cross_origin", "Changes are accepted only from this server's page."
            )


class BodyLimit(ApiError):
    def __init__(self) -> None:
        super().__init__(
            413, "too_large", f"The request body is larger than {MAX_BODY_BYTES // 1024} KiB."
        )


class Protections:
    """ASGI middleware: body size limit and security headers on every response."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > self.limit:
            await error_response(413, BodyLimit().code, BodyLimit().message)(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyLimit()
            return message

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                raw += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": raw}
            await send(message)

        await self.app(scope, limited, with_headers)
