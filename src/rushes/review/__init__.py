"""``rushes review``: a local web page to play the rushes, judge takes and re-cut.

Starlette on uvicorn, pages rendered on the server, a little hand-written script; the
static files ship in this package, nothing comes from the network. Optional: the rest of
rushes never imports this package (install ``rushes[review]``).

>>> serve(Project.find(), "127.0.0.1", 8765, open_browser=True)
"""

from __future__ import annotations

import socket
import webbrowser
from collections.abc import Callable

from rushes.errors import BadInput
from rushes.project import Project


def serve(project: Project, host: str, port: int, open_browser: bool,
          say: Callable[[str], None], warn: Callable[[str], None]) -> None:  # fmt: skip
    """Bind, say where, open the browser, serve until interrupted."""
    try:
        import uvicorn

        from rushes.review.app import create_app
        from rushes.review.guard import allowed_hosts, is_loopback
        from rushes.review.model import Review
    except ImportError as exc:
        raise BadInput(
            f"rushes review needs its extra: pip install 'rushes[review]' ({exc})"
        ) from None
    sock = _bind(host, port)
    port = sock.getsockname()[1]
    if not is_loopback(host):
        warn(f"serving on {host}: anyone who can reach this machine can see the rushes "
             "(the page still needs its token to change anything)")  # fmt: skip
    app = create_app(Review(project), allowed_hosts(host, port))
    shown = "localhost" if host in ("127.0.0.1", "localhost") else host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"
    say(f"rushes review: {url} (Ctrl-C to stop)")
    if open_browser:
        webbrowser.open(url)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise BadInput(f"{host}:{port}: cannot serve there ({exc.strerror or exc}); "
                       "try another --port") from None  # fmt: skip
    sock.listen(128)
    return sock
