"""Apps depend one way: each imports, queries by name and links to only the apps listed before it in
INSTALLED_APPS (docs/architecture.md). The apps above plug into the ones below through registries."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = [app for app in settings.INSTALLED_APPS if (ROOT / app / "apps.py").exists()]
LAYER = {app: index for index, app in enumerate(APPS)}
# Nothing may link upward; the settings (the top layer) hold the start page of each role.
URL_NAMES_ALLOWED_UP: dict[str, set[str]] = {}

URL_NAME = re.compile(r"""(?:\{%\s*url\s+|reverse(?:_lazy)?\(\s*|redirect\(\s*)["'](\w+):""")
GET_MODEL = re.compile(r"""get_model\(\s*["'](\w+)["']""")


def sources(app: str):
    for path in sorted((ROOT / app).rglob("*")):
        if path.suffix in (".py", ".html") and "migrations" not in path.parts:
            yield path


def imported_apps(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
    return names & LAYER.keys()


@pytest.mark.parametrize("app", APPS)
def test_an_app_reaches_only_the_apps_below_it(app):
    above = {other for other in APPS if LAYER[other] > LAYER[app]}
    found = []
    for path in sources(app):
        name = str(path.relative_to(ROOT))
        text = path.read_text()
        if path.suffix == ".py":
            found += [f"{name} imports {other}" for other in imported_apps(path) & above]
        found += [f"{name} looks up a model of {other}" for other in set(GET_MODEL.findall(text)) & above]
        allowed = URL_NAMES_ALLOWED_UP.get(name, set())
        found += [f"{name} links to {other}" for other in (set(URL_NAME.findall(text)) & above) - allowed]
    assert found == []
