#!/usr/bin/env bash
# HTTP load benchmark: dynarock-server against Dynoxide, same scenarios, same run, loopback only.
#
#   bench/http/run.sh            (build assumed done: BUILD_DIR, default ./build)
#
# Scenarios: PutItem, GetItem (~200-byte items, 1000 keys) and Query returning 10 items (run
# only where the server answers Query), each at 1 and 16 connections. Each run is bounded by
# DURATION seconds (default 5) and MAX_REQUESTS responses (default 300000 per wrk thread; for
# the C++ generator, 0 = no limit).
# Reports ops/s, p50/p99 latency and failed responses per server, then dynarock's ops/s as a
# ratio of Dynoxide's. Exits 1 if any response failed.
#
# Load generator: LOADGEN=cpp (default; build/bench/dynarock-loadgen, one epoll thread, a few
# microseconds of CPU per request, so the server under test gets most of the shared cores) or
# LOADGEN=wrk (wrk with bench/http/dynamo.lua; its Lua request() per call costs far more CPU).
#
# Needs: python3, npm (installs @dynoxide/linux-x64 into DYNOXIDE_DIR, default /tmp/dynoxide,
# if missing); wrk (apt-get install wrk) for LOADGEN=wrk.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${BUILD_DIR:-$root/build}"
server="${DYNAROCK_SERVER:-$build/tools/server/dynarock-server}"
duration="${DURATION:-5}"
max_requests="${MAX_REQUESTS:-300000}"  # per wrk thread
keys="${KEYS:-1000}"
dynoxide_dir="${DYNOXIDE_DIR:-/tmp/dynoxide}"
dynoxide_version="${DYNOXIDE_VERSION:-1.2.1}"
# The load generator runs on the same machine and takes about one core: the server gets the
# others (at least one). On a 2-core machine that is one server thread, which measured faster
# and with a lower p99 than two threads fighting the load generator for the cores.
server_threads="${SERVER_THREADS:-$(( $(nproc) > 1 ? $(nproc) - 1 : 1 ))}"

loadgen="${LOADGEN:-cpp}"
loadgen_bin="${LOADGEN_BIN:-$build/bench/dynarock-loadgen}"
[[ -x "$server" ]] || { echo "run.sh: $server not found; build dynarock-server first" >&2; exit 2; }
if [[ "$loadgen" == wrk ]]; then
  command -v wrk >/dev/null || { echo "run.sh: wrk not found (apt-get install wrk)" >&2; exit 2; }
else
  [[ -x "$loadgen_bin" ]] || { echo "run.sh: $loadgen_bin not found (build with -DDYNAROCK_BUILD_BENCH=ON)" >&2; exit 2; }
fi
dynoxide="$dynoxide_dir/node_modules/@dynoxide/linux-x64/dynoxide"
if [[ ! -x "$dynoxide" ]]; then
  echo "installing @dynoxide/linux-x64@$dynoxide_version into $dynoxide_dir"
  mkdir -p "$dynoxide_dir"
  npm install --no-audit --no-fund --prefix "$dynoxide_dir" "@dynoxide/linux-x64@$dynoxide_version" >/dev/null
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

wait_port() {  # wait_port PORT: until something accepts on 127.0.0.1:PORT (10 s)
  for _ in $(seq 1 200); do
    if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$1),0.2)" 2>/dev/null; then
      return 0
    fi
    sleep 0.05
  done
  echo "run.sh: nothing listens on port $1" >&2
  return 1
}

# Servers, each in memory.
"$server" --host 127.0.0.1 --port 0 --in-memory --threads "$server_threads" >"$work/dynarock.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 200); do
  dynarock_port="$(sed -n 's#^dynarock-server listening on http://127\.0\.0\.1:\([0-9]*\)$#\1#p' "$work/dynarock.out")"
  [[ -n "$dynarock_port" ]] && break
  sleep 0.05
done
[[ -n "${dynarock_port:-}" ]] || { echo "run.sh: dynarock-server did not start" >&2; cat "$work/dynarock.out" >&2; exit 1; }
dynoxide_port="$(free_port)"
"$dynoxide" serve --host 127.0.0.1 --port "$dynoxide_port" >"$work/dynoxide.out" 2>&1 &
pids+=($!)
wait_port "$dynoxide_port"

declare -A ops_per_s
failed_total=0
echo "load generator: $loadgen, server threads: $server_threads, $duration s per scenario"
printf "%-9s %-8s %5s %12s %10s %10s %8s\n" server op conns "ops/s" "p50(us)" "p99(us)" failed
for target in dynarock dynoxide; do
  port_var="${target}_port"
  url="http://127.0.0.1:${!port_var}/"
  query="$(python3 "$here/prepare.py" "$url" "$keys")"
  for op in put get query; do
    if [[ "$op" == query && "$query" != "query=yes" ]]; then
      printf "%-9s %-8s %5s %12s\n" "$target" "$op" "-" "(no Query yet: skipped)"
      continue
    fi
    for conns in 1 16; do
      if [[ "$loadgen" == wrk ]]; then
        threads=$(( conns < 2 ? 1 : 2 ))
        line="$(wrk -t"$threads" -c"$conns" -d"${duration}s" --timeout 5s -s "$here/dynamo.lua" \
                "$url" -- "$op" "$keys" "$max_requests" | grep '^RESULT')"
      else
        port="${url#http://127.0.0.1:}"; port="${port%/}"
        line="$("$loadgen_bin" --port "$port" --op "$op" --connections "$conns" \
                --duration "$duration" --keys "$keys" --max-requests "${MAX_REQUESTS:-0}" | grep '^RESULT')"
      fi
      eval "$(sed 's/^RESULT //' <<<"$line")"  # requests= duration_us= p50_us= p99_us= errors= non200=
      ops=$(( requests * 1000000 / duration_us ))
      failed=$(( errors + non200 ))
      failed_total=$(( failed_total + failed ))
      ops_per_s["$target,$op,$conns"]=$ops
      printf "%-9s %-8s %5d %12d %10d %10d %8d\n" "$target" "$op" "$conns" "$ops" "$p50_us" "$p99_us" "$failed"
    done
  done
done

echo
echo "dynarock ops/s as a ratio of Dynoxide's (higher is better):"
for op in put get query; do
  for conns in 1 16; do
    a="${ops_per_s[dynarock,$op,$conns]:-}"
    b="${ops_per_s[dynoxide,$op,$conns]:-}"
    if [[ -n "$a" && -n "$b" && "$b" -gt 0 ]]; then
      printf "  %-6s c=%-3d %6s x\n" "$op" "$conns" "$(python3 -c "print(f'{$a/$b:.2f}')")"
    fi
  done
done
if [[ $failed_total -ne 0 ]]; then
  echo "run.sh: $failed_total failed responses" >&2
  exit 1
fi
