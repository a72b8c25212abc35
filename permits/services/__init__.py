"""Every write to permits goes through here.

One module per concern:

    permits      a job's permit: jurisdiction, application, number, document, exemption, start override
"""

from .permits import permit_create

__all__ = ["permit_create"]
