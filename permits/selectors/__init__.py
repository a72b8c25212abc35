"""Every read a permits page shows, with its joins decided once. One module per concern."""

from .title24 import (
    FORM_LABELS,
    Title24Facts,
    hers_not_passed,
    hers_verification_missing,
    title24_code_cycle,
    title24_code_cycle_on,
    title24_facts,
    title24_forms_missing,
    title24_gate_missing,
)

__all__ = [
    "FORM_LABELS",
    "Title24Facts",
    "hers_not_passed",
    "hers_verification_missing",
    "title24_code_cycle",
    "title24_code_cycle_on",
    "title24_facts",
    "title24_forms_missing",
    "title24_gate_missing",
]
