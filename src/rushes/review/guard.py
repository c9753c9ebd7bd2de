"""What keeps the review server to its user: it answers only requests addressed to the
address it is bound to (a page on another site that rebinds its DNS name to 127.0.0.1 gets
403), and it changes the catalog only for a same-origin POST carrying this session's token
(a page elsewhere can neither read the token nor send the header without asking first).
"""

from __future__ import annotations

import ipaddress
import json
import secrets

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, port: int) -> set[str] | None:
    """The Host headers this server answers; None: any (bound to every interface)."""
    if host in ("0.0.0.0", "::", ""):
        return None
    names = set(LOOPBACK_NAMES) if is_loopback(host) else {host}
    if ":" in host and not host.startswith("["):
        names.add(f"[{host}]")
    return {f"{name}:{port}" for name in names} | (names if port == 80 else set())


class Guard:
    """ASGI middleware: Host check on every request; token and origin check on changes."""

    def __init__(self, app, hosts: set[str] | None, token: str | None = None):
        self.app = app
        self.hosts = hosts
        self.token = token or secrets.token_urlsafe(24)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if self.hosts is not None and host.lower() not in self.hosts:
            return await _refuse(send, 403, f"{host or 'no Host header'}: not this server")
        if scope["method"] not in ("GET", "HEAD"):
            origin = headers.get("origin")
            if origin is not None and origin.split("://", 1)[-1].lower() != host.lower():
                return await _refuse(send, 403, f"{origin}: changes come from this page only")
            if not secrets.compare_digest(headers.get("x-rushes-token", ""), self.token):
                return await _refuse(send, 403, "changes need this page's token (reload it)")
        return await self.app(scope, receive, send)


async def _refuse(send, status: int, message: str) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})
