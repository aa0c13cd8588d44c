#!/usr/bin/env bash
# `make run`: the task worker (emails, digests, reminders) beside the
# development server, in one command. Stopping either stops both (Ctrl-C,
# a TERM to this script, or the server exiting).
set -uo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
export DEBUG="${DEBUG:-true}"

"$PY" manage.py schedule_tasks || exit 1
"$PY" manage.py db_worker --no-reload --interval 1 &
worker=$!
"$PY" manage.py runserver "${1:-127.0.0.1:8000}" &
server=$!

stop() {
    trap - EXIT INT TERM
    # runserver's autoreloader runs the server in a child process: stop it too.
    pkill -TERM -P "$server" 2>/dev/null
    kill -TERM "$server" "$worker" 2>/dev/null
    wait 2>/dev/null
}
trap stop EXIT INT TERM

# Whichever ends first (the server, or a worker that could not start) ends both.
wait -n "$server" "$worker"
