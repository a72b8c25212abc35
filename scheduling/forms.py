from datetime import datetime, timedelta

from django import forms

from installops.clock import at_company_time
from installops.forms import Form
from people.choices import FIELD_ROLES
from people.models import Employee

from .choices import VisitStatus
from .models import CloseoutItem, Crew, Subcontractor
from .selectors.people import visit_people

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time", "step": 900}, format="%H:%M")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EmployeeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, employee):
        return str(employee)


def field_employees():
    return Employee.objects.filter(active=True, role__in=FIELD_ROLES).select_related("user")


class VisitBookForm(Form):
    """A booking: who, which day and time, how long (the estimate fills the end), the promise."""

    crew = forms.ModelChoiceField(queryset=Crew.objects.filter(active=True), required=False, empty_label="— no crew —")
    technician = EmployeeChoiceField(queryset=Employee.objects.none(), required=False, empty_label="— no technician —")
    day = forms.DateField(widget=DATE_INPUT)
    start_time = forms.TimeField(widget=TIME_INPUT, label="Crew starts")
    estimated_hours = forms.DecimalField(
        min_value=0.5, max_value=200, decimal_places=1, label="Estimated hours of work",
        help_text="The default for the job kind and equipment; change it if you know better.",
    )  # fmt: skip
    ends_at = forms.DateTimeField(
        widget=DATETIME_INPUT, required=False, label="Ends", help_text="Leave empty to end when the estimate says."
    )
    window_start = forms.TimeField(widget=TIME_INPUT, required=False, label="Arrival window from")
    window_end = forms.TimeField(widget=TIME_INPUT, required=False, label="to")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    override_reason = forms.CharField(
        required=False,
        label="Reason to book anyway",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Only needed when the booking is outside working hours or over time off.",
    )

    # Who and the arrival window are checked by the booking service, which words the refusal.

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["technician"].queryset = field_employees()

    def starts_at(self):
        return at_company_time(self.cleaned_data["day"], self.cleaned_data["start_time"])

    def window(self):
        """The arrival window's ends as entered (either may be missing: the service says so)."""
        day = self.cleaned_data["day"]
        start, end = self.cleaned_data.get("window_start"), self.cleaned_data.get("window_end")
        return (at_company_time(day, start) if start else None), (at_company_time(day, end) if end else None)


class VisitStatusForm(Form):
    to_status = forms.ChoiceField(label="Set to")
    at = forms.DateTimeField(widget=DATETIME_INPUT, required=False, label="When", help_text="Leave empty for now.")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text="Required to cancel or reschedule."
    )

    def __init__(self, *args, allowed_statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(value, VisitStatus(value).label) for value in allowed_statuses]


class VisitRescheduleForm(Form):
    day = forms.DateField(widget=DATE_INPUT, label="New day")
    start_time = forms.TimeField(widget=TIME_INPUT, label="Starts")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Why")
    override_reason = forms.CharField(
        required=False, label="Reason to book anyway", help_text="Only if the new time is outside working hours."
    )

    def starts_at(self):
        return at_company_time(self.cleaned_data["day"], self.cleaned_data["start_time"])


class VisitCloseoutForm(Form):
    """Times, the job kind's checklist, hours per employee and the actual lead, on one page."""

    on_site_at = forms.DateTimeField(widget=DATETIME_INPUT, label="On site", required=False)
    completed_at = forms.DateTimeField(widget=DATETIME_INPUT, label="Completed", required=False)
    actual_lead = EmployeeChoiceField(queryset=Employee.objects.none(), required=False, label="Actual lead on site")
    checklist = forms.ModelMultipleChoiceField(
        queryset=CloseoutItem.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label="Checklist"
    )
    # The "Save and close out" button (plain "Save" leaves it out).
    close = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.visit = visit
        self.fields["actual_lead"].queryset = field_employees()
        self.fields["checklist"].queryset = CloseoutItem.objects.filter(kind=visit.job.kind, active=True)
        self.employees = list(self._employees_on_the_visit())
        hours = {card.employee_id: card.hours for card in visit.timecards.all()}
        for employee in self.employees:
            self.fields[f"hours_{employee.pk}"] = forms.DecimalField(
                label=str(employee), required=False, min_value=0, max_value=24, decimal_places=2,
                initial=hours.get(employee.pk),
            )  # fmt: skip

    def _employees_on_the_visit(self):
        """Who was on the visit, and anyone else who already has hours on it."""
        visit = self.visit
        people = {employee.pk: employee for employee in visit_people(visit)}
        for card in visit.timecards.select_related("employee__user"):
            people.setdefault(card.employee_id, card.employee)
        return sorted(people.values(), key=str)

    def hour_fields(self):
        return [self[f"hours_{employee.pk}"] for employee in self.employees]

    def hours_by_employee(self):
        return {employee: self.cleaned_data.get(f"hours_{employee.pk}") for employee in self.employees}


class SubcontractorBookingForm(Form):
    subcontractor = forms.ModelChoiceField(queryset=Subcontractor.objects.filter(active=True))
    day = forms.DateField(widget=DATE_INPUT)
    start_time = forms.TimeField(widget=TIME_INPUT, label="From")
    end_time = forms.TimeField(widget=TIME_INPUT, label="To")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def times(self):
        day, data = self.cleaned_data["day"], self.cleaned_data
        return at_company_time(day, data["start_time"]), at_company_time(day, data["end_time"])


class TimeOffForm(Form):
    crew = forms.ModelChoiceField(queryset=Crew.objects.filter(active=True), required=False)
    employee = EmployeeChoiceField(queryset=Employee.objects.none(), required=False)
    first_day = forms.DateField(widget=DATE_INPUT)
    last_day = forms.DateField(widget=DATE_INPUT)
    reason = forms.CharField(max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = field_employees()

    # A crew or an employee, not both: the time-off service checks it.

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("first_day") and cleaned.get("last_day") and cleaned["last_day"] < cleaned["first_day"]:
            self.add_error("last_day", "The last day cannot be before the first.")
        return cleaned

    def span(self):
        start = at_company_time(self.cleaned_data["first_day"], datetime.min.time())
        end = at_company_time(self.cleaned_data["last_day"] + timedelta(days=1), datetime.min.time())
        return start, end


class BoardFilterForm(Form):
    view = forms.ChoiceField(choices=[("week", "Week"), ("day", "Day")], required=False)
    date = forms.DateField(widget=DATE_INPUT, required=False)
    kind = forms.ChoiceField(required=False)
    crew = forms.ModelChoiceField(queryset=Crew.objects.filter(active=True), required=False, empty_label="All crews")
    status = forms.ChoiceField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from jobs.choices import JobKind

        self.fields["kind"].choices = [("", "All kinds"), *JobKind.choices]
        self.fields["status"].choices = [("", "Booked (not cancelled)"), *VisitStatus.choices]


class VisitMoveForm(Form):
    """A block dropped on the board: the day and row it landed on, and the hour of the drop."""

    day = forms.DateField(
        error_messages={"required": "That is not a day on the board.", "invalid": "That is not a day on the board."}
    )
    row = forms.RegexField(
        r"\A(crew|tech)-[0-9]{1,9}\Z",
        error_messages={"required": "That is not a row on the board.", "invalid": "That is not a row on the board."},
    )
    # Without an hour (a drop on the week view) the visit keeps its start time.
    hour = forms.IntegerField(required=False, min_value=0, max_value=23)
    override_reason = forms.CharField(required=False, max_length=1000, widget=forms.Textarea)

    def row_kind_and_pk(self) -> tuple[str, int]:
        kind, _, pk = self.cleaned_data["row"].partition("-")
        return kind, int(pk)

    def first_error(self) -> str:
        return next(str(error) for errors in self.errors.values() for error in errors)


class BookingPrefillForm(Form):
    """The board's "book here" link: the crew, day and start it was clicked on, all optional."""

    crew = forms.ModelChoiceField(queryset=Crew.objects.filter(active=True), required=False)
    day = forms.DateField(required=False)
    start = forms.TimeField(required=False)
