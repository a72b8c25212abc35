"""Every write to permits goes through here.

One module per concern:

    permits      a job's permit: jurisdiction, application, number, document, exemption, start override
    jurisdictions  the building departments: adding one, editing its details
"""

from .jurisdictions import jurisdiction_create, jurisdiction_update
from .permits import permit_create

__all__ = ["permit_create"]
__all__ += ["jurisdiction_create", "jurisdiction_update"]
