"""What every form of the project refuses before a view or a service sees it.

Forms take `Form` or `ModelForm` from here (FilterSets through `Meta.form`), which add to their fields:

- text: no control characters. Django's CharField already refuses NUL; the others (escape, bell,
  form feed…) are refused too, except tab and line breaks in multi-line fields (textareas).
- dates and date-times: inside `installops.date_window` (two years back, five ahead), so the day
  can be combined with a time and a length without overflowing. A ModelForm's saved value is kept
  even when it has since left the window (an old job's sale date).

`tests/test_forms_refuse_control_characters_and_far_dates.py` checks that every form class takes the mixin.
"""

import re

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.http import url_has_allowed_host_and_scheme

from installops.date_window import date_window_refusal, moment_window_refusal

# C0 and C1 controls and DEL. NUL is left to Django's own validator (one message, not two).
_SINGLE_LINE_CONTROLS = re.compile(r"[\x01-\x1f\x7f-\x9f]")
_MULTI_LINE_CONTROLS = re.compile(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@deconstructible
class ControlCharacterValidator:
    def __init__(self, *, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return  # a UUIDField's UUID, already parsed
        pattern = _MULTI_LINE_CONTROLS if self.multiline else _SINGLE_LINE_CONTROLS
        found = pattern.search(value)
        if found:
            code = f"U+{ord(found.group()):04X}"
            where = "" if self.multiline else " (and no line breaks or tabs here)"
            raise ValidationError(
                f"Remove the invisible control character ({code}): only text is accepted{where}.",
                code="control_character",
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, ControlCharacterValidator) and other.multiline == self.multiline


@deconstructible
class WindowValidator:
    """A date or an aware datetime inside the window; `keep` (the value already saved) passes."""

    def __init__(self, *, keep=None):
        self.keep = keep

    def __call__(self, value) -> None:
        if value is None or (self.keep is not None and value == self.keep):
            return
        refusal = moment_window_refusal(value) if hasattr(value, "hour") else date_window_refusal(value)
        if refusal:
            raise ValidationError(refusal, code="outside_window")

    def __eq__(self, other) -> bool:
        return isinstance(other, WindowValidator) and other.keep == self.keep


class SafeInputMixin:
    """Adds the project's refusals to a form's fields (see the module)."""

    fields: dict
    initial: dict

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # `self.fields` is the form's own deep copy: the validators added here stay on this form.
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                multiline = isinstance(field.widget, forms.Textarea)
                field.validators.append(ControlCharacterValidator(multiline=multiline))
            elif isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators.append(WindowValidator(keep=self.initial.get(name)))


class Form(SafeInputMixin, forms.Form):
    pass


class ModelForm(SafeInputMixin, forms.ModelForm):
    pass


def valid_values(form) -> dict:
    """The values of a (GET) form's fields that passed, even when another field was refused; {} unbound."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data


def announce_ignored(request, form, *, instead: str) -> None:
    """A page's query parameters that were refused: say so, and what the page shows instead.

    For GET pages (filters, the day of a worklist): the page still answers, with the defaults.
    """
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = str((field.label if field else None) or name.replace("_", " ")).capitalize()
        text = " ".join(str(error) for error in errors)
        messages.warning(request, f"{label} ignored: {text} {instead}")


class PageForm(Form):
    """The `page` of a paginated list: a junk value shows the first page (Django's paginator)."""

    page = forms.IntegerField(required=False, min_value=1)

    def number(self) -> int:
        return (self.cleaned_data.get("page") or 1) if self.is_valid() else 1


class NextForm(Form):
    """Where to go back to after a post: a path on this site, or nothing."""

    next = forms.CharField(required=False, max_length=2000)

    def path(self) -> str:
        target = self.cleaned_data.get("next", "") if self.is_valid() else ""
        # Only a path on this site: no other host, no scheme-relative "//host" or backslashed trick.
        if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
            return target
        return ""


class DownloadForm(Form):
    """`?download=1` on a file link: save the file instead of opening it in the browser."""

    download = forms.BooleanField(required=False)

    def as_attachment(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data["download"])
