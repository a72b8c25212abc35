"""The office's form for a building department: what it reads and refuses before the service sees it."""

import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Fieldset, Layout, Row, Submit
from django import forms

from installops.forms import ModelForm

from ..models import Jurisdiction
from ..services.jurisdictions import JURISDICTION_FIELDS

_PHONE_CHARACTERS = re.compile(r"^[0-9 ()+.\-]+(?:\s*(?:x|ext\.?)\s*\d{1,6})?$", re.IGNORECASE)
_EXTENSION = re.compile(r"\s*(?:x|ext\.?)\s*\d{1,6}$", re.IGNORECASE)
# "8–12", "8am-12pm", "12:30 – 4:30 pm": a start and an end, each an hour with optional minutes and am/pm.
_WINDOW = re.compile(
    r"^(?P<h1>\d{1,2})(?::(?P<m1>\d{2}))?\s*(?P<p1>am|pm|a|p)?\s*(?:-|–|—|to)\s*"
    r"(?P<h2>\d{1,2})(?::(?P<m2>\d{2}))?\s*(?P<p2>am|pm|a|p)?$",
    re.IGNORECASE,
)
CITY_MAX_LENGTH = 100


def _clock(hour: str, minute: str | None, period: str | None) -> str | None:
    """One end of a window as typed ("8", "12:30pm"); None when it is not a time of day."""
    h, m = int(hour), int(minute or 0)
    if m > 59 or (period and not 1 <= h <= 12) or h > 23:
        return None
    text = f"{h}:{m:02d}" if minute else str(h)
    if period:
        text += "am" if period.lower().startswith("a") else "pm"
    return text


def windows_cleaned(value: str) -> str:
    """The windows as a tidy list ("8–12, 12–4"), or a ValidationError naming the one not understood."""
    windows = []
    for part in (piece.strip() for piece in value.replace(";", ",").split(",")):
        if not part:
            continue
        match = _WINDOW.match(part)
        start = match and _clock(match["h1"], match["m1"], match["p1"])
        end = match and _clock(match["h2"], match["m2"], match["p2"])
        if not match or start is None or end is None or start == end:
            raise forms.ValidationError(
                f"“{part}” is not a window: write each as a start and an end, like “8–12” or “12:30pm–4pm”, "
                "separated by commas."
            )
        windows.append(f"{start}–{end}")
    return ", ".join(windows)


class JurisdictionForm(ModelForm):
    cities = forms.CharField(
        required=False,
        max_length=2000,
        help_text="Cities whose sites belong to this department, separated by commas (Fresno, Clovis).",
    )
    # An address typed without its scheme is taken as https.
    portal_url = forms.URLField(label="Permit portal", required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Jurisdiction
        fields = JURISDICTION_FIELDS  # what the services accept, nothing more
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        labels = {"typical_days_to_issue": "Typical days to issue"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["cities"] = ", ".join(city.title() for city in self.instance.cities)
        self.fields["portal_url"].widget.attrs["placeholder"] = "https://"
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                "Department",
                Row(Column("name", css_class="col-md-8"), Column("kind", css_class="col-md-4")),
                "cities",
                Row(Column("phone"), Column("email")),
                "portal_url",
            ),
            Fieldset(
                "Permits and inspections",
                Row(Column("typical_days_to_issue"), Column("permit_valid_days")),
                Row(Column("inspection_booking"), Column("inspection_windows")),
                "notes",
                "active",
            ),
            Submit("save", "Save"),
        )

    def clean_cities(self) -> list[str]:
        cities = []
        for city in (" ".join(piece.split()) for piece in self.cleaned_data["cities"].split(",")):
            if not city:
                continue
            if len(city) > CITY_MAX_LENGTH:
                raise forms.ValidationError(f"“{city[:30]}…” is longer than {CITY_MAX_LENGTH} characters.")
            if city.lower() not in cities:
                cities.append(city.lower())
        return cities

    def clean_phone(self) -> str:
        phone = " ".join(self.cleaned_data["phone"].split())
        if not phone:
            return phone
        digits = re.sub(r"\D", "", _EXTENSION.sub("", phone))
        if not _PHONE_CHARACTERS.match(phone) or not 7 <= len(digits) <= 15:
            raise forms.ValidationError("Enter a phone number, like (559) 621-8000 or 559-621-8000 ext 2.")
        return phone

    def clean_portal_url(self) -> str:
        url = self.cleaned_data["portal_url"]
        if url and not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError("Enter the portal's web address, starting with https://.")
        return url

    def clean_inspection_windows(self) -> str:
        return windows_cleaned(self.cleaned_data["inspection_windows"])
