"""`nashra serve` under load: 50 concurrent clients plus stalled ones, on the default site.

Reports the median, p99 and max request time (issue 15's target: p99 under 200 ms). A figure
for the notes, never a timed assertion: tests/test_serve_faults.py checks that every request
is answered while clients stall, and imports `load` from here.

    python benchmarks/serve_load.py [SITE]     # SITE: a built site (default: builds the repo's)
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nashra.commands import serve  # noqa: E402

CLIENTS = 50
REQUESTS = 20  # per client
# The clients run in a process of their own, so that they measure the server, not the
# interpreter lock they would share with it.
CLIENT_SCRIPT = """
import json, socket, sys, threading, time
port, clients, requests = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
paths = json.loads(sys.stdin.read())
times, failures = [], []

def get(path):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(f"GET {path} HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data.split(b" ", 2)[1]

def client(i):
    for j in range(requests):
        path = paths[(i * 7 + j) % len(paths)]
        started = time.perf_counter()
        try:
            code = get(path)
        except OSError as exc:
            failures.append(f"{path}: {exc}")
            continue
        times.append(time.perf_counter() - started)
        if code != b"200":
            failures.append(f"{path}: {code}")

threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps({"times": times, "failures": failures}))
"""




def load(site: Path, clients: int = CLIENTS, requests: int = REQUESTS) -> dict:
    """Serve `site`, stall two clients (one never reads a big file, one never ends its
    request), run `clients` x `requests` GETs from another process; times and failures."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    paths = ["/" + p for p in pages[:: max(1, len(pages) // 40)]]
    biggest = max((p for p in site.rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)
    server = serve.make_server(site, serve.ServerStatus(), "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    stalled = []
    try:
        for what in (b"GET /" + biggest.relative_to(site).as_posix().encode()
                     + b" HTTP/1.0\r\n\r\n", b"GET /en/index.ht"):  # never reads; never ends
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.connect(("127.0.0.1", port))
            s.sendall(what)
            stalled.append(s)
        run = subprocess.run([sys.executable, "-c", CLIENT_SCRIPT, str(port), str(clients),
                              str(requests)], input=json.dumps(paths), capture_output=True,
                             text=True, timeout=300, check=True)
        return json.loads(run.stdout)
    finally:
        for s in stalled:
            s.close()
        server.shutdown()
        server.server_close()


def summary(times: list[float]) -> str:
    """Median, p99 and max in milliseconds."""
    times = sorted(times)
    p99 = times[int(len(times) * 0.99) - 1]
    return (f"{len(times)} requests from {CLIENTS} clients: median "
            f"{times[len(times) // 2] * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
            f"max {times[-1] * 1000:.1f} ms")


def main() -> None:
    """Build the default site if no site is given, then measure."""
    if len(sys.argv) > 1:
        site = Path(sys.argv[1])
    else:
        from nashra.build.pipeline import build

        site = Path(tempfile.mkdtemp()) / "site"
        build(ROOT, site, search=False)
    result = load(site)
    print(summary(result["times"]))
    if result["failures"]:
        print(f"{len(result['failures'])} failures, e.g. {result['failures'][:3]}")


if __name__ == "__main__":
    main()
