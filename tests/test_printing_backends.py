"""The print backends: the spool folder, and CUPS through `lp` (a stand-in `lp` script on PATH)."""

import stat
from pathlib import Path

import pytest

from installops.printing.backends import CupsPrintBackend, FilePrintBackend, PrintError, get_print_backend

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def fake_lp(folder: Path, script: str) -> Path:
    """An `lp` on PATH that runs `script` (sh): the real CUPS client is not needed to test the backend."""
    path = folder / "lp"
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def cups(settings, tmp_path, monkeypatch):
    settings.PRINT_BACKEND = "installops.printing.backends.CupsPrintBackend"
    settings.PRINTER_NAME = "office"
    settings.PRINT_LP_COMMAND = "lp"
    settings.PRINT_TIMEOUT_SECONDS = 5
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    return bin_dir


def test_the_file_backend_writes_the_pdf_into_the_spool_folder(settings, tmp_path):
    settings.PRINT_SPOOL_DIR = tmp_path / "spool" / "new"
    reference = FilePrintBackend().print_pdf(content=PDF, title="Permit packet B-1 · Ana Ruiz")
    written = Path(reference)
    assert written.parent == tmp_path / "spool" / "new"
    assert written.read_bytes() == PDF
    assert written.name.endswith(".pdf")
    assert "permit-packet-b-1" in written.name


def test_the_file_backend_says_when_the_folder_cannot_be_written(settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    settings.PRINT_SPOOL_DIR = blocker / "spool"
    with pytest.raises(PrintError, match="cannot be written"):
        FilePrintBackend().print_pdf(content=PDF, title="x")


def test_the_default_backend_is_the_one_settings_name(settings):
    settings.PRINT_BACKEND = "installops.printing.backends.FilePrintBackend"
    assert isinstance(get_print_backend(), FilePrintBackend)


def test_cups_hands_the_pdf_to_lp_on_its_standard_input(cups, tmp_path):
    received = tmp_path / "received.pdf"
    arguments = tmp_path / "arguments"
    fake_lp(cups, f'echo "$@" > {arguments}\ncat > {received}\necho "request id is office-42 (1 file(s))"')

    reference = get_print_backend().print_pdf(content=PDF, title="Job folder J-7")

    assert reference == "office-42"
    assert received.read_bytes() == PDF
    assert arguments.read_text().strip() == "-d office -t Job folder J-7"


def test_cups_reports_what_lp_said_when_it_fails(cups):
    fake_lp(cups, 'cat > /dev/null\necho "lp: The printer or class does not exist." >&2\nexit 1')
    with pytest.raises(PrintError, match="does not exist") as refused:
        CupsPrintBackend().print_pdf(content=PDF, title="x")
    assert "lp exit 1" in refused.value.message
    assert refused.value.retryable


def test_cups_without_lp_installed_says_so_and_does_not_retry(cups):
    with pytest.raises(PrintError, match="not installed") as refused:
        CupsPrintBackend().print_pdf(content=PDF, title="x")
    assert not refused.value.retryable


def test_cups_gives_up_on_a_printer_that_does_not_answer(cups, settings):
    settings.PRINT_TIMEOUT_SECONDS = 1
    fake_lp(cups, "exec sleep 5")
    with pytest.raises(PrintError, match="within 1 seconds"):
        CupsPrintBackend().print_pdf(content=PDF, title="x")


def test_cups_without_a_printer_name_is_refused_before_running_anything(cups, settings, tmp_path):
    settings.PRINTER_NAME = ""
    ran = tmp_path / "ran"
    fake_lp(cups, f"touch {ran}")
    with pytest.raises(PrintError, match="PRINTER_NAME") as refused:
        CupsPrintBackend().print_pdf(content=PDF, title="x")
    assert not refused.value.retryable
    assert not ran.exists()
