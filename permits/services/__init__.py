"""Every write to permits goes through here.

One module per concern:

    permits      a job's permit: jurisdiction, application, number, document, exemption, start override
    title24      a job's Title 24 scope and its forms (CF1R, CF2R, CF3R) with registry ids and documents
    hers         HERS verification: rater, tests, results; a failure books the fix and a re-test
"""

from .permits import permit_create

__all__ = ["permit_create"]

from .hers import hers_rater_set, hers_test_record_result, hers_tests_schedule
from .title24 import title24_form_record, title24_scope_set, title24_trigger_for

__all__ += [
    "hers_rater_set",
    "hers_test_record_result",
    "hers_tests_schedule",
    "title24_form_record",
    "title24_scope_set",
    "title24_trigger_for",
]
