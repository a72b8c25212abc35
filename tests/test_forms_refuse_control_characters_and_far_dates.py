"""The project's forms refuse control characters and days outside the window, in one place
(`installops.forms`), and every form class of the project goes through it."""

import importlib
import inspect
from datetime import UTC, date, datetime, time

import pytest
from django import forms
from django.apps import apps

from installops.clock import company_zone
from installops.date_window import date_window, moment_window_refusal
from installops.forms import Form, NextForm, SafeInputMixin
from jobs.filters import JobFilter
from jobs.forms import JobEditForm
from tests.jobs.factories import JobFactory

PROJECT_APPS = ("installops", "people", "jobs", "permits", "scheduling", "field", "notifications")


def project_form_classes():
    for app in PROJECT_APPS:
        config = apps.get_app_config(app)
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_form_of_the_project_takes_the_refusals():
    classes = list(project_form_classes())
    assert len(classes) > 20
    missing = [cls.__qualname__ for cls in classes if not issubclass(cls, SafeInputMixin)]
    assert missing == []
    assert issubclass(JobFilter._meta.form, SafeInputMixin)


class Sample(Form):
    name = forms.CharField(required=False)
    notes = forms.CharField(required=False, widget=forms.Textarea)
    day = forms.DateField(required=False)
    at = forms.DateTimeField(required=False)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"name": "a\x00b"}, "name", "Null characters are not allowed."),
        ({"name": "tab\there"}, "name", "U+0009"),
        ({"name": "esc\x1b"}, "name", "U+001B"),
        ({"name": "c1\x85 inside"}, "name", "U+0085"),
        ({"notes": "del\x7f"}, "notes", "U+007F"),
        ({"notes": "nul\x00"}, "notes", "Null characters are not allowed."),
        ({"day": "9999-12-31"}, "day", "Pick a day from Nov 27, 2024 to Nov 27, 2031."),
        ({"day": "0001-01-01"}, "day", "Pick a day from"),
        ({"day": "2031-11-28"}, "day", "Pick a day from"),
        ({"day": "\u00b2"}, "day", "Enter a valid date."),
        ({"at": "9999-12-31 23:59"}, "at", "Pick a day from"),
        ({"at": "0001-01-01 00:00"}, "at", "Pick a day from"),
    ],
)
@pytest.mark.company_time("2026-11-27 10:00")
def test_a_refused_value_says_why(data, field, message):
    form = Sample(data)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])
    assert list(form.errors) == [field]


@pytest.mark.company_time("2026-11-27 10:00")
def test_text_with_line_breaks_and_tabs_in_a_textarea_and_days_at_the_window_ends_are_accepted():
    form = Sample({"notes": "one\r\n\ttwo", "name": "Ñoño 12 ½", "day": "2024-11-27", "at": "2031-11-27 23:30"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["notes"] == "one\r\n\ttwo"


@pytest.mark.company_time("2028-02-29 10:00")
def test_the_window_from_a_leap_day_ends_on_the_28th():
    assert date_window() == (date(2026, 2, 28), date(2033, 2, 28))


def test_moments_next_to_datetimes_limits_are_refused_without_overflowing():
    assert moment_window_refusal(datetime.max.replace(tzinfo=UTC))
    assert moment_window_refusal(datetime.min.replace(tzinfo=UTC))
    assert moment_window_refusal(datetime.combine(date(1, 1, 1), time(0, 0), tzinfo=company_zone()))


@pytest.mark.django_db
@pytest.mark.company_time("2026-11-27 10:00")
def test_an_old_job_keeps_its_sale_date_when_edited_but_cannot_be_given_another_old_one():
    job = JobFactory(sold_on=date(2019, 5, 1))
    form = JobEditForm(instance=job)
    data = {name: form[name].value() for name in form.fields}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    assert JobEditForm(data, instance=job).is_valid(), JobEditForm(data, instance=job).errors

    data["sold_on"] = "2019-05-02"
    refused = JobEditForm(data, instance=job)
    assert not refused.is_valid()
    assert "Pick a day from" in refused.errors["sold_on"][0]


@pytest.mark.parametrize(
    ("target", "path"),
    [("/scheduling/board/?date=2026-12-01", "/scheduling/board/?date=2026-12-01"), ("//evil.example.com/", ""),
     ("https://evil.example.com/", ""), ("/\\evil.example.com", ""), ("/a\x00b", ""), ("", "")],
)  # fmt: skip
def test_a_return_address_is_only_a_path_on_this_site(target, path):
    assert NextForm({"next": target}).path() == path
