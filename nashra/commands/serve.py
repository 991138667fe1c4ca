"""`nashra serve`: preview on 127.0.0.1, rebuild on change, live reload, errors in the page."""

from __future__ import annotations

import errno
import functools
import ipaddress
import json
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from nashra.build import cache, safety
from nashra.build.pipeline import build
from nashra.build.report import BuildError

WATCHED = ("content", "templates", "seeds", "nashra.toml")
STATUS_PATH = "/__nashra/status"
QUIET_BEFORE_INDEX = 1.0  # seconds without edits before the search index is rebuilt
CLIENT_TIMEOUT = 10.0  # seconds a client may take to send its request or read the answer
MAX_PATH = 4096  # longer request paths get 414: no page of a site has one

# Polls the status endpoint: reloads when a new build is in place, shows the error of a
# failed rebuild over the last good page. Injected into responses only, never into site/.
RELOAD_SCRIPT = """<script>
(function () {
  var seen = null;
  function show(error) {
    var box = document.getElementById("nashra-error");
    if (!error) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "nashra-error";
      box.dir = "ltr";
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;" +
        "margin:0;padding:1rem;background:#7a0010;color:#fff;font:14px/1.4 monospace;z-index:99999";
      document.body.appendChild(box);
    }
    box.textContent = "Rebuild failed; showing the last good build.\\n\\n" + error;
  }
  function poll() {
    fetch("/__nashra/status", {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && s.generation !== seen) { location.reload(); return; }
        seen = s.generation; show(s.error);
      }).catch(function () {}).finally(function () { setTimeout(poll, 700); });
  }
  poll();
})();
</script>"""


@dataclass
class ServerStatus:
    """The last good build's generation and the last rebuild's error, shared with handlers."""

    generation: int = 0
    error: str = ""
    seconds: float = 0.0  # how long the last rebuild took
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Held while a rebuild replaces files in site/: a request never sees half of a build.
    site_lock: threading.Lock = field(default_factory=threading.Lock)
    previous: cache.State | None = None  # the last build's state, kept in memory
    stale_index: tuple[str, ...] = ()
    build_lock: threading.Lock = field(default_factory=threading.Lock)  # one build at a time
    index_wanted: threading.Event = field(default_factory=threading.Event)

    def as_json(self) -> bytes:
        """The status endpoint's body."""
        with self.lock:
            return json.dumps({"generation": self.generation, "error": self.error,
                               "seconds": round(self.seconds, 4),
                               "stale_index": list(self.stale_index)}).encode()


class Handler(SimpleHTTPRequestHandler):
    """Static files from the current site/ plus the status endpoint and reload script."""

    state: ServerStatus
    timeout = CLIENT_TIMEOUT  # a client that stops sending or reading is dropped

    def __init__(self, *args, state: ServerStatus, **kwargs) -> None:
        self.state = state
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the terminal shows builds, not every request."""

    def do_GET(self) -> None:
        """Serve the status, an HTML page with the reload script, or a plain file."""
        if len(self.path) > MAX_PATH:
            return self._send(414, "text/plain; charset=utf-8", b"URI too long")
        if self.path.split("?")[0] == STATUS_PATH:
            return self._send(200, "application/json", self.state.as_json())
        # The bytes are read while no rebuild replaces files, and sent after: a client that
        # reads slowly never holds up the rebuilds or the other requests.
        with self.state.site_lock:
            code, kind, body = self._read_file()
        return self._send(code, kind, body)

    def do_HEAD(self) -> None:
        """Headers only: the same answer as GET without its body."""
        self._head_only = True
        self.do_GET()

    def _read_file(self) -> tuple[int, str, bytes]:
        """The answer for this request's path: status, content type and bytes."""
        try:
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            body = path.read_bytes() if path.is_file() else None
        except (OSError, ValueError):  # a name too long for the file system, a NUL ...
            body = None
        if body is None:
            missing = Path(self.directory) / "404.html"
            return 404, "text/html; charset=utf-8", \
                missing.read_bytes() if missing.is_file() else b"Not found"
        if path.suffix == ".html":
            body = body.replace(b"</body>", RELOAD_SCRIPT.encode() + b"</body>", 1)
            return 200, "text/html; charset=utf-8", body
        return 200, self.guess_type(str(path)), body

    def _send(self, code: int, kind: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not getattr(self, "_head_only", False):
            try:
                self.wfile.write(body)
            except OSError:  # the client went away or stalled past the timeout
                self.close_connection = True


class Server(ThreadingHTTPServer):
    """A threading server whose queue takes bursts and whose threads never block exit."""

    daemon_threads = True
    request_queue_size = 1024  # Python's 5 drops connections under 50 clients at once


def make_server(out: Path, state: ServerStatus, host: str = "127.0.0.1",
                port: int = 8000) -> Server:
    """The preview server of `out` (OSError if the port cannot be bound)."""
    handler = functools.partial(Handler, state=state, directory=str(out))
    return Server((host, port), handler)


def host_warning(host: str) -> str | None:
    """What to say when the preview server listens beyond this machine."""
    try:
        loopback = ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if loopback:
        return None
    return (f"warning: listening on {host}: other machines on the network can read the "
            "preview, drafts included (use --host 127.0.0.1 to keep it on this machine)")


def rebuild(project: Path, out: Path, state: ServerStatus) -> None:
    """Build once; on failure keep the last good site and publish the error."""
    started = time.perf_counter()
    try:
        with state.build_lock:
            report = build(project, out, previous=state.previous, defer_index=True,
                           write_lock=state.site_lock)
    except BuildError as exc:
        with state.lock:
            state.error = "\n".join(str(p) for p in exc.problems)
        print(f"rebuild failed:\n{state.error}")
        return
    except Exception as exc:  # a template error must not stop the preview server
        with state.lock:
            state.error = f"{type(exc).__name__}: {exc}"
        print(f"rebuild failed: {state.error}")
        return
    seconds = time.perf_counter() - started
    with state.lock:
        state.previous = report.state
        state.stale_index = report.stale_index
        state.seconds = seconds
        state.generation += 1
        state.error = ""
    if report.stale_index:
        state.index_wanted.set()
    print(f"built {len(report.pages)} pages in {seconds:.3f}s (rendered {report.rendered}, "
          f"wrote {report.written}, removed {report.removed})")


def reindex(project: Path, out: Path, state: ServerStatus) -> None:
    """Bring the search index up to date off the edit loop (pages are never held up)."""
    from nashra.build.stages import build_search_index

    with state.lock:
        langs, previous = state.stale_index, state.previous
    if not langs or previous is None:
        return
    try:
        build_search_index(out, langs)
    except Exception as exc:  # the pages stay served; search waits for the next change
        print(f"search index failed: {type(exc).__name__}: {exc}")
        return
    with state.build_lock, state.lock:
        if state.previous is previous:  # no rebuild since: the index matches the pages
            state.stale_index = ()
            cache.mark_indexed(project, previous, out)
            state.generation += 1
    print(f"search index of {', '.join(langs)} updated")


def index_worker(project: Path, out: Path, state: ServerStatus, stop: threading.Event) -> None:
    """Re-index search in the background once edits have been quiet for a moment."""
    while not stop.is_set():
        if not state.index_wanted.wait(timeout=0.5):
            continue
        state.index_wanted.clear()
        if stop.wait(QUIET_BEFORE_INDEX) or state.index_wanted.is_set():
            continue  # still editing: wait for the next quiet moment
        reindex(project, out, state)


def watch(project: Path, out: Path, state: ServerStatus, stop: threading.Event) -> None:
    """Rebuild whenever a watched file changes."""
    from watchfiles import watch as watch_files

    paths = [project / name for name in WATCHED if (project / name).exists()]
    for _changes in watch_files(*paths, stop_event=stop, debounce=50):
        rebuild(project, out, state)


def serve(project: Path, *, host: str = "127.0.0.1", port: int = 8000) -> int:
    """Build, serve and rebuild until interrupted."""
    project = project.resolve()
    out = project / "site"
    state = ServerStatus()
    warning = host_warning(host)
    if warning:
        print(warning, file=sys.stderr)
    try:
        server = make_server(out, state, host, port)
    except OSError as exc:
        reason = "the port is in use (another server is running there)" \
            if exc.errno == errno.EADDRINUSE else (exc.strerror or str(exc))
        print(f"error: cannot listen on {host}:{port}: {reason} (hint: pick another with "
              f"--port, e.g. --port {port + 1})", file=sys.stderr)
        return 1
    try:
        # the preview builds site/ for as long as it runs: no other build meanwhile
        safety.check_out(project, out)
        with safety.project_lock(project, print):
            safety.clean_leftovers(out, print)
            return _serve(project, out, state, server, host)
    except safety.BuildRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        server.server_close()


def _serve(project: Path, out: Path, state: ServerStatus, server: Server, host: str) -> int:
    """serve() once the port is bound and the project locked."""
    rebuild(project, out, state)
    stop = threading.Event()
    for worker in (watch, index_worker):
        threading.Thread(target=worker, args=(project, out, state, stop), daemon=True).start()
    print(f"Serving {out} at http://{host}:{server.server_address[1]}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    return 0
