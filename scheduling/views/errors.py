"""A service's refusal (`DomainError`) shown on the form that asked for it."""

from installops.errors import DomainError


def form_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)
