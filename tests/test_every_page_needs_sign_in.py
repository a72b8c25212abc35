"""Every page of the app asks who you are first, except the few that are public by design."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

# Public on purpose: signing in, the service worker script, the links customers and crew members
# open from a message (each carries its own signed, expiring token), and the load balancer's probe.
PUBLIC = {
    "login",
    "logout",
    "field:service_worker",
    "notifications:visit_confirm",
    "notifications:page_acknowledge",
    "installops:health",
}


def app_url_names():
    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}{pattern.name}", pattern

    return sorted(walk(get_resolver().url_patterns))


def url_for(name, pattern):
    kwargs = {}
    for key, converter in pattern.pattern.converters.items():
        kwargs[key] = "1" if type(converter).__name__ == "IntConverter" else "x"
    if not pattern.pattern.converters and "<" in str(pattern.pattern):
        return None
    return reverse(name, kwargs=kwargs)


PRIVATE_PAGES = [(name, pattern) for name, pattern in app_url_names() if name not in PUBLIC]


@pytest.mark.parametrize(("name", "pattern"), PRIVATE_PAGES, ids=[name for name, _ in PRIVATE_PAGES])
def test_anonymous_visitors_are_sent_to_sign_in(client, name, pattern):
    url = url_for(name, pattern)
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code in (302, 405), f"{name} answered {response.status_code}"
        if response.status_code == 302:
            assert response.url.startswith(reverse("login")), f"{name} redirected to {response.url}"


def forged_token(name, pk):
    """A well-formed token for a real visit or page, signed with a key that is not ours."""
    from django.core import signing

    from notifications import links

    if name == "notifications:visit_confirm":
        return signing.dumps({"visit": pk}, salt=links.CONFIRM_SALT, key="not-the-sites-secret-key")
    return signing.dumps({"page": pk}, salt=links.ACKNOWLEDGE_SALT, key="not-the-sites-secret-key")


@pytest.mark.parametrize("name", ["notifications:visit_confirm", "notifications:page_acknowledge"])
@pytest.mark.parametrize("token", ["forged", "garbage"])
def test_a_forged_message_link_gets_a_plain_refusal(client, name, token):
    from notifications.models import ConfirmationEvent, CrewPage
    from tests.notifications.factories import visit_on

    visit = visit_on()
    page = CrewPage.objects.create(employee=visit.crew.lead, crew=visit.crew, for_date=visit.starts_at.date())
    pk = visit.pk if name == "notifications:visit_confirm" else page.pk
    url = reverse(name, kwargs={"token": forged_token(name, pk) if token == "forged" else "forged-token"})

    for response in (client.get(url), client.post(url, {"answer": "confirm"})):
        # The "no longer valid" page, never the visit or the page the token claims to be for.
        assert response.status_code == 404
        content = response.content.decode()
        assert 'data-testid="link-invalid"' in content
        assert "This link is no longer valid" in content
        assert visit.job.number not in content
        assert "Traceback" not in content
    assert not ConfirmationEvent.objects.exists()
    page.refresh_from_db()
    assert page.acknowledged_at is None
