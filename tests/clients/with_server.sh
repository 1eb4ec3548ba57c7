#!/usr/bin/env bash
# Runs one client test against its own dynarock-server.
#
#   with_server.sh SERVER_BINARY [SERVER_ARGS...] -- COMMAND [ARGS...]
#
# Starts `SERVER_BINARY --host 127.0.0.1 --port 0 --in-memory SERVER_ARGS...`, reads the port
# from its "dynarock-server listening on http://HOST:PORT" line, runs COMMAND with
# DYNAROCK_ENDPOINT=http://127.0.0.1:PORT, then stops the server with SIGTERM (by its pid) and
# checks that it exited 0. Exit status: COMMAND's (77 = skipped), else 1 if the server failed.
set -u

server="$1"
shift
server_args=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
  server_args+=("$1")
  shift
done
[[ $# -gt 0 ]] && shift  # the "--"
if [[ $# -eq 0 ]]; then
  echo "usage: with_server.sh SERVER [SERVER_ARGS...] -- COMMAND [ARGS...]" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$server" --host 127.0.0.1 --port 0 --in-memory "${server_args[@]}" >"$work/out" 2>"$work/err" &
server_pid=$!

port=""
for _ in $(seq 1 200); do  # up to 10 s for the "listening" line
  port="$(sed -n 's#^dynarock-server listening on http://127\.0\.0\.1:\([0-9][0-9]*\)$#\1#p' "$work/out")"
  [[ -n "$port" ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  sleep 0.05
done
if [[ -z "$port" ]]; then
  echo "with_server.sh: dynarock-server did not start" >&2
  cat "$work/out" "$work/err" >&2
  kill -KILL "$server_pid" 2>/dev/null
  exit 1
fi

DYNAROCK_ENDPOINT="http://127.0.0.1:$port" "$@"
status=$?

kill -TERM "$server_pid"
server_status=0
for _ in $(seq 1 300); do  # up to 15 s for a clean stop
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.05
done
if kill -0 "$server_pid" 2>/dev/null; then
  echo "with_server.sh: dynarock-server did not stop on SIGTERM" >&2
  kill -KILL "$server_pid"
  server_status=1
fi
wait "$server_pid" || server_status=$?
if [[ $server_status -ne 0 ]]; then
  echo "with_server.sh: dynarock-server exited with status $server_status" >&2
  cat "$work/err" >&2
  [[ $status -eq 0 ]] && status=1
fi
exit $status
