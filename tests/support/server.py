"""A quiet static file server on 127.0.0.1 for browser tests."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

# Python's mimetypes table depends on the machine's /etc/mime.types; a module script or a
# wasm file served with the wrong type fails in the browser, so these are fixed here.
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
    ".webmanifest": "application/manifest+json",
}


class _Handler(SimpleHTTPRequestHandler):
    """Serves one folder, answers missing paths with its 404.html, logs nothing."""

    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map, **_TYPES}

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a 404 with the site's own 404.html, as a static host would."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _QuietServer(ThreadingHTTPServer):
    """A threaded server whose dropped connections (the browser navigating away) stay quiet."""

    daemon_threads = True
    # The default backlog of 5 overflows when Chromium opens its parallel connections on a
    # busy machine, and a refused connection would read as a broken link.
    request_queue_size = 128

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore broken pipes and resets from clients that went away."""


@contextlib.contextmanager
def serve(directory: Path | str) -> Iterator[str]:
    """Serve `directory` over http on a free port; yield its base URL ending in '/'."""
    root = Path(directory).resolve()
    if not root.is_dir():
        raise NotADirectoryError(root)
    server = _QuietServer(("127.0.0.1", 0), partial(_Handler, directory=str(root)))
    # A short poll interval: shutdown() waits up to one interval, once per test.
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="test-http", daemon=True
    )
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
