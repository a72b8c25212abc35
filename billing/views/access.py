"""The `get_object` loaders of billing's pages, through the visibility selectors."""

from .. import selectors


def visible_customer(view):
    """The customer of the URL with their balance, if the user may see their money (else DoesNotExist)."""
    return selectors.customer_get_for_account(user=view.request.user, pk=view.kwargs["pk"])
