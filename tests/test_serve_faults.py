"""`nashra serve` under faults (issue 15): stalled and many clients, long paths, a port in
use, a host beyond this machine. Loopback only; every wait is bounded."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from support import REPO

from nashra.build.pipeline import build
from nashra.commands import serve

SMALL = Path(__file__).parent / "fixtures" / "small"


def start(out: Path, state: serve.ServerStatus) -> tuple[serve.Server, int]:
    """The preview server over `out` on a free loopback port, serving on a thread."""
    server = serve.make_server(out, state, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def request(port: int, path: str, timeout: float = 10) -> tuple[int, bytes]:
    """A raw GET over loopback: status code and body (0 when nothing came back)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(f"GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n".encode())
        data = b""
        try:
            while chunk := s.recv(65536):
                data += chunk
        except (TimeoutError, ConnectionResetError):
            pass
    if not data.startswith(b"HTTP/"):
        return 0, data
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    build(project, search=False)
    return project / "site"


def test_over_long_paths_get_414_and_long_names_404(small_site):
    server, port = start(small_site, serve.ServerStatus())
    try:
        code, _ = request(port, "/" + "a" * 8000)
        assert code == 414
        code, body = request(port, "/en/" + "b" * 3000 + "/index.html")
        assert code == 404 and b"<html" in body  # a name the file system refuses: not found
        assert request(port, "/en/index.html")[0] == 200
    finally:
        server.shutdown()
        server.server_close()


def test_a_stalled_client_holds_up_neither_rebuilds_nor_other_requests(small_site):
    (small_site / "big.bin").write_bytes(os.urandom(48 << 20))  # more than socket buffers
    state = serve.ServerStatus()
    server, port = start(small_site, state)
    stalled = socket.socket()
    try:
        stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        stalled.connect(("127.0.0.1", port))
        stalled.sendall(b"GET /big.bin HTTP/1.0\r\n\r\n")  # and never reads the answer
        time.sleep(1.0)
        # what a rebuild takes to replace files: free while the stalled answer is being sent
        assert state.site_lock.acquire(timeout=2), "the site lock is held while sending"
        state.site_lock.release()
        started = time.perf_counter()
        assert request(port, "/en/index.html")[0] == 200
        assert time.perf_counter() - started < 2
    finally:
        stalled.close()
        server.shutdown()
        server.server_close()


def test_a_port_in_use_is_a_message_not_a_traceback(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run([sys.executable, "-m", "nashra", "serve", "--project", str(project),
                              "--port", str(port)], capture_output=True, text=True, timeout=120,
                             env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert f"127.0.0.1:{port}" in run.stderr and "in use" in run.stderr
    assert "--port" in run.stderr  # the hint says what to do
    assert not (project / "site").exists()  # nothing built for a server that cannot start


def test_a_host_beyond_this_machine_gets_a_warning():
    for host in ("127.0.0.1", "::1", "localhost", "127.0.0.2"):
        assert serve.host_warning(host) is None, host
    for host in ("0.0.0.0", "::", "192.168.1.20", "example.org"):
        warning = serve.host_warning(host)
        assert warning and host in warning and "127.0.0.1" in warning, host


# --- many clients at once ------------------------------------------------------------------

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


@pytest.mark.slow
def test_fifty_clients_and_a_stalled_one_keep_p99_under_200_ms(default_site):
    pages = sorted(p.relative_to(default_site).as_posix() for p in default_site.rglob("*.html"))
    paths = ["/" + p for p in pages[:: max(1, len(pages) // 40)]]
    biggest = max((p for p in default_site.rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)
    server, port = start(default_site, serve.ServerStatus())
    stalled = []
    try:
        for what in (b"GET /" + biggest.relative_to(default_site).as_posix().encode()
                     + b" HTTP/1.0\r\n\r\n", b"GET /en/index.ht"):  # never reads; never ends
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.connect(("127.0.0.1", port))
            s.sendall(what)
            stalled.append(s)
        run = subprocess.run([sys.executable, "-c", CLIENT_SCRIPT, str(port), str(CLIENTS),
                              str(REQUESTS)], input=json.dumps(paths), capture_output=True,
                             text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        result = json.loads(run.stdout)
        assert result["failures"] == []
        times = result["times"]
        assert len(times) == CLIENTS * REQUESTS
        times.sort()
        p99 = times[int(len(times) * 0.99) - 1]
        print(f"{len(times)} requests from {CLIENTS} clients: median "
              f"{times[len(times) // 2] * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
              f"max {times[-1] * 1000:.1f} ms")
        assert p99 < 0.200
    finally:
        for s in stalled:
            s.close()
        server.shutdown()
        server.server_close()
