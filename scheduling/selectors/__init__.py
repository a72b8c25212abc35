from .board import *  # noqa: F403
from .board import READINESS_CHECKS, readiness_annotate, readiness_missing  # noqa: F401
