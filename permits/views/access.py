"""The permits views' `get_object`: installops.access.AccessControlMixin calls them and keeps
`self.object`; a missing object is a 404."""

from .. import selectors
from ..models import Jurisdiction


def jurisdiction_from_url(view) -> Jurisdiction:
    """The URL's building department (the office sees every one)."""
    return selectors.jurisdiction_get(pk=view.kwargs["pk"])
