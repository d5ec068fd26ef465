"""Reading documents: encodings, formats, metadata, and a clear refusal for bad input."""

import hashlib
import io
from datetime import date

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from equipoise.errors import EvidenceError
from equipoise.evidence.reader import decode_text, expand_paths, read_document

BODY = "Moscow and Pyongyang signed a rail agreement in 2019.\n\nThe deal was worth $10 million."


def make_pdf(lines: list[str] | None, *, title: str | None = None, author: str | None = None) -> bytes:
    """A one-page PDF; with ``lines`` it has a text layer (Helvetica), without it is blank."""
    w = PdfWriter()
    page = w.add_blank_page(612, 792)
    if lines:
        font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                                 NameObject("/BaseFont"): NameObject("/Helvetica")})
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): w._add_object(font)})})
        ops = "BT /F1 12 Tf 72 720 Td " + " 0 -16 Td ".join(f"({ln}) Tj" for ln in lines) + " ET"
        stream = DecodedStreamObject()
        stream.set_data(ops.encode("latin-1"))
        page[NameObject("/Contents")] = w._add_object(stream)
    meta = {k: v for k, v in (("/Title", title), ("/Author", author)) if v}
    if meta:
        w.add_metadata(meta)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def test_utf8_text_with_title_and_hash(tmp_path):
    p = tmp_path / "note.txt"
    p.write_text("Rail diplomacy\n\n" + BODY, encoding="utf-8")
    d = read_document(p)
    assert d.name == "note.txt" and d.kind == "text" and d.encoding == "utf-8"
    assert d.title == "Rail diplomacy"
    assert d.text == "Rail diplomacy\n\n" + BODY
    assert d.sha256 == hashlib.sha256(d.text.encode("utf-8")).hexdigest()
    assert d.size == p.stat().st_size


def test_latin1_text(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Le président russe a reçu Kim à Vladivostok.".encode("latin-1"))
    d = read_document(p)
    assert d.text == "Le président russe a reçu Kim à Vladivostok."
    assert d.encoding in ("cp1252", "latin-1")


def test_cp1252_smart_quotes(tmp_path):
    p = tmp_path / "quotes.txt"
    p.write_bytes("The \u201cTurn to the East\u201d \u2013 a policy.".encode("cp1252"))
    assert read_document(p).text == "The \u201cTurn to the East\u201d \u2013 a policy."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig", "utf-32"])
def test_bom_encodings(tmp_path, encoding):
    p = tmp_path / "bom.txt"
    data = BODY.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    p.write_bytes(data)
    d = read_document(p)
    assert d.text == BODY
    # the same content gives the same hash whatever the encoding
    assert d.sha256 == hashlib.sha256(BODY.encode("utf-8")).hexdigest()


def test_crlf_normalised(tmp_path):
    p = tmp_path / "dos.txt"
    p.write_bytes(BODY.replace("\n", "\r\n").encode())
    assert read_document(p).text == BODY


def test_markdown_front_matter(tmp_path):
    p = tmp_path / "post.md"
    p.write_text("---\ntitle: Rail links\nauthor: Ann Lee\ndate: 2019-04-25\n---\n\n" + BODY)
    d = read_document(p)
    assert (d.kind, d.title, d.author, d.date) == ("markdown", "Rail links", "Ann Lee", date(2019, 4, 25))


def test_byline_in_text(tmp_path):
    p = tmp_path / "byline.txt"
    p.write_text("A title\n\nAnalysis by Prof. Ann Lee\n\n" + BODY)
    assert read_document(p).author == "Prof. Ann Lee"


def test_html_main_text_and_metadata(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><title>Rail diplomacy</title><meta name='author' content='Ann Lee'>"
        "<meta property='article:published_time' content='2019-04-25'></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/about'>About us</a></nav><article><h1>Rail diplomacy</h1>"
        "<p>Moscow and Pyongyang signed a rail agreement in 2019, opening a link from Khasan to Rajin.</p>"
        "<p>The deal was worth $10 million and covered the port terminal as well.</p></article>"
        "<footer>Copyright notice</footer></body></html>", encoding="utf-8")
    d = read_document(p)
    assert d.kind == "html"
    assert "signed a rail agreement in 2019" in d.text and "$10 million" in d.text
    assert "About us" not in d.text and "Copyright" not in d.text
    # paragraphs stay apart as blank-line blocks
    assert "Rajin.\n\nThe deal" in d.text
    assert (d.title, d.author, d.date) == ("Rail diplomacy", "Ann Lee", date(2019, 4, 25))


def test_pdf_with_text_layer(tmp_path):
    p = tmp_path / "paper.pdf"
    p.write_bytes(make_pdf(["Russia and North Korea met in 2019.", "Trade reached $34 million."],
                           title="Trade note", author="A. Writer"))
    d = read_document(p)
    assert d.kind == "pdf"
    assert "Russia and North Korea met in 2019." in d.text and "$34 million" in d.text
    assert (d.title, d.author) == ("Trade note", "A. Writer")


@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t\n  ", "empty file"),
    ("blob.txt", bytes(range(256)) * 4, "binary file"),
    ("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\x01" * 50, "binary file"),
    ("nomain.html", b"<html><head><title>x</title><script>var a = 1;</script></head><body></body></html>",
     "HTML has no main text"),
    ("menu.html", b"<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/a'>About us</a></li></ul></nav>"
     b"<footer><p>Copyright 2024 Example Media. All rights reserved.</p></footer></body></html>",
     "HTML has no main text"),
    ("form.htm", b"<html><head><title>Login</title></head><body><form><input name=u><button>Sign in</button>"
     b"</form></body></html>", "HTML has no main text"),
    ("fake.pdf", b"this is not a pdf at all", "not a PDF"),
    ("broken.pdf", b"%PDF-1.4\n garbage garbage", "not a readable PDF"),
    ("table.csv", b"a,b\n1,2\n", "unsupported file type '.csv'"),
])
def test_bad_input_refused_with_reason(tmp_path, name, content, reason):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(EvidenceError) as err:
        read_document(p)
    assert reason in err.value.message
    assert str(err.value).startswith(str(p) + ": ")


def test_pdf_without_text_layer(tmp_path):
    p = tmp_path / "scan.pdf"
    p.write_bytes(make_pdf(None))
    with pytest.raises(EvidenceError, match="PDF has no text layer"):
        read_document(p)


def test_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("Moscow. " * 2000)
    assert read_document(p, max_bytes=16_000).name == "big.txt"
    with pytest.raises(EvidenceError, match=r"over the 0.01 MB limit"):
        read_document(p, max_bytes=10_000)


def test_missing_file(tmp_path):
    with pytest.raises(EvidenceError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_decode_text_utf16_without_bom_is_binary():
    with pytest.raises(EvidenceError, match="binary"):
        decode_text("Moscow".encode("utf-16-le"))


def test_expand_paths_walks_folders(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for rel in ["b.txt", "a.md", "sub/c.html", "sub/d.pdf", "notes.csv", ".hidden/e.txt", "sub/.f.txt"]:
        (tmp_path / rel).write_text("x")
    got = [p.relative_to(tmp_path).as_posix() for p in expand_paths([tmp_path, tmp_path / "notes.csv"])]
    assert got == ["a.md", "b.txt", "sub/c.html", "sub/d.pdf", "notes.csv"]
