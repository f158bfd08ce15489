"""What the browser tests and scripts/screenshots.py share: a local web server
for a built site, and Debian's Chromium driven by Playwright (never a
downloaded browser).

The server behaves like GitHub Pages for a missing address: it answers 404
with the site's root 404.html, so the 404 page is tested where readers meet
it (at a deep URL, with its absolute asset paths).
"""

from __future__ import annotations

import contextlib
import http.server
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WIDTHS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 360, "height": 740},
}


@dataclass
class LocalServer:
    """A running server: its base URL (ending in /) and the paths it was asked for."""

    base: str
    host: str
    port: int
    hits: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return self.base.rstrip("/")

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")


class _Handler(http.server.SimpleHTTPRequestHandler):
    not_found_page: Path | None = None
    hits: list[str]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.hits.append(self.path)
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.not_found_page
        if code != 404 or page is None or not page.is_file():
            super().send_error(code, message, explain)
            return
        send_page(self, 404, page.read_bytes())


def send_page(handler: http.server.BaseHTTPRequestHandler, code: int, body: bytes) -> None:
    """Answer with an HTML page and a status, as a static host does for its 404 page."""
    handler.send_response(code)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if handler.command != "HEAD":
        handler.wfile.write(body)


@contextlib.contextmanager
def serve(root: Path, *, not_found: bool = True, tls: ssl.SSLContext | None = None) -> Iterator[LocalServer]:
    """Serve `root` on 127.0.0.1 at a free port, in a thread, for the `with` block."""
    hits: list[str] = []
    handler = type(
        "Handler",
        (_Handler,),
        {"not_found_page": (root / "404.html") if not_found else None, "hits": hits},
    )

    def make(*args: object, **kwargs: object) -> http.server.SimpleHTTPRequestHandler:
        return handler(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make)
    httpd.daemon_threads = True
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    host, port = httpd.server_address[:2]
    scheme = "https" if tls is not None else "http"
    thread = threading.Thread(target=httpd.serve_forever, name=f"serve-{port}", daemon=True)
    thread.start()
    try:
        yield LocalServer(f"{scheme}://{host}:{port}/", str(host), int(port), hits)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def launch(playwright):  # type: ignore[no-untyped-def]
    """Debian's Chromium, headless. Fails loudly if it is not installed."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run scripts/setup-test-tools.sh (apt install chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
