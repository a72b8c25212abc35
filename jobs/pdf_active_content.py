"""Finding what a PDF could run or carry besides its pages.

A job folder's PDFs are opened by office staff, by installers' phones and by customers, and are
appended to the printed folder. A PDF can carry JavaScript, launch programs, post form data to a
server, hold other files, or play Flash/3D content. Such a file is refused rather than cleaned: the
paperwork here is contracts, permits and rebate forms whose content must stay exactly as signed, and
a rewritten copy would silently break its signature and change what the sender sent. The office asks
for a plain copy ("Print to PDF" or a scan), which has none of it.

The check walks pypdf's parsed object tree from the trailer, so objects packed in compressed object
streams are seen as they are, whatever their bytes look like on disk; a plain scan of the raw bytes
would miss them.
"""

from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# Action types that run code, open other files or programs, or send data out. /GoTo and /URI (a link,
# which the viewer asks about) are what ordinary documents use and stay allowed.
ACTIVE_ACTIONS = {
    "/JavaScript": "JavaScript",
    "/Launch": "an action that starts a program",
    "/SubmitForm": "a form that sends data to a server",
    "/ImportData": "an action that imports data",
    "/GoToR": "a link that opens another file",
    "/GoToE": "a link into an attached file",
    "/RichMediaExecute": "embedded media",
    "/Rendition": "embedded media",
}
# Keys that hold scripts, attachments or XML form logic wherever they appear.
ACTIVE_KEYS = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/EmbeddedFiles": "attached files",
    "/EF": "attached files",
    "/XFA": "an XFA form (form logic)",
    "/RichMediaContent": "embedded media",
}
ACTIVE_SUBTYPES = {
    "/FileAttachment": "attached files",
    "/RichMedia": "embedded media",
    "/Movie": "embedded media",
    "/Sound": "embedded media",
    "/Screen": "embedded media",
    "/3D": "embedded 3D content",
}
ACTIVE_TYPES = {"/EmbeddedFile": "attached files", "/Filespec": "attached files"}
# Beyond this many objects the file is refused instead of walked on: no real paperwork comes near it.
MAX_OBJECTS = 500_000


class TooComplexPdf(Exception):
    pass


def _name(value) -> str | None:
    value = value.get_object() if isinstance(value, IndirectObject) else value
    return str(value) if isinstance(value, NameObject) else None


def pdf_active_content(trailer: DictionaryObject) -> set[str]:
    """What active content a parsed PDF holds, as words for the refusal message (empty when none)."""
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list = [trailer]
    visited = 0
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            reference = (item.idnum, item.generation)
            if reference in seen:
                continue
            seen.add(reference)
            item = item.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise TooComplexPdf
        if isinstance(item, DictionaryObject):
            found.update(label for name, label in ACTIVE_KEYS.items() if name in item)
            action = _name(item.get("/S"))
            if action in ACTIVE_ACTIONS:
                found.add(ACTIVE_ACTIONS[action])
            subtype = _name(item.get("/Subtype"))
            if subtype in ACTIVE_SUBTYPES:
                found.add(ACTIVE_SUBTYPES[subtype])
            kind = _name(item.get("/Type"))
            if kind in ACTIVE_TYPES:
                found.add(ACTIVE_TYPES[kind])
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return found
