"""Every write of billing. One module per concern; the public functions are re-exported here.

rebates     rebate claims: open, submit (checked against the job folder), approve, deny, paid
warranties  a unit's manufacturer warranty registration
agreements  maintenance agreements and their seasonal maintenance jobs: enter, renew, cancel, expire
"""

from .agreements import agreement_cancel, agreement_enter, agreement_expire_lapsed, agreement_renew
from .rebates import rebate_approve, rebate_deny, rebate_mark_paid, rebate_open, rebate_submit
from .warranties import warranty_register

__all__ = [
    "agreement_cancel",
    "agreement_enter",
    "agreement_expire_lapsed",
    "agreement_renew",
    "rebate_approve",
    "rebate_deny",
    "rebate_mark_paid",
    "rebate_open",
    "rebate_submit",
    "warranty_register",
]
