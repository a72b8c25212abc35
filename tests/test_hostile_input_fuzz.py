"""Every page, every form and every query parameter, fed hostile values: never a 500, never half a save.

Built from the role table (`tests/test_role_url_matrix.py`), so a new page is covered by being added
there: every GET page the role may open is fetched with real objects, its HTML forms (input, select,
textarea and named buttons) and the query parameters of every link into it are read, and hypothesis
sends them values from `tests.hostile.HOSTILE`, plausible ones, the page's own, or none. Each example
runs in a savepoint that is rolled back, so examples do not see each other's saves. A refusal (4xx)
must leave every table of the project as it was.

The office is fuzzed as a coordinator; the phone pages (`field:`) as the crew's installer too, with
and without the offline queue's JSON answers. Run time is held by `EXAMPLES` per form or page.
"""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st

from tests.hostile import HOSTILE, FormField, read_page
from tests.test_role_url_matrix import EXPECTED, GET, LOGIN, ROLES, objects  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.company_time("2026-11-27 10:00")]

# Random examples per form and per page's query parameters, after each field's sure values.
EXAMPLES = {"post": 3, "get": 3}
PROJECT_APPS = ("people", "jobs", "permits", "scheduling", "billing", "field", "notifications")
# What an honest browser would send for each kind of input (the pinned clock is Fri 27 Nov 2026).
PLAUSIBLE = {
    "date": ["2026-12-01", "2026-11-27"],
    "time": ["08:00", "13:30"],
    "datetime-local": ["2026-12-01T09:00"],
    "number": ["4", "0.5"],
    "email": ["someone@example.com"],
    "tel": ["(559) 555-0142"],
}
# What scripts send besides a page's form fields: the board's drop (no form at all), and the phone's
# offline queue, which adds when the action happened on the phone.
QUEUED = {"client_uuid": "hidden", "happened_at": "hidden"}
SCRIPTED = {
    "scheduling:visit_move": {"day": "date", "row": "text", "hour": "number", "override_reason": "textarea"},
    "field:visit_status": {**QUEUED, "to_status": "select", "confirmed": "hidden"},
    "field:visit_note": {**QUEUED, "text": "textarea"},
    "field:visit_inspection": {**QUEUED, "kind": "select", "note": "textarea"},
}
# Query parameters of links that only some states of the data show (slot suggestions, a worklist's
# reschedule link, the page-out's office folder, a second page of a long list). A ListView's `page`
# is found by itself.
LINKED = {
    "scheduling:visit_book": ["crew", "day", "start"],
    "scheduling:visit_detail": ["next"],
    "field:job_folder_latest": ["folder"],
    "field:job_folder_download": ["download"],
    "jobs:customer_detail": ["page"],
    "scheduling:unscheduled": ["page"],
    "billing:invoice_list": ["page"],
    "billing:invoice_pdf": ["download"],
}
# What is posted to an endpoint no page showed a form for (in the objects' state) and no script names.
FALLBACK = {"next": "text", "note": "textarea", "reason": "textarea"}
SKIPPED = {"logout"}  # signs the fuzzing user out


def allowed(name: str, role: str) -> bool:
    answer = dict(zip(ROLES, EXPECTED[name][2:], strict=True))[role]
    return answer not in (LOGIN, 403, 404)


def url_for(name: str, objects) -> str:  # noqa: F811
    return reverse(name, args=[objects[argument] for argument in EXPECTED[name][1].split()])


def url_name(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def row_counts() -> tuple:
    tables = [
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and model._meta.managed and not model._meta.proxy
    ]
    # Table names from the models, not from input.
    sql = "SELECT " + ", ".join(f'(SELECT count(*) FROM "{table}")' for table in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(zip(tables, cursor.fetchone(), strict=True))


def honest(form_field: FormField) -> str:
    """What a person would leave in or type into the field: the page's value, else a plausible one."""
    if form_field.default or not form_field.required:
        return form_field.default
    candidates = [*PLAUSIBLE.get(form_field.kind, []), *(option for option in form_field.options if option)]
    return candidates[0] if candidates else "Fine"


def value_strategy(form_field: FormField, extra: list[str]):
    honest_values = [form_field.default, *PLAUSIBLE.get(form_field.kind, ["Fine"]), *form_field.options, *extra]
    return st.one_of(
        st.none(),  # left out
        st.sampled_from(honest_values),
        st.sampled_from(HOSTILE),
        st.text(max_size=12),
    )


def crawl(client, names, objects):  # noqa: F811
    """The forms of the GET pages and the query parameters of the links into each page, from real pages.

    Links with parameters not seen before are followed once (the board's day view has "book here"
    links the week view has not).
    """
    posts: dict[str, dict[str, FormField]] = {}
    gets: dict[str, dict[str, FormField]] = {}
    to_visit = [url_for(name, objects) for name in names if EXPECTED[name][0] == GET]
    seen: set[str] = set()
    while to_visit:
        url = to_visit.pop(0)
        path = urlsplit(url).path
        response = client.get(url)
        assert response.status_code < 500, f"GET {url}: {response.status_code}"
        gets.setdefault(path, {})
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = read_page(path, response.content.decode())
        for form in page.forms:
            target = posts if form.method == "post" else gets
            target.setdefault(form.action, {}).update(
                {name: field for name, field in form.fields.items() if name != "csrfmiddlewaretoken"}
            )
        for link_path, params in page.link_params.items():
            gets.setdefault(link_path, {}).update({param: FormField(param, "param") for param in params})
        for href in page.links:
            key = urlsplit(href).path + "?" + ",".join(sorted(dict(parse_qsl(urlsplit(href).query))))
            if key not in seen and url_name(urlsplit(href).path) in names and "/logout/" not in href:
                seen.add(key)
                to_visit.append(href if href.startswith("/") else path + href)
    for name in names:
        path = url_for(name, objects)
        if EXPECTED[name][0] == GET:
            fields = {param: FormField(param, "param") for param in LINKED.get(name, [])}
            if getattr(getattr(resolve(path).func, "view_class", None), "paginate_by", None):
                fields["page"] = FormField("page", "number")  # a list view: Django reads ?page=
            gets.setdefault(path, {}).update(fields)
    return posts, gets


def fuzz(client, method: str, path: str, fields: dict[str, FormField], *, extra, json_answers=False):
    """Each field's sure values once (the others honest), then hypothesis's mixes of everything."""

    def send(values, as_json):
        data = {name: value for name, value in values.items() if value is not None}
        note(f"{method.upper()} {path} {data!r}")
        headers = {"HTTP_ACCEPT": "application/json"} if as_json else {}
        with transaction.atomic():
            before = row_counts()
            response = (client.get if method == "get" else client.post)(path, data, **headers)
            assert response.status_code < 500, f"{method.upper()} {path} {data!r}: {response.status_code}"
            if response.status_code >= 400:
                changed = [(old, new) for old, new in zip(before, row_counts(), strict=True) if old != new]
                assert not changed, (
                    f"{method.upper()} {path} {data!r}: refused ({response.status_code}), saved {changed}"
                )
            transaction.set_rollback(True)

    strategies = {name: value_strategy(form_field, extra) for name, form_field in fields.items()}
    test = given(values=st.fixed_dictionaries(strategies), as_json=st.booleans() if json_answers else st.just(False))(
        send
    )
    base = {name: honest(form_field) for name, form_field in fields.items()}
    for name, form_field in fields.items():
        for value in form_field.sure_values():
            test = example(values={**base, name: value}, as_json=False)(test)
    settings(
        max_examples=EXAMPLES[method], deadline=None, derandomize=True, database=None,
        suppress_health_check=list(HealthCheck),
    )(test)()  # fmt: skip


def run_fuzz(client, role: str, names, objects):  # noqa: F811
    posts, gets = crawl(client, names, objects)
    extra = [f"crew-{objects['crew']}", str(objects["visit"]), str(objects["job"])]
    json_answers = role == "installer"
    fuzzed = set()
    for path, fields in sorted(posts.items()):
        if url_name(path) in SKIPPED or url_name(path) not in names:
            continue
        scripted = {name: FormField(name, kind) for name, kind in SCRIPTED.get(url_name(path), {}).items()}
        fields = {**scripted, **fields}
        fuzz(client, "post", path, fields, extra=extra, json_answers=json_answers and path.startswith("/field/"))
        fuzzed.add(url_name(path))
    # Endpoints no page showed a form for (posted by a script, or shown only in another state).
    for name in names:
        if EXPECTED[name][0] != GET and name not in fuzzed and name not in SKIPPED:
            sent = SCRIPTED.get(name, FALLBACK)
            fields = {field_name: FormField(field_name, kind) for field_name, kind in sent.items()}
            fuzz(client, "post", url_for(name, objects), fields, extra=extra, json_answers=json_answers)
    for path, fields in sorted(gets.items()):
        if fields and url_name(path) in names:
            fuzz(client, "get", path, fields, extra=extra)


@pytest.fixture
def fuzz_objects(objects, installer):  # noqa: F811
    return {**objects, "crew": installer.crew.pk}


def test_every_office_page_and_form_survives_hostile_input(client, coordinator, fuzz_objects):
    client.force_login(coordinator)
    names = [name for name in EXPECTED if allowed(name, "coordinator")]
    run_fuzz(client, "coordinator", names, fuzz_objects)


def test_every_receivables_page_and_form_survives_hostile_input(client, accounting, fuzz_objects):
    # Receivables are accounting's alone, so the coordinator's run never reaches them.
    client.force_login(accounting)
    names = [name for name in EXPECTED if name.startswith("billing:") and allowed(name, "accounting")]
    run_fuzz(client, "accounting", names, fuzz_objects)


def test_every_phone_page_and_form_survives_hostile_input(client, installer, fuzz_objects):
    client.force_login(installer)
    names = [name for name in EXPECTED if name.startswith("field:") and allowed(name, "installer")]
    run_fuzz(client, "installer", names, fuzz_objects)


def test_the_page_reader_finds_forms_fields_and_link_parameters():
    html = """<a href="?date=2026-12-01&view=week">w</a><a href="/jobs/new/?customer=3">n</a>
    <form method="post" action="/x/"><input name="csrfmiddlewaretoken" value="t"><input type="date" name="day">
    <select name="crew"><option value="">-</option><option value="4" selected>A</option></select>
    <textarea name="notes">hi</textarea><button name="close" value="1">Close</button></form>"""
    page = read_page("/board/", html)
    assert page.link_params == {"/board/": {"date", "view"}, "/jobs/new/": {"customer"}}
    (form,) = page.forms
    assert (form.action, form.method) == ("/x/", "post")
    assert {name: (f.kind, f.default) for name, f in form.fields.items()} == {
        "csrfmiddlewaretoken": ("text", "t"), "day": ("date", ""), "crew": ("select", "4"),
        "notes": ("textarea", "hi"), "close": ("submit", "1"),
    }  # fmt: skip
    assert urlsplit(form.action).path == "/x/"
