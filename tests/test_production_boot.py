"""Production boots: collectstatic, then gunicorn behind a pretend TLS proxy, used over real HTTP.

Everything runs in subprocesses that see only what a production host sets (the variables the README
lists), against the test database pytest-django created. The proxy is played by this module: it
speaks plain HTTP to gunicorn and says the request came over TLS (X-Forwarded-Proto: https), passes
the public Host and appends the client's address to X-Forwarded-For. Cookies are kept by hand, as
they are Secure and an ordinary cookie jar would not send them back over plain HTTP.
"""

import gzip
import http.client
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher

pytestmark = pytest.mark.production

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "office.installops.test"
ORIGIN = f"https://{HOST}"
PASSWORD = "correct-horse-battery-staple-7"
FAILURE_LIMIT = 3  # sign-in failures before a lockout (AXES_FAILURE_LIMIT, 5 by default)
REQUIRED = ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL", "SITE_URL"]


def base_env():
    """A host's environment before any of the app's variables: no test settings, nothing of this process."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    if "HOME" in os.environ:
        env["HOME"] = os.environ["HOME"]
    return env


def database_url():
    db = settings.DATABASES["default"]  # the test database, once pytest-django has created it
    credentials = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = quote(db["HOST"] or "", safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"


def production_env(static_root):
    return {
        **base_env(),
        "DJANGO_SETTINGS_MODULE": "installops.settings.production",
        "SECRET_KEY": "p9!Kq2#Lw8@Rz4$Tv6^Mx3&Nb7*Cf1(Hj5)Dg0-Sy2+Eu7=prod-boot-test-only",
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "SITE_URL": ORIGIN,
        "STATIC_ROOT": str(static_root),
        "AXES_FAILURE_LIMIT": str(FAILURE_LIMIT),
    }


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


@dataclass
class Visitor:
    """One browser, as seen by gunicorn through the proxy."""

    port: int
    address: str = "203.0.113.10"
    cookies: dict = field(default_factory=dict)  # name -> the Set-Cookie morsel last received

    def request(self, method, path, *, form=None, headers=None, over_https=True):
        sent = {"Host": HOST, "X-Forwarded-For": self.address}
        if over_https:
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={morsel.value}" for name, morsel in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        sent.update(headers or {})
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            result = Response(response.status, response.headers, response.read())
        finally:
            connection.close()
        for header in result.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            self.cookies.update(jar)
        return result

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def sign_in(self, username, password, next_path="/jobs/"):
        page = self.get(f"/login/?next={next_path}")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.request(
            "POST",
            "/login/",
            form={"csrfmiddlewaretoken": token, "username": username, "password": password, "next": next_path},
            headers={"Origin": ORIGIN, "Referer": f"{ORIGIN}/login/"},
        )


@dataclass
class Site:
    port: int
    log: Path

    def log_tail(self):
        return "\n--- gunicorn log ---\n" + self.log.read_text(errors="replace")[-6000:]


def start_gunicorn(env, log_path):
    """The README's command (bound to a free port of this machine), and the port it listens on."""
    log = open(log_path, "wb")  # noqa: SIM115  (closed by stop_gunicorn)
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "installops.wsgi",
            "--preload",
            "--bind",
            "127.0.0.1:0",
            "--workers",
            "2",
            "--no-control-socket",  # the default socket is shared by every gunicorn of the machine's user
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process.log_file = log
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        found = re.search(rb"Listening at: http://127\.0\.0\.1:(\d+)", log_path.read_bytes())
        if found:
            return process, int(found.group(1))
        if process.poll() is not None:
            break
        time.sleep(0.1)
    stop_gunicorn(process)
    pytest.fail(f"gunicorn did not start (exit status {process.returncode})\n{log_path.read_text(errors='replace')}")


def stop_gunicorn(process):
    try:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # the master stops its workers
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)  # its own session: the master and its workers
                process.wait(timeout=10)
    finally:
        process.log_file.close()


@pytest.fixture(scope="module")
def production_site(django_db_setup, tmp_path_factory):
    """collectstatic into a fresh STATIC_ROOT, then gunicorn serving it; stopped after the module."""
    work = tmp_path_factory.mktemp("production")
    env = production_env(work / "static")
    collected = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert collected.returncode == 0, collected.stdout + collected.stderr
    assert (work / "static" / "staticfiles.json").exists()

    process, port = start_gunicorn(env, work / "gunicorn.log")
    try:
        site = Site(port, work / "gunicorn.log")
        deadline = time.monotonic() + 60
        while True:  # the socket is open before the workers are; a request waits for one of them
            try:
                Visitor(port).get("/login/")
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("gunicorn never answered" + site.log_tail())
                time.sleep(0.2)
        yield site
    finally:
        stop_gunicorn(process)


@pytest.fixture
def office_user(transactional_db, coordinator):
    """A coordinator, committed for gunicorn to see, with a password hash production can check
    (the suite hashes with MD5, which the production settings do not accept)."""
    hasher = PBKDF2PasswordHasher()
    coordinator.password = hasher.encode(PASSWORD, hasher.salt())
    coordinator.save(update_fields=["password"])
    return coordinator


# Every test of the running site asks for a transactional database, even those that do not write: pytest-django
# runs the transactional tests apart from the others, and this keeps them together, so gunicorn starts once.


def test_plain_http_is_redirected_to_https(production_site, transactional_db):
    response = Visitor(production_site.port).get("/login/?next=/jobs/", over_https=False)

    assert response.status == 301, production_site.log_tail()
    assert response.headers["Location"] == f"{ORIGIN}/login/?next=/jobs/"


def test_the_load_balancers_probe_answers_over_plain_http(production_site, transactional_db):
    response = Visitor(production_site.port).get("/health/", over_https=False)

    assert response.status == 200, production_site.log_tail()
    assert response.body == b"ok\n"


def test_sign_in_page_and_its_static_files_are_served(production_site, transactional_db):
    visitor = Visitor(production_site.port)

    page = visitor.get("/login/")

    assert page.status == 200, page.text[:2000] + production_site.log_tail()
    assert '<form method="post"' in page.text
    assert 'name="username"' in page.text
    assert 'name="password"' in page.text
    assert 'name="csrfmiddlewaretoken"' in page.text
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert visitor.cookies["csrftoken"]["secure"]

    # Bootstrap's stylesheet, under its hashed name, from WhiteNoise (compressed, cached for good).
    href = re.search(r'href="(/static/vendor/bootstrap/bootstrap\.min\.[0-9a-f]{12}\.css)"', page.text)
    assert href, page.text[:2000]
    css = visitor.get(href.group(1), headers={"Accept-Encoding": "gzip"})
    assert css.status == 200
    assert css.headers["Content-Type"].startswith("text/css")
    assert css.headers["Content-Encoding"] == "gzip"
    assert "immutable" in css.headers["Cache-Control"]
    # The source map it names was rewritten to its hashed name, and is there.
    source_map = re.search(rb"sourceMappingURL=(\S+\.map)", gzip.decompress(css.body)).group(1).decode()
    assert re.fullmatch(r"bootstrap\.min\.css\.[0-9a-f]{12}\.map", source_map)
    assert visitor.get(f"/static/vendor/bootstrap/{source_map}").status == 200

    script = re.search(r'src="(/static/vendor/htmx/htmx\.min\.[0-9a-f]{12}\.js)"', page.text)
    assert script, page.text[:2000]
    assert visitor.get(script.group(1)).status == 200


def test_a_user_signs_in_and_sees_the_job_list(production_site, office_user):
    visitor = Visitor(production_site.port)

    signed_in = visitor.sign_in("coordinator", PASSWORD)

    assert signed_in.status == 302, signed_in.text[:2000] + production_site.log_tail()
    assert signed_in.headers["Location"] == "/jobs/"
    session = visitor.cookies["sessionid"]
    assert session["secure"]
    assert session["httponly"]

    jobs = visitor.get("/jobs/")

    assert jobs.status == 200, jobs.text[:2000] + production_site.log_tail()
    assert "<title>Jobs" in jobs.text
    assert '<h1 class="h3 mb-0">Jobs</h1>' in jobs.text
    # What the browser may run and keep: our own scripts and styles only, nothing cached after sign-out.
    policy = jobs.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert "no-store" in jobs.headers["Cache-Control"]
    assert "camera=()" in jobs.headers["Permissions-Policy"]
    # Static files keep WhiteNoise's long caching, signed in or not.
    script = re.search(r'src="(/static/js/app\.[0-9a-f]{12}\.js)"', jobs.text)
    assert script, jobs.text[:2000]
    static = visitor.get(script.group(1))
    assert static.status == 200
    assert "immutable" in static.headers["Cache-Control"]
    assert "no-store" not in static.headers["Cache-Control"]


def test_a_lockout_holds_for_the_client_that_failed_not_for_everyone_behind_the_proxy(production_site, office_user):
    attacker = Visitor(production_site.port, address="198.51.100.66")

    statuses = [attacker.sign_in("coordinator", "wrong-password").status for _ in range(FAILURE_LIMIT)]

    # The form again with an error, until the last allowed failure, which locks them out.
    assert statuses == [200] * (FAILURE_LIMIT - 1) + [429], production_site.log_tail()
    locked = attacker.sign_in("coordinator", PASSWORD)
    assert locked.status == 429
    # The app's own page, under its CSP, saying how long the lock lasts.
    assert "<title>Sign-in locked · InstallOps</title>" in locked.text
    assert "try again in <strong>1\xa0hour</strong>" in locked.text
    assert "frame-ancestors 'none'" in locked.headers["Content-Security-Policy"]

    # The same user from their own address (through the same proxy) still gets in.
    office = Visitor(production_site.port, address="203.0.113.25")
    assert office.sign_in("coordinator", PASSWORD).status == 302, production_site.log_tail()


# Without its variables, production stops at once: one line naming every missing one, no traceback.
# gunicorn and celery are started without DJANGO_SETTINGS_MODULE: they default to production.
STOPPING_COMMANDS = {
    "manage.py": ([sys.executable, "manage.py", "check"], 1),
    "gunicorn": ([str(BIN / "gunicorn"), "installops.wsgi", "--preload", "--bind", "127.0.0.1:0"], 4),
    "celery worker": ([str(BIN / "celery"), "-A", "installops", "worker"], 1),
    "celery beat": ([str(BIN / "celery"), "-A", "installops", "beat"], 1),
}


@pytest.mark.parametrize("how", ["absent", "empty"])
@pytest.mark.parametrize("command", STOPPING_COMMANDS)
def test_missing_variables_stop_start_up_in_one_line(command, how):
    if how == "absent" and (ROOT / ".env").exists():
        pytest.skip("a .env file at the top of the tree may set the variables")
    argv, status = STOPPING_COMMANDS[command]
    env = base_env()
    if command == "manage.py":
        env["DJANGO_SETTINGS_MODULE"] = "installops.settings.production"  # manage.py's own default is local
    if how == "empty":
        env.update(dict.fromkeys(REQUIRED, " "))

    result = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)

    output = result.stdout + result.stderr
    expected = f"error: missing required environment variables: {', '.join(REQUIRED)} (see README, Production)"
    assert result.returncode == status, output
    assert [line for line in output.splitlines() if "error:" in line] == [expected], output
    assert "Traceback" not in output
    assert output.count("\n") <= 1, output


def test_a_site_url_without_a_scheme_stops_start_up(tmp_path):
    env = {**production_env(tmp_path), "SITE_URL": HOST}

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )

    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"error: SITE_URL must be an absolute address like https://office.example.com, not '{HOST}' "
        "(see README, Production)"
    )
