from .sending import *  # noqa: F403
from .sending import _arrival, _company, _template_cache  # noqa: F401
