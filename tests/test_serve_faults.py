"""`nashra serve` under faults (issue 15): stalled and many clients, long paths, a port in
use, a host beyond this machine. Loopback only; every wait is bounded."""

from __future__ import annotations

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
        assert state.site_lock.acquire(timeout=10), "the site lock is held while sending"
        state.site_lock.release()
        # a blocked server never answers: request() gives up after its timeout with code 0
        assert request(port, "/en/index.html", timeout=10)[0] == 200
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


# --- many clients at once (timings: benchmarks/serve_load.py) ------------------------------


@pytest.mark.slow
def test_fifty_clients_and_stalled_ones_all_get_answers(default_site):
    sys.path.insert(0, str(REPO / "benchmarks"))
    from serve_load import CLIENTS, REQUESTS, load, summary

    result = load(default_site)
    assert result["failures"] == []
    assert len(result["times"]) == CLIENTS * REQUESTS
    print(summary(result["times"]))  # a figure for the notes, not a timed assertion
