"""Links other apps show on the customer's page (the customer's account, say), each with its permission.

An app above jobs registers its link from its AppConfig.ready(); the page shows the links the user has
the permission for. The linked page still checks permission and visibility itself.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class CustomerLink:
    name: str
    label: str
    url_name: str  # reversed with the customer's pk
    permission: str
    icon: str
    order: int


CUSTOMER_LINKS: list[CustomerLink] = []


def register_customer_link(
    name: str, *, label: str, url_name: str, permission: str, icon: str = "link-45deg", order: int = 100
) -> None:
    """Show a link on the customer page (registering the same name again replaces it)."""
    link = CustomerLink(name, label, url_name, permission, icon, order)
    links = [existing for existing in CUSTOMER_LINKS if existing.name != name] + [link]
    CUSTOMER_LINKS[:] = sorted(links, key=lambda item: (item.order, item.name))


def customer_links_for(*, user, customer) -> list[tuple[CustomerLink, str]]:
    """(link, its URL for this customer) for the links this user may follow."""
    return [
        (link, reverse(link.url_name, args=[customer.pk])) for link in CUSTOMER_LINKS if user.has_perm(link.permission)
    ]
