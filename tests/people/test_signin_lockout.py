"""Failed sign-ins: the lockout page, and a password spray against one account from many addresses."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.utils import timezone

from conftest import make_staff
from people.choices import EmployeeRole

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("axes_on"),
]
PASSWORD = "a-long-enough-password-2026"


@pytest.fixture
def axes_on():
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, SIGNIN_USERNAME_FAILURE_LIMIT=6):
        yield


@pytest.fixture
def victim(coordinator):
    coordinator.set_password(PASSWORD)
    coordinator.save()
    return coordinator


def sign_in(client, username, password, address):
    return client.post("/login/", {"username": username, "password": password, "next": "/jobs/"}, REMOTE_ADDR=address)


def test_the_lockout_page_is_in_the_app_layout_and_says_how_long_and_what_to_do(client, victim):
    statuses = [sign_in(client, "coordinator", "wrong", "198.51.100.7").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    page = sign_in(client, "coordinator", PASSWORD, "198.51.100.7")
    assert page.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in page.templates]
    text = page.content.decode()
    assert "<title>Sign-in locked · InstallOps</title>" in text
    assert 'class="navbar navbar-expand-lg' in text  # the app's own layout, signed out: no menu
    assert "mainnav" not in text
    assert "try again in <strong>1\xa0hour</strong>" in text
    assert "from another device you can sign in now" in text
    assert "Ask the office administrator" in text


@override_settings(AXES_COOLOFF_TIME=0.5)
def test_the_lock_duration_follows_the_setting(client, victim):
    for _ in range(3):
        page = sign_in(client, "coordinator", "wrong", "198.51.100.8")
    assert page.status_code == 429
    assert "try again in <strong>30\xa0minutes</strong>" in page.content.decode()


def test_a_spray_from_many_addresses_pauses_that_account_but_not_its_known_address_or_others(client, victim):
    # The coordinator signed in from the office before the spray.
    assert sign_in(client, "coordinator", PASSWORD, "203.0.113.25").status_code == 302
    client.logout()
    other = make_staff("accounting", EmployeeRole.ACCOUNTING)
    other.set_password(PASSWORD)
    other.save()

    # Two guesses from each of three addresses: under the per-address limit of 3 everywhere.
    for n in range(3):
        for _ in range(2):
            assert sign_in(client, "coordinator", "Winter2026!", f"198.51.100.{n + 1}").status_code == 200

    # Now even the right password from a new address is refused, with the page saying why.
    paused = sign_in(client, "coordinator", PASSWORD, "192.0.2.200")
    assert paused.status_code == 429
    assert "sign-ins are paused for up to <strong>1\xa0hour</strong>" in paused.content.decode()
    assert "_auth_user_id" not in client.session
    # Guesses during the pause are not even tried, so they cannot extend it.
    assert sign_in(client, "coordinator", "Spring2026!", "192.0.2.201").status_code == 429
    assert sum(AccessAttempt.objects.filter(username="coordinator").values_list("failures_since_start", flat=True)) == 6

    # Another person signs in from a fresh address as usual.
    assert sign_in(client, "accounting", PASSWORD, "192.0.2.202").status_code == 302
    client.logout()
    # The coordinator from the office address they used before still gets in.
    assert sign_in(client, "coordinator", PASSWORD, "203.0.113.25").status_code == 302
    client.logout()


def test_a_paused_account_opens_again_after_the_cool_off(client, victim):
    for n in range(6):
        sign_in(client, "coordinator", "guess", f"198.51.100.{n + 1}")
    assert sign_in(client, "coordinator", PASSWORD, "192.0.2.9").status_code == 429

    # An hour on, the failures have aged out: no attacker can keep a real person locked by guessing once.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1, minutes=1))

    assert sign_in(client, "coordinator", PASSWORD, "192.0.2.9").status_code == 302
