"""Malformed and hostile files: one clear line naming file and line, exit 2, no traceback, no leak."""

from __future__ import annotations

import gzip
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import write

Run = Callable[..., tuple[int, str, str]]
SECRET = "TOP-SECRET-7f3a9c"
HEADER = (
    '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
    'adminlang="en" srclang="fr" datatype="plaintext"/>'
)
GOOD_TU = '<tu><tuv xml:lang="fr"><seg>Bonjour {x}</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>'


def doc(doctype: str = "", seg_extra: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}\n<tmx version="1.4">{HEADER}<body>'
        + GOOD_TU.replace("{x}", seg_extra)
        + "</body></tmx>\n"
    )


def assert_one_line_error(rc: int, out: str, err: str, path: str, needle: str) -> None:
    assert rc == 2
    assert "Traceback" not in err and "Traceback" not in out
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert path in lines[0]
    assert needle.lower() in lines[0].lower(), lines[0]


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    p = tmp_path / "secret.txt"
    p.write_text(SECRET)
    return p


@pytest.fixture
def loopback() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            body = SECRET.encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def test_xxe_local_file_never_leaks(tmp_path: Path, secret_file: Path, run_tmqa: Run) -> None:
    dt = f'<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file://{secret_file}">]>'
    path = write(tmp_path, "xxe.tmx", doc(dt, "&xxe;"))
    for fmt in ("text", "json"):
        rc, out, err = run_tmqa("check", path, "--format", fmt)
        assert SECRET not in out + err
        assert_one_line_error(rc, out, err, path, "entities are not allowed")


def test_xxe_loopback_url_is_never_fetched(
    tmp_path: Path, loopback: tuple[str, list[str]], run_tmqa: Run
) -> None:
    url, hits = loopback
    dt = f'<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "{url}/x">]>'
    path = write(tmp_path, "xxe.tmx", doc(dt, "&xxe;"))
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, path, "entities are not allowed")
    assert SECRET not in out + err
    assert hits == []


def test_parameter_entity_to_external_dtd(
    tmp_path: Path, loopback: tuple[str, list[str]], run_tmqa: Run
) -> None:
    url, hits = loopback
    dt = f'<!DOCTYPE tmx [<!ENTITY % p SYSTEM "{url}/evil.dtd"> %p;]>'
    path = write(tmp_path, "pe.tmx", doc(dt))
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, path, "entities are not allowed")
    assert hits == []


def test_internal_entity_declaration_refused(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "e.tmx", doc('<!DOCTYPE tmx [<!ENTITY co "Contoso">]>'))
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, path, "entities are not allowed")


def test_billion_laughs(tmp_path: Path, run_tmqa: Run) -> None:
    ents = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    path = write(tmp_path, "bomb.tmx", doc(f"<!DOCTYPE tmx [{ents}]>", "&a9;"))
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, path, "entit")


def test_quadratic_blowup(tmp_path: Path, run_tmqa: Run) -> None:
    big = "A" * 50_000
    path = write(tmp_path, "quad.tmx", doc(f'<!DOCTYPE tmx [<!ENTITY a "{big}">]>', "&a;" * 5000))
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, path, "entit")


def test_bare_doctype_is_fine(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "ok.tmx", doc('<!DOCTYPE tmx SYSTEM "http://127.0.0.1:9/tmx14.dtd">'))
    rc, _, err = run_tmqa("check", path)
    assert rc == 0, err


def test_truncated_file(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "trunc.tmx", doc()[:-40])
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, f"{path}:3", "XML error")


def test_empty_file(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "empty.tmx", b"")
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, path, "empty")


def test_binary_file(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "bin.tmx", bytes(range(256)) * 4)
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, path, "binary")


def test_plain_text_file(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "notes.tmx", "Just some notes\n")
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, path, "not XML")


def test_html_file(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(
        tmp_path, "page.tmx", "<!DOCTYPE html><html><body><p>Hi&nbsp;there<br></body></html>"
    )
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, path, "error")


def test_xhtml_root_is_not_tmx(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "page.tmx", '<?xml version="1.0"?><html><body><p>Hi</p></body></html>')
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, f"{path}:1", "not <tmx>")


def test_gzip_is_refused_not_inflated(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "z.tmx", gzip.compress(doc().encode()))
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, path, "gzip")


def test_utf16_without_bom_or_declaration(tmp_path: Path, run_tmqa: Run) -> None:
    text = doc().replace('<?xml version="1.0" encoding="UTF-8"?>\n', "")
    path = write(tmp_path, "u16.tmx", text.encode("utf-16-le"))
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, path, "UTF-16 without a byte-order mark")
    assert "Char 0x0" not in err


def test_latin1_bytes_declared_utf8(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "l1.tmx", doc(seg_extra="été").encode("latin-1"))
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, path, "encoding")


def test_undefined_html_entity(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "nbsp.tmx", doc(seg_extra="a&nbsp;b"))
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, path, "entit")


def test_lone_surrogate_reference(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "sur.tmx", doc(seg_extra="&#xD800;"))
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, f"{path}:3", "XML error")


def test_control_character(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "ctl.tmx", doc(seg_extra="\x01"))
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, f"{path}:3", "XML error")


def test_deep_nesting_names_the_limit(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "deep.tmx", doc(seg_extra="<hi>" * 300 + "x" + "</hi>" * 300))
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, path, "--allow-huge")
    rc, _, err = run_tmqa("check", path, "--allow-huge")
    assert rc == 0, err


def test_missing_file_and_directory_of_nothing(tmp_path: Path, run_tmqa: Run) -> None:
    rc, out, err = run_tmqa("check", str(tmp_path / "nope.tmx"))
    assert_one_line_error(rc, out, err, "nope.tmx", "no such file")


def test_xinclude_is_never_processed(tmp_path: Path, secret_file: Path, run_tmqa: Run) -> None:
    inc = f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{secret_file}" parse="text"/>'
    path = write(tmp_path, "xi.tmx", doc(seg_extra=inc))
    rc, out, err = run_tmqa("check", path, "--format", "json", "--fail-on", "never")
    assert rc == 0, err
    assert SECRET not in out + err


def test_text_node_over_10mb_names_the_limit(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "huge.tmx", doc(seg_extra="a" * 10_000_100))
    rc, out, err = run_tmqa("check", path)
    assert_one_line_error(rc, out, err, path, "10,000,000-byte limit")
    assert "--allow-huge" in err
    rc, _, err = run_tmqa("check", path, "--allow-huge", "--select", "S101")
    assert rc == 0, err


def test_processing_instruction_and_comment_do_not_split_terms(
    tmp_path: Path, run_tmqa: Run
) -> None:
    path = write(tmp_path, "pi.tmx", doc(seg_extra="<!-- c --><?x y?>"))
    rc, _, err = run_tmqa("check", path, "--select", "S101")
    assert rc == 0, err


def test_inputs_are_never_modified(tmp_path: Path, run_tmqa: Run) -> None:
    path = write(tmp_path, "a.tmx", doc())
    before = Path(path).read_bytes()
    baseline = str(tmp_path / "base.json")
    for argv in (
        ("check", path),
        ("check", path, "--write-baseline", baseline),
        (
            "check",
            path,
            "--baseline",
            baseline,
            "--format",
            "sarif",
            "--output",
            str(tmp_path / "r.sarif"),
        ),
    ):
        run_tmqa(*argv)
    assert Path(path).read_bytes() == before
    assert not list(tmp_path.glob(".tmqa-*"))
