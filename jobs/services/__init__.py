from .sales import *  # noqa: F403
from .sales import EDITABLE_JOB_FIELDS  # noqa: F401
