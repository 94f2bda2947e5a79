#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the store's integration tests.
#   eval "$(.ci/postgres.sh start)"   # installs Debian's postgresql if needed, prints the export
#   .ci/postgres.sh stop              # stops the server and deletes its directory
# Progress goes to stderr so stdout carries only the `export TEST_DATABASE_URL=...` line.
set -euo pipefail

DIR="${DOSSIERBOT_PG_DIR:-${TMPDIR:-/tmp}/dossierbot-pg}"
FIRST_PORT="${DOSSIERBOT_PG_PORT:-54329}"
DB=dossierbot_test

say() { echo "postgres.sh: $*" >&2; }

bindir() {  # newest server install; Debian keeps the binaries out of PATH
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -n "$dir" && -x "$dir/initdb" ]]; then echo "$dir"; return; fi
    if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        dirname "$(command -v initdb)"
    fi
}

install_server() {
    say "installing Debian's postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
}

as_owner() {  # initdb and the server refuse to run as root
    if [[ $EUID -eq 0 ]]; then
        (cd "$DIR" && runuser -u postgres -- "$@")
    else
        (cd "$DIR" && "$@")
    fi
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
    local port
    for port in $(seq "$FIRST_PORT" $((FIRST_PORT + 50))); do
        if ! port_busy "$port"; then echo "$port"; return; fi
    done
    say "no free port in $FIRST_PORT..$((FIRST_PORT + 50))"
    exit 1
}

print_url() { echo "export TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:$(cat "$DIR/port")/$DB"; }

start() {
    local began=$SECONDS bin port
    bin=$(bindir)
    if [[ -z "$bin" ]]; then install_server; bin=$(bindir); fi
    if [[ -z "$bin" ]]; then say "initdb not found even after installing postgresql"; exit 1; fi
    if [[ -f "$DIR/port" ]] && "$bin/pg_isready" -q -h 127.0.0.1 -p "$(cat "$DIR/port")"; then
        say "already running"; print_url; return
    fi
    rm -rf "$DIR" && mkdir -p "$DIR"
    if [[ $EUID -eq 0 ]]; then chown postgres: "$DIR"; fi
    port=$(free_port)
    echo "$port" >"$DIR/port"
    # Trust auth and no fsync: a disposable cluster reachable only from this machine.
    as_owner "$bin/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --no-locale --no-sync \
        >"$DIR/initdb.log"
    as_owner "$bin/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start -o \
        "-c listen_addresses=127.0.0.1 -p $port -k $DIR -c fsync=off -c synchronous_commit=off" \
        >/dev/null
    "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB"
    say "PostgreSQL $("$bin/postgres" -V | awk '{print $3}') ready on port $port in $((SECONDS - began))s"
    print_url
}

stop() {
    local bin
    bin=$(bindir)
    if [[ -n "$bin" && -f "$DIR/data/PG_VERSION" ]]; then
        as_owner "$bin/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$DIR"
    say "stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
