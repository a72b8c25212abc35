"""Fixtures every test module can use: one signed-in user per role, and a real browser."""

import os

import pytest
from django.contrib.auth.models import Group

from people.choices import EmployeeRole
from people.roles import ROLE_GROUP
from tests.jobs.factories import UserFactory
from tests.people.factories import EmployeeFactory
from tests.scheduling.factories import CrewFactory

# Playwright's sync API runs an event loop in the test thread, which makes Django refuse the test's own
# (synchronous, single-threaded) ORM calls in browser tests. They are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def make_staff(username: str, role: str):
    """A user with an employee record, in the group of their role."""
    user = UserFactory(username=username)
    EmployeeFactory(user=user, role=role)
    user.groups.add(Group.objects.get(name=ROLE_GROUP[role]))
    return user


@pytest.fixture
def coordinator(db):
    return make_staff("coordinator", EmployeeRole.COORDINATOR)


@pytest.fixture
def accounting(db):
    return make_staff("accounting", EmployeeRole.ACCOUNTING)


@pytest.fixture
def salesperson(db):
    return make_staff("sales", EmployeeRole.SALESPERSON)


@pytest.fixture
def installer(db):
    """A lead installer, with the crew they lead (``installer.crew``)."""
    user = make_staff("installer", EmployeeRole.LEAD_INSTALLER)
    user.crew = CrewFactory(name="Crew Ortega", lead=user.employee)
    return user


@pytest.fixture
def other_installer(db):
    """An installer on another crew: must never see the first crew's work."""
    user = make_staff("installer_b", EmployeeRole.LEAD_INSTALLER)
    user.crew = CrewFactory(name="Crew Nguyen", lead=user.employee)
    return user


@pytest.fixture
def client_as(client):
    """`client_as(user)`: the test client signed in as that user."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# Real-browser tests: Debian's Chromium (Playwright's own browser download is not used).
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def live_server_url(live_server):
    return live_server.url
