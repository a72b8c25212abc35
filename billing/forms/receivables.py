"""The receivables pages' forms: the day the aging is as of, a statement's dates, a collection note,
the export's range."""

from datetime import timedelta
from decimal import Decimal

from django import forms

from installops.clock import company_today
from installops.forms import Form

from ..choices import CollectionContact

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The pages' own small forms (not crispy): a toolbar's date.
SMALL_DATE_INPUT = forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}, format="%Y-%m-%d")
STATEMENT_DAYS = 90


class AsOfForm(Form):
    as_of = forms.DateField(label="As of", required=False, widget=SMALL_DATE_INPUT)

    def day(self):
        return (self.cleaned_data.get("as_of") if self.is_valid() else None) or company_today()


class DateRangeForm(Form):
    start = forms.DateField(label="From", widget=DATE_INPUT)
    end = forms.DateField(label="To", widget=DATE_INPUT)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "The last day comes on or after the first.")
        return cleaned


class StatementForm(DateRangeForm):
    """A statement's dates; without them, the last 90 days to today."""

    start = forms.DateField(label="From", required=False, widget=SMALL_DATE_INPUT)
    end = forms.DateField(label="To", required=False, widget=SMALL_DATE_INPUT)

    def dates(self):
        values = self.cleaned_data if self.is_valid() else {}
        end = values.get("end") or company_today()
        start = values.get("start") or end - timedelta(days=STATEMENT_DAYS)
        return (start, end) if start <= end else (end - timedelta(days=STATEMENT_DAYS), end)


class CollectionNoteForm(Form):
    contact = forms.ChoiceField(label="How", choices=[("", "—"), *CollectionContact.choices])
    note = forms.CharField(label="What was said", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    promised_amount = forms.DecimalField(
        label="Promised amount", required=False, max_digits=12, decimal_places=2, min_value=Decimal("0.01")
    )
    promised_on = forms.DateField(label="Promised to pay by", required=False, widget=DATE_INPUT)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("promised_amount") is not None and not cleaned.get("promised_on"):
            self.add_error("promised_on", "Say by when they promised to pay.")
        return cleaned


class ExportForm(DateRangeForm):
    pass
