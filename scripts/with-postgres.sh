#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh <command> [args...]
#
# Runs <command> against a throw-away PostgreSQL server:
#   * starts a fresh cluster in a temporary directory on a free localhost port
#     (trust auth, fsync off: for tests only, never for real data);
#   * runs <command> with TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:<port>/postgres;
#   * always stops the server and deletes its data afterwards (also on failure or Ctrl-C);
#   * exits with <command>'s exit code.
#
# If TEST_DATABASE_URL is already set, <command> is simply run against that database.
# PostgreSQL binaries are looked up in $PG_BINDIR, `pg_config --bindir`, /usr/lib/postgresql/*/bin
# (newest first) and $PATH. If none are found and we are root on Debian/Ubuntu, the `postgresql`
# package is installed with apt-get. PostgreSQL refuses to run as root, so as root the server runs as
# the `postgres` user.

set -euo pipefail

log() { printf 'with-postgres: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

if [[ $# -eq 0 ]]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  log "TEST_DATABASE_URL is already set; running the command against it"
  exec "$@"
fi

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# Prints the first directory that holds initdb, pg_ctl and postgres.
find_bindir() {
  local candidates=() dir
  [[ -n "${PG_BINDIR:-}" ]] && candidates+=("$PG_BINDIR")
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    [[ -n "$dir" ]] && candidates+=("$dir")
  fi
  # Newest major version first (sort -V: 9.6 < 10 < 15 < 17).
  local versioned
  versioned="$(compgen -G '/usr/lib/postgresql/*/bin' | sort -rV || true)"
  while IFS= read -r dir; do
    [[ -n "$dir" ]] && candidates+=("$dir")
  done <<<"$versioned"
  if command -v initdb >/dev/null 2>&1; then
    candidates+=("$(dirname "$(command -v initdb)")")
  fi
  for dir in "${candidates[@]}"; do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]]; then
      printf '%s\n' "$dir"
      return 0
    fi
  done
  return 1
}

if ! BINDIR="$(find_bindir)"; then
  if is_root && command -v apt-get >/dev/null 2>&1; then
    log "PostgreSQL server binaries not found; installing the postgresql package with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
  fi
  BINDIR="$(find_bindir)" ||
    die "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found; install PostgreSQL or set PG_BINDIR"
fi

# Run a server command as a non-root user: postgres refuses to run as root.
as_server_user() {
  if ! is_root; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- "$@"
  else
    su -s /bin/bash postgres -c "$(printf '%q ' "$@")"
  fi
}
if is_root && ! id postgres >/dev/null 2>&1; then
  die "running as root but there is no 'postgres' user to run the server as (create one, or run as a normal user)"
fi

free_port() {
  if command -v node >/dev/null 2>&1; then
    node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  else
    echo $((20000 + RANDOM % 20000))
  fi
}

# Unix socket paths are limited to ~107 bytes, so keep the directory short.
base="${TMPDIR:-/tmp}"
((${#base} > 60)) && base=/tmp
WORKDIR="$(mktemp -d "$base/with-postgres.XXXXXX")"
DATADIR="$WORKDIR/data"
LOGFILE="$WORKDIR/server.log"
started=0

# shellcheck disable=SC2317 # invoked through the EXIT trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ $started -eq 1 ]]; then
    log "stopping the server"
    (cd "$WORKDIR" && as_server_user "$BINDIR/pg_ctl" -D "$DATADIR" -m immediate -w stop >/dev/null 2>&1) ||
      log "warning: pg_ctl stop failed"
  fi
  rm -rf "$WORKDIR"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

is_root && chown postgres: "$WORKDIR"
chmod 700 "$WORKDIR"

log "using $("$BINDIR/postgres" --version) from $BINDIR"
log "initialising a throw-away cluster in $DATADIR"
if ! (cd "$WORKDIR" && as_server_user "$BINDIR/initdb" -D "$DATADIR" -A trust -U postgres \
  --encoding=UTF8 --locale=C --no-sync >"$WORKDIR/initdb.log" 2>&1); then
  cat "$WORKDIR/initdb.log" >&2
  die "initdb failed"
fi

# The port is picked, then bound by the server: retry if someone else grabbed it in between.
for attempt in 1 2 3; do
  PORT="$(free_port)"
  log "starting the server on 127.0.0.1:$PORT (attempt $attempt)"
  if (cd "$WORKDIR" && as_server_user "$BINDIR/pg_ctl" -D "$DATADIR" -l "$LOGFILE" -w -t 60 \
    -o "-p $PORT -k $WORKDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null 2>&1); then
    started=1
    break
  fi
  # pg_ctl may have given up while the postmaster still runs: make sure it is gone before retrying.
  (cd "$WORKDIR" && as_server_user "$BINDIR/pg_ctl" -D "$DATADIR" -m immediate -w stop >/dev/null 2>&1) || true
  if ! grep -qi 'address already in use\|could not bind' "$LOGFILE" 2>/dev/null; then
    break
  fi
done

if [[ $started -ne 1 ]]; then
  log "the server failed to start; its log ($LOGFILE):"
  sed 's/^/  | /' "$LOGFILE" >&2 2>/dev/null || true
  die "could not start PostgreSQL"
fi

export TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
log "TEST_DATABASE_URL=$TEST_DATABASE_URL"
log "running: $*"

set +e
"$@"
status=$?
set -e

log "command exited with status $status"
exit "$status"
