"""`nashra serve`: the last good build stays served and a failed rebuild shows its error."""

from __future__ import annotations

import functools
import json
import shutil
import threading
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from nashra.commands import serve

SMALL = Path(__file__).parent / "fixtures" / "small"


@pytest.fixture
def server(tmp_path, monkeypatch):
    """A preview server over a copy of the small fixture (search off: speed)."""
    monkeypatch.setattr(serve, "build", functools.partial(serve.build, search=False))
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    state = serve.ServerStatus()
    out = project / "site"
    serve.rebuild(project, out, state)
    handler = functools.partial(serve.Handler, state=state, directory=str(out))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield project, out, state, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def test_pages_get_the_reload_script_and_status_reports_generation(server):
    _project, out, _state, base = server
    code, body = get(base + "/en/index.html")
    assert code == 200 and "/__nashra/status" in body
    assert "/__nashra/status" not in (out / "en/index.html").read_text("utf-8")
    status = json.loads(get(base + "/__nashra/status")[1])
    assert (status["generation"], status["error"]) == (1, "")
    assert status["seconds"] > 0
    assert get(base + "/no/such/page.html")[0] == 404


def test_failed_rebuild_keeps_last_good_site_and_reports_the_error(server):
    project, out, state, base = server
    bad = project / "content/briefings/2024-06-summit.en.md"
    bad.write_text(bad.read_text("utf-8").replace("translation: editorial", "translation: x"))
    serve.rebuild(project, out, state)
    status = json.loads(get(base + "/__nashra/status")[1])
    assert status["generation"] == 1
    assert ("content/briefings/2024-06-summit.en.md:7: error: 'translation' must be"
            in status["error"])
    assert get(base + "/en/briefings/2024-06-summit/index.html")[0] == 200
    bad.write_text(bad.read_text("utf-8").replace("translation: x", "translation: editorial"))
    serve.rebuild(project, out, state)
    status = json.loads(get(base + "/__nashra/status")[1])
    assert (status["generation"], status["error"]) == (2, "")


def test_rebuild_is_incremental_and_keeps_its_state_in_memory(server, monkeypatch):
    project, out, state, base = server
    page = project / "content/briefings/2024-06-summit.ar.md"
    page.write_text(page.read_text("utf-8").replace("title: ", "title: جديد ", 1), "utf-8")
    loads = []
    monkeypatch.setattr(serve.cache, "load", lambda *a: loads.append(a))
    reports = []
    real_build = serve.build
    monkeypatch.setattr(serve, "build", lambda *a, **k: reports.append(real_build(*a, **k))
                        or reports[-1])
    serve.rebuild(project, out, state)
    assert loads == []  # the previous build's state came from memory, not the cache file
    report = reports[-1]
    assert 0 < report.rendered < len(report.pages) and report.written <= report.rendered
    assert "جديد" in get(base + "/ar/briefings/2024-06-summit/index.html")[1]


def test_requests_wait_while_a_rebuild_replaces_files(server):
    _project, _out, state, base = server
    answered = threading.Event()

    def fetch() -> None:
        get(base + "/en/index.html")
        answered.set()

    with state.site_lock:  # what a rebuild holds while it renames new files into place
        threading.Thread(target=fetch, daemon=True).start()
        assert not answered.wait(0.5)
    assert answered.wait(5)
    assert json.loads(get(base + "/__nashra/status")[1])["generation"] == 1


def test_search_index_catches_up_after_a_deferred_rebuild(tmp_path):
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    state = serve.ServerStatus()
    out = project / "site"
    serve.rebuild(project, out, state)
    assert state.stale_index == ("ar", "en") and not (out / "pagefind").exists()
    serve.reindex(project, out, state)
    assert state.stale_index == () and (out / "pagefind" / "pagefind-entry.json").is_file()
    assert state.generation == 2
    # the CLI build that follows trusts the index: nothing to do
    assert serve.build(project, out).written == 0
