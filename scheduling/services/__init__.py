from .booking import *  # noqa: F403
from .booking import closeout, local_span  # noqa: F401
