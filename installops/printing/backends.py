"""Where a PDF goes when the office presses "print": a small backend chosen in settings.

`PRINT_BACKEND` names the class (a dotted path). The file backend (the default) writes each PDF into
`PRINT_SPOOL_DIR`, for a machine without a printer or a folder a print server watches; the CUPS
backend hands the PDF to `lp -d PRINTER_NAME` on its standard input. A backend either returns a short
reference (the spool file, lp's request id) or raises `PrintError` with a sentence the office can act
on; `retryable` says whether trying again later may help (a busy printer) or not (no `lp` installed).
"""

import re
import subprocess
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify


class PrintError(Exception):
    def __init__(self, message: str, *, retryable: bool = True):
        super().__init__(message)
        self.message = message
        self.retryable = retryable


class PrintBackend:
    """Prints one PDF. Subclasses implement `print_pdf`."""

    def print_pdf(self, *, content: bytes, title: str) -> str:
        raise NotImplementedError


class FilePrintBackend(PrintBackend):
    """Writes the PDF into the spool folder (created when missing); returns the file's path."""

    def print_pdf(self, *, content: bytes, title: str) -> str:
        folder = Path(settings.PRINT_SPOOL_DIR)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
            path = folder / f"{stamp}-{slugify(title)[:60] or 'print'}-{uuid.uuid4().hex[:8]}.pdf"
            path.write_bytes(content)
        except OSError as error:
            raise PrintError(f"The print folder {folder} cannot be written: {error.strerror or error}.") from error
        return str(path)


# lp says "request id is office-42 (1 file(s))".
_LP_REQUEST_ID = re.compile(r"request id is (\S+)")


class CupsPrintBackend(PrintBackend):
    """Runs `lp -d PRINTER_NAME -t <title>` with the PDF on its standard input, within a time limit."""

    def print_pdf(self, *, content: bytes, title: str) -> str:
        printer = settings.PRINTER_NAME
        if not printer:
            raise PrintError("No printer is set up: PRINTER_NAME is empty.", retryable=False)
        command = [settings.PRINT_LP_COMMAND, "-d", printer, "-t", title[:100] or "InstallOps"]
        timeout = settings.PRINT_TIMEOUT_SECONDS
        try:
            finished = subprocess.run(  # noqa: S603 - fixed arguments, no shell
                command, input=content, capture_output=True, timeout=timeout, check=False
            )
        except FileNotFoundError as error:
            raise PrintError(
                f"“{settings.PRINT_LP_COMMAND}” is not installed on the print worker (install cups-client).",
                retryable=False,
            ) from error
        except PermissionError as error:
            raise PrintError(
                f"“{settings.PRINT_LP_COMMAND}” cannot be run: {error.strerror}.", retryable=False
            ) from error
        except subprocess.TimeoutExpired as error:
            raise PrintError(f"The printer {printer} did not take the job within {timeout} seconds.") from error
        output = finished.stdout.decode(errors="replace").strip()
        if finished.returncode != 0:
            said = finished.stderr.decode(errors="replace").strip() or output or "no message"
            raise PrintError(f"The printer {printer} refused the job (lp exit {finished.returncode}): {said[:300]}")
        found = _LP_REQUEST_ID.search(output)
        return found.group(1) if found else (output[:100] or printer)


def get_print_backend() -> PrintBackend:
    return import_string(settings.PRINT_BACKEND)()


# What the test backend "printed": (title, content) pairs, like Django's locmem mail outbox.
printed: list[tuple[str, bytes]] = []


class LocmemPrintBackend(PrintBackend):
    """Keeps the PDFs in `printed` (the test settings use it)."""

    def print_pdf(self, *, content: bytes, title: str) -> str:
        printed.append((title, content))
        return f"locmem-{len(printed)}"
