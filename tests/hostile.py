"""Reading a page's forms and links the way a browser would, and the values a hostile visitor sends.

Used by `tests/test_hostile_input_fuzz.py`: the fields to fuzz come from the pages themselves, so a new
form or filter is fuzzed without anyone listing it here.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

# What a careless or hostile visitor sends: control characters, huge text, digits int() refuses,
# days at both ends of the calendar, money that is not a number, and the usual injection strings.
HOSTILE = [
    "\x00",
    "note\x00with a NUL",
    "bell\x07 and escape\x1b[31m",
    "x" * 20_000,
    "\u00b2",  # superscript two: "²".isdigit() is True, int("²") raises
    "crew-\u00b2",
    "tech-\u00b2",
    "\u0661\u0662",  # Arabic-Indic "12": int() accepts it
    "-1",
    "0",
    "-0.01",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "99999999999999999999999",
    "-99999999999999999999999",
    "9999-12-31",
    "0001-01-01",
    "10000-01-01",
    "9999-12-31T22:00",
    "0001-01-01T00:00",
    "2026-02-30",
    "24:00",
    "' OR 1=1 --",
    '"; DROP TABLE jobs_job; --',
    "<script>alert(1)</script>",
    "../../../../etc/passwd",
    "//evil.example.com/",
    "javascript:alert(1)",
    "\u202etxt.exe",
    "",
    " ",
]


# The values every field is sure to get once (the others honest), by the kind of input; hypothesis
# adds random mixes of all of HOSTILE on top. A link's query parameter ("param") gets them all.
_NOT_TEXT = ["\x00", "\u00b2"]
_HUGE = "x" * 5000
_MOMENTS = ["9999-12-31T22:00", "0001-01-01T00:00"]
SURE = {
    "date": [*_NOT_TEXT, "9999-12-31", "0001-01-01"],
    "datetime-local": _NOT_TEXT + _MOMENTS,
    "time": [*_NOT_TEXT, "24:00"],
    "number": [*_NOT_TEXT, "NaN", "-1", "1e999"],
    "select": _NOT_TEXT,
    "hidden": [*_NOT_TEXT, _HUGE, *_MOMENTS, "-1"],
    "text": ["\x00", _HUGE],
    "textarea": ["\x00", _HUGE, "bell\x07"],
    "checkbox": ["\x00"],
    "submit": ["\x00"],
    "file": ["\x00"],
    "param": [*_NOT_TEXT, _HUGE, "9999-12-31", "0001-01-01", "NaN", "-1", "crew-\u00b2", "//evil.example.com/"],
}


@dataclass
class FormField:
    name: str
    kind: str  # the input's type, "select" or "textarea"; "param" for a link's query parameter
    default: str = ""
    options: list[str] = field(default_factory=list)
    required: bool = False

    def sure_values(self) -> list[str]:
        return SURE.get(self.kind, SURE["text"])


@dataclass
class HtmlForm:
    action: str
    method: str
    fields: dict[str, FormField] = field(default_factory=dict)


class PageReader(HTMLParser):
    """The forms of a page (action, method, named fields) and the query parameters of its links."""

    def __init__(self, page_path: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[HtmlForm] = []
        self.link_params: dict[str, set[str]] = {}
        self.links: list[str] = []  # those with a query string
        self._form: HtmlForm | None = None
        self._select: FormField | None = None
        self._textarea: FormField | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            action = attributes.get("action") or self.page_path
            method = attributes.get("method", "get").lower()
            self._form = HtmlForm(action=urlsplit(action).path or self.page_path, method=method)
            if attributes.get("method", "get").lower() == "get" and "?" in action:
                self._add_link(action)
            self.forms.append(self._form)
        elif tag == "a" and "?" in attributes.get("href", ""):
            self._add_link(attributes["href"])
        elif self._form is not None and attributes.get("name"):
            name = attributes["name"]
            if tag == "input":
                kind = attributes.get("type", "text").lower()
                if kind in ("checkbox", "radio") and name in self._form.fields:
                    self._form.fields[name].options.append(attributes.get("value", "on"))
                    return
                default = attributes.get("value", "on" if kind in ("checkbox", "radio") else "")
                options = [default] if default else []
                self._form.fields[name] = FormField(name, kind, default, options, "required" in attributes)
            elif tag == "select":
                self._select = self._form.fields[name] = FormField(name, "select", required="required" in attributes)
            elif tag == "textarea":
                self._textarea = FormField(name, "textarea", required="required" in attributes)
                self._form.fields[name] = self._textarea
            elif tag == "button":
                self._form.fields[name] = FormField(name, "submit", attributes.get("value", ""))
        if tag == "option" and self._select is not None:
            value = attributes.get("value", "")
            if not self._select.options or "selected" in attributes:
                self._select.default = value  # a browser sends the first option unless one is selected
            self._select.options.append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.default += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def _add_link(self, href: str):
        self.links.append(href)
        parts = urlsplit(href)
        path = parts.path or self.page_path
        names = {name for name, _ in parse_qsl(parts.query, keep_blank_values=True)}
        self.link_params.setdefault(path, set()).update(names)


def read_page(path: str, html: str) -> PageReader:
    reader = PageReader(path)
    reader.feed(html)
    return reader
