#!/usr/bin/env bash
# HTTP load benchmark: dynarock-server against Dynoxide, same scenarios, same run, loopback only.
#
#   bench/http/run.sh            (build assumed done: BUILD_DIR, default ./build)
#
# Scenarios: PutItem, GetItem (~200-byte items, 1000 keys) and Query returning 10 items (run
# only where the server answers Query), each at 1 and 16 connections. Each run is bounded by
# DURATION seconds (default 5) and MAX_REQUESTS responses (default 300000 per wrk thread; for
# the C++ generator, 0 = no limit).
# Each scenario runs ROUNDS times (default 3) with the two servers taking turns, so that the
# host's drifting speed hits both alike. Prints every run, then per server the median ops/s,
# median p50 and median p99 latency and the median server CPU time per request (user + system
# of the whole process, from /proc) of the rounds, then dynarock's median ops/s as a ratio of
# Dynoxide's and Dynoxide's CPU per request as a ratio of dynarock's. Each run also shows how
# busy the load generator's core was (its CPU time over the run's, C++ generator only): near
# 100% the rate is the load generator's limit on this machine, not the server's. Exits 1 if any
# response failed.
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
rounds="${ROUNDS:-3}"
max_requests="${MAX_REQUESTS:-300000}"  # per wrk thread
keys="${KEYS:-1000}"
dynoxide_dir="${DYNOXIDE_DIR:-/tmp/dynoxide}"
dynoxide_version="${DYNOXIDE_VERSION:-1.2.1}"
# The load generator runs on the same machine and takes about one core: the server gets the
# others (at least one). On a 2-core machine that is one server thread, which measured faster
# and with a lower p99 than two threads fighting the load generator for the cores.
server_threads="${SERVER_THREADS:-$(( $(nproc) > 1 ? $(nproc) - 1 : 1 ))}"
# With 2 or more cores, the load generator is pinned to core 0 and both servers to the others,
# as if the client ran on another machine (PIN=0 turns this off). Unpinned on a 2-core VM
# whose cores share no cache as far as the scheduler knows, the kernel's wake-ups kept moving
# the server onto the load generator's core for seconds at a time: dynarock's GetItem rate
# halved in those phases (p99 ~600 us, the signature of one shared core), and Dynoxide's
# threads, fighting the load generator, answered 11-12k GetItem/s where pinned they answered
# 17-26k. Pinned, each server gets the same cores, all of them its own.
pin="${PIN:-1}"
server_pin=() loadgen_pin=()
if [[ "$pin" == 1 && $(nproc) -ge 2 ]] && command -v taskset >/dev/null; then
  loadgen_pin=(taskset -c 0)
  server_pin=(taskset -c "1-$(( $(nproc) - 1 ))")
fi

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
"${server_pin[@]}" "$server" --host 127.0.0.1 --port 0 --in-memory --threads "$server_threads" \
  >"$work/dynarock.out" 2>&1 &
pids+=($!)
dynarock_pid=$!
for _ in $(seq 1 200); do
  dynarock_port="$(sed -n 's#^dynarock-server listening on http://127\.0\.0\.1:\([0-9]*\)$#\1#p' "$work/dynarock.out")"
  [[ -n "$dynarock_port" ]] && break
  sleep 0.05
done
[[ -n "${dynarock_port:-}" ]] || { echo "run.sh: dynarock-server did not start" >&2; cat "$work/dynarock.out" >&2; exit 1; }
dynoxide_port="$(free_port)"
"${server_pin[@]}" "$dynoxide" serve --host 127.0.0.1 --port "$dynoxide_port" \
  >"$work/dynoxide.out" 2>&1 &
pids+=($!)
dynoxide_pid=$!
wait_port "$dynoxide_port"

clk_tck="$(getconf CLK_TCK)"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # user + system, all threads

# One measurement: run_one TARGET OP CONNS -> "ops p50 p99 failed cpu_us_per_request
# loadgen_busy_percent" on stdout (the last is "-" for wrk). The CPU figure is the server process's user + system time over the run divided by
# the requests answered. It shows what each server spends per request whatever the number of
# cores it spreads over (Dynoxide uses both of a 2-core machine; dynarock's one server thread,
# one), but it is not immune to the host: in a slow phase dynarock's rose from ~15 to ~25 us.
run_one() {
  local port_var="${1}_port" pid_var="${1}_pid" line requests duration_us p50_us p99_us errors non200
  local cpu_us=""
  local port="${!port_var}" pid="${!pid_var}" ticks_before ticks_after
  ticks_before="$(cpu_ticks "$pid")"
  if [[ "$loadgen" == wrk ]]; then
    local threads=$(( $3 < 2 ? 1 : 2 ))
    line="$("${loadgen_pin[@]}" wrk -t"$threads" -c"$3" -d"${duration}s" --timeout 5s -s "$here/dynamo.lua" \
            "http://127.0.0.1:$port/" -- "$2" "$keys" "$max_requests" | grep '^RESULT')"
  else
    line="$("${loadgen_pin[@]}" "$loadgen_bin" --port "$port" --op "$2" --connections "$3" \
            --duration "$duration" --keys "$keys" --max-requests "${MAX_REQUESTS:-0}" | grep '^RESULT')"
  fi
  ticks_after="$(cpu_ticks "$pid")"
  # requests= duration_us= p50_us= p99_us= errors= non200= [cpu_us=]
  eval "$(sed 's/^RESULT //' <<<"$line")"
  echo "$(( requests * 1000000 / duration_us )) $p50_us $p99_us $(( errors + non200 ))" \
       "$(awk -v t=$(( ticks_after - ticks_before )) -v hz="$clk_tck" -v n="$requests" \
            'BEGIN {printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0)}')" \
       "$([[ -n "$cpu_us" ]] && echo $(( cpu_us * 100 / duration_us )) || echo -)"
}

median() { tr ' ' '\n' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

declare -A has_query
for target in dynarock dynoxide; do
  port_var="${target}_port"
  has_query[$target]="$(python3 "$here/prepare.py" "http://127.0.0.1:${!port_var}/" "$keys")"
done

# The host's speed drifts (other tenants, frequency): the two servers take turns within each
# scenario, ROUNDS times, and each figure below is the median of its rounds. Every round is
# printed as well.
declare -A ops_per_s cpu_per_request loadgen_busy summary
failed_total=0
echo "load generator: $loadgen${loadgen_pin:+ on core 0}, server threads: $server_threads${server_pin:+, servers on cores 1-$(( $(nproc) - 1 ))}, $duration s per run, $rounds rounds (servers alternate)"
for op in put get query; do
  for conns in 1 16; do
    declare -A r_ops=() r_p50=() r_p99=() r_cpu=() r_lg=()
    for round in $(seq 1 "$rounds"); do
      for target in dynarock dynoxide; do
        [[ "$op" == query && "${has_query[$target]}" != "query=yes" ]] && continue
        read -r o p50 p99 failed cpu lg <<<"$(run_one "$target" "$op" "$conns")"
        failed_total=$(( failed_total + failed ))
        r_ops[$target]+="$o "; r_p50[$target]+="$p50 "; r_p99[$target]+="$p99 "
        r_cpu[$target]+="$cpu "; r_lg[$target]+="$lg "
        printf "  round %d %-9s %-6s c=%-3d %8d ops/s  p50 %6d us  p99 %6d us  cpu %6s us/req  load generator %3s%%  failed %d\n" \
          "$round" "$target" "$op" "$conns" "$o" "$p50" "$p99" "$cpu" "$lg" "$failed"
      done
    done
    for target in dynarock dynoxide; do
      [[ -n "${r_ops[$target]:-}" ]] || continue
      ops_per_s["$target,$op,$conns"]="$(median <<<"${r_ops[$target]% }")"
      cpu_per_request["$target,$op,$conns"]="$(median <<<"${r_cpu[$target]% }")"
      loadgen_busy["$target,$op,$conns"]="$( [[ "$loadgen" == wrk ]] && echo - || median <<<"${r_lg[$target]% }")"
      summary["$target,$op,$conns"]="$(printf "%-9s %-8s %5d %12d %10d %10d %12s %12s" "$target" "$op" \
        "$conns" "${ops_per_s[$target,$op,$conns]}" "$(median <<<"${r_p50[$target]% }")" \
        "$(median <<<"${r_p99[$target]% }")" "${cpu_per_request[$target,$op,$conns]}" \
        "${loadgen_busy[$target,$op,$conns]}")"
    done
    unset r_ops r_p50 r_p99 r_cpu r_lg
  done
done

echo
echo "medians of $rounds rounds:"
printf "%-9s %-8s %5s %12s %10s %10s %12s %12s\n" server op conns "ops/s" "p50(us)" "p99(us)" "cpu(us/req)" \
  "loadgen(%)"
for target in dynarock dynoxide; do
  for op in put get query; do
    for conns in 1 16; do
      if [[ -n "${summary[$target,$op,$conns]:-}" ]]; then
        echo "${summary[$target,$op,$conns]}"
      elif [[ $conns -eq 1 ]]; then
        printf "%-9s %-8s %5s %12s\n" "$target" "$op" "-" "(no Query yet: skipped)"
      fi
    done
  done
done
echo "failed responses, all runs: $failed_total"

echo
echo "dynarock as a ratio of Dynoxide (medians; higher is better): ops/s, and server CPU per request"
echo "(Dynoxide's CPU time over dynarock's)"
for op in put get query; do
  for conns in 1 16; do
    a="${ops_per_s[dynarock,$op,$conns]:-}"
    b="${ops_per_s[dynoxide,$op,$conns]:-}"
    ca="${cpu_per_request[dynarock,$op,$conns]:-}"
    cb="${cpu_per_request[dynoxide,$op,$conns]:-}"
    if [[ -n "$a" && -n "$b" && "$b" -gt 0 ]]; then
      printf "  %-6s c=%-3d %6s x ops/s   %6s x less CPU per request\n" "$op" "$conns" \
        "$(python3 -c "print(f'{$a/$b:.2f}')")" \
        "$(python3 -c "print(f'{$cb/$ca:.2f}' if $ca > 0 else '-')")"
      lg="${loadgen_busy[dynarock,$op,$conns]:--}"
      if [[ "$lg" != - && "$lg" -ge 90 ]]; then
        echo "         (the load generator's core was $lg% busy: dynarock's rate here is the load generator's limit)"
      fi
    fi
  done
done
if [[ $failed_total -ne 0 ]]; then
  echo "run.sh: $failed_total failed responses" >&2
  exit 1
fi
