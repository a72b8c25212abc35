"""The roles' permissions are real, and every one of them is checked by some page.

A permission a role holds but nothing checks is a promise nobody keeps (or a door nobody watches):
each one must be named somewhere outside `people/roles.py` and the migrations, in a view's
`permission_required`, a rule, a selector, a context processor or a template's `perms`.
"""

import re
from pathlib import Path

import pytest
import rules
from django.contrib.auth.models import Group, Permission
from django.urls import URLPattern, URLResolver, get_resolver

from installops.access import SIGNED_IN
from people.roles import ROLE_PERMISSIONS

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
# The product's code and templates; tests, benchmarks and migrations do not count as checking.
SKIPPED_DIRECTORIES = {".venv", "venv", "tests", "bench", "migrations", "node_modules", "staticfiles", ".git"}
ROLES_MODULE = ROOT / "people" / "roles.py"

GRANTED = sorted({permission for permissions in ROLE_PERMISSIONS.values() for permission in permissions})


def product_sources() -> dict[Path, str]:
    sources = {}
    for path in ROOT.rglob("*"):
        if path.suffix not in (".py", ".html") or path == ROLES_MODULE:
            continue
        if SKIPPED_DIRECTORIES & set(path.relative_to(ROOT).parts):
            continue
        sources[path] = path.read_text()
    return sources


def real_permission(name: str) -> bool:
    app_label, codename = name.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists()


def test_every_granted_permission_exists():
    missing = [name for name in GRANTED if not real_permission(name)]
    # sync_role_groups skips a name it cannot find: a typo would silently grant nothing.
    assert missing == []


def test_each_role_group_holds_exactly_its_permissions():
    for group_name, names in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        held = {f"{app_label}.{codename}" for app_label, codename in
                group.permissions.values_list("content_type__app_label", "codename")}  # fmt: skip
        assert held == set(names), group_name


def test_every_granted_permission_is_checked_somewhere():
    sources = product_sources()
    unchecked = []
    for name in GRANTED:
        app_label, codename = name.split(".")
        # "jobs.view_job" in Python (has_perm, permission_required), perms.jobs.view_job in templates.
        pattern = re.compile(rf"(?<![\w.]){re.escape(app_label)}\.{re.escape(codename)}(?!\w)")
        if not any(pattern.search(text) for text in sources.values()):
            unchecked.append(name)
    assert unchecked == [], "check these where their data is shown, or take them out of the roles"


def view_classes():
    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":  # Django's own (is_staff)
                    yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and hasattr(pattern.callback, "view_class"):
                yield pattern.callback.view_class

    return set(walk(get_resolver().url_patterns))


def test_every_permission_a_view_asks_for_exists():
    unknown = []
    for view_class in view_classes():
        required = getattr(view_class, "permission_required", None) or ()
        names = () if required is SIGNED_IN else (required,) if isinstance(required, str) else required
        unknown += [f"{view_class.__name__}: {name}" for name in names
                    if not real_permission(name) and not rules.perm_exists(name)]  # fmt: skip
        object_rule = getattr(view_class, "object_permission_required", None)
        if object_rule and not rules.perm_exists(object_rule):
            unknown.append(f"{view_class.__name__}: {object_rule} is not a rule")
    # A misspelt permission would deny everyone, silently.
    assert unknown == []
