"""Security of the web app: escaping, upload limits, path traversal, error pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from equipoise.errors import EquipoiseError
from equipoise.present.web import create_app
from equipoise.present.web.app import resolve_inside

WEB_CASE = Path(__file__).parent / "cases" / "web.yaml"
PAGES = ["/", "/timeline", "/evidence", "/relations", "/forecasts", "/games", "/scenarios", "/claims"]


def _script_tags(html: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", html, re.I)


@pytest.mark.parametrize("path", PAGES)
def test_no_script_from_case_text_reaches_a_page(web_client, path):
    html = web_client.get(path).text
    for tag in _script_tags(html):
        # only our own scripts: files served by the app, or inert JSON data blocks
        assert re.fullmatch(r'<script src="/(static|vendor)/[a-z.]+\.js" defer>|<script type="application/json" id="[\w-]+">',
                            tag), tag
    for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S):
        assert "<" not in block and ">" not in block  # JSON cannot close its block
    assert "<img src=x" not in html
    assert "alert('title')" not in html or "&lt;script&gt;alert(&#39;title&#39;)" in html


def test_case_strings_render_as_text(web_client):
    html = web_client.get("/").text
    assert "Web &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; test case" in html
    assert "&lt;b&gt;not bold&lt;/b&gt; &amp; &lt;script&gt;alert(&#39;desc&#39;)&lt;/script&gt;" in html
    timeline = web_client.get("/timeline").text
    assert "Betastan &lt;script&gt;alert(&#39;event&#39;)&lt;/script&gt;." in timeline


def test_document_text_renders_as_text(web_client):
    docs = web_client.get("/api/evidence/documents").json()["documents"]
    doc = next(d for d in docs if d["name"] == "web_memo.txt")
    html = web_client.get(f"/evidence/doc/{doc['id']}").text
    assert "&lt;script&gt;alert(&#39;doc&#39;)&lt;/script&gt;" in html
    assert "<script>alert('doc')" not in html


def test_security_headers(web_client):
    r = web_client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_upload_refuses_disallowed_types(web_client):
    for name, ctype in (("tool.exe", "application/octet-stream"), ("pic.svg", "image/svg+xml"), ("noext", "text/plain")):
        r = web_client.post("/evidence/upload", files={"file": (name, b"hello world.", ctype)}, data={"csrf_token": web_client.app.state.csrf_token})
        assert r.status_code == 415
        assert "is not accepted; upload one of .htm, .html, .md, .pdf, .txt" in r.text


def test_upload_refuses_files_over_the_limit(tmp_path):
    app = create_app(WEB_CASE, data_dir=tmp_path, max_upload=1000)
    client = TestClient(app, raise_server_exceptions=False, base_url="http://localhost")
    r = client.post("/evidence/upload", files={"file": ("big.txt", b"A sentence here. " * 100, "text/plain")}, data={"csrf_token": client.app.state.csrf_token})
    assert r.status_code == 413
    assert "larger than the upload limit of 1,000 bytes" in r.text
    assert not (tmp_path / "uploads" / "big.txt").exists()
    r = client.post("/api/evidence/upload", files={"file": ("big.txt", b"x" * 1001, "text/plain")})
    assert r.status_code == 413 and r.json()["status"] == 413
    r = client.post("/evidence/upload", files={"file": ("empty.txt", b"", "text/plain")}, data={"csrf_token": client.app.state.csrf_token})
    assert r.status_code == 400 and "is empty" in r.text


def test_upload_name_cannot_leave_the_data_directory(tmp_path):
    data = tmp_path / "data"
    app = create_app(WEB_CASE, data_dir=data)
    client = TestClient(app, raise_server_exceptions=False, base_url="http://localhost")
    r = client.post("/evidence/upload", files={"file": ("../../escaped.txt", b"Alphaland met Betastan in 2004.",
                                                        "text/plain")}, data={"csrf_token": client.app.state.csrf_token})
    assert r.status_code == 200, r.text
    assert (data / "uploads" / "escaped.txt").is_file()
    assert not (tmp_path / "escaped.txt").exists() and not (data / "escaped.txt").exists()
    assert sorted(p.name for p in tmp_path.rglob("escaped.txt")) == ["escaped.txt"]


@pytest.mark.parametrize("name", ["../x.yaml", "..", "/etc/passwd", "a/b.yaml", ".hidden", "", "x\\..\\y",
                                  "C:evil", "ok.yaml\x00.txt"])
def test_resolve_inside_refuses_anything_but_a_plain_name(tmp_path, name):
    with pytest.raises(EquipoiseError):
        resolve_inside(tmp_path, name)


def test_resolve_inside_accepts_a_plain_name(tmp_path):
    assert resolve_inside(tmp_path, "my-scenario_1.yaml") == (tmp_path / "my-scenario_1.yaml").resolve()


@pytest.mark.parametrize("path", ["/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                  "/evidence/locator/..%2F..%2Fetc%2Fpasswd", "/evidence/doc/..%2F1",
                                  "/evidence/value/event/..%2F..%2Fetc"])
def test_request_paths_do_not_reach_the_file_system(web_client, path):
    r = web_client.get(path)
    assert r.status_code in (400, 404)
    assert "import " not in r.text and "root:" not in r.text
    assert "Traceback" not in r.text


def test_error_pages_show_a_message_not_a_traceback(tmp_path, monkeypatch):
    app = create_app(WEB_CASE, data_dir=tmp_path)
    client = TestClient(app, raise_server_exceptions=False, base_url="http://localhost")
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "<h1>Not found</h1>" in r.text
    r = client.get("/evidence/doc/not-a-number")
    assert r.status_code == 400 and "doc_id" in r.text

    def broken():
        raise RuntimeError("secret internals")
    monkeypatch.setattr(app.state.view, "overview", broken)
    r = client.get("/")
    assert r.status_code == 500
    assert "Something went wrong" in r.text
    assert "secret internals" not in r.text and "Traceback" not in r.text and "RuntimeError" not in r.text
    r = client.get("/api/nothing")
    assert r.status_code == 404 and r.json()["status"] == 404
