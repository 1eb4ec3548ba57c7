#!/usr/bin/env python3
"""Compares dynarock-server and Dynoxide with DynamoDB's documented behaviour.

  compare.py [--server PATH] [--dynoxide PATH] [--only SUBSTRING]

Starts both servers in memory on free loopback ports, runs every case of cases.py against
each, stops them and prints one line per case plus the totals. The expected answers in
cases.py come from the DynamoDB documentation (see README.md), never from either server.
Exit status 0 (this is a measurement), 2 if a server cannot start.
Standard library only; loopback only.
"""
import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # keep the source tree clean
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases as case_data  # noqa: E402

AUTH = ("AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=" + "0" * 64)
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# As bench/http/run.sh: BUILD_DIR (default build-release), DYNOXIDE_DIR, DYNOXIDE_VERSION.
DEFAULT_SERVER = os.path.join(ROOT, os.environ.get("BUILD_DIR", "build-release"),
                              "tools/server/dynarock-server")
DYNOXIDE_DIR = os.environ.get("DYNOXIDE_DIR", "/tmp/dynoxide")
DYNOXIDE_VERSION = os.environ.get("DYNOXIDE_VERSION", "1.2.1")
DEFAULT_DYNOXIDE = os.path.join(DYNOXIDE_DIR, "node_modules/@dynoxide/linux-x64/dynoxide")


def install_dynoxide():
    """Installs Dynoxide's prebuilt binary with npm, as bench/http/run.sh does."""
    print(f"installing @dynoxide/linux-x64@{DYNOXIDE_VERSION} into {DYNOXIDE_DIR}",
          file=sys.stderr)
    os.makedirs(DYNOXIDE_DIR, exist_ok=True)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", DYNOXIDE_DIR,
                    f"@dynoxide/linux-x64@{DYNOXIDE_VERSION}"],
                   stdout=subprocess.DEVNULL, check=False)
HOST = "127.0.0.1"


class Endpoint:
    """One keep-alive connection to a local DynamoDB endpoint (reconnects after errors)."""

    def __init__(self, port):
        self.port = port
        self.conn = None

    def call(self, op, body):
        """Sends one request; body is a dict (JSON-encoded here) or a str sent verbatim.
        Returns (status, parsed JSON or None, raw bytes)."""
        data = body if isinstance(body, str) else json.dumps(body)
        target = op if op.startswith("DynamoDB") else "DynamoDB_20120810." + op
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
            try:
                self.conn.request("POST", "/", body=data.encode(), headers={
                    "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": target,
                    "X-Amz-Date": "20260101T000000Z", "Authorization": AUTH})
                res = self.conn.getresponse()
                raw = res.read()
                break
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt == 1:
                    return 0, None, b"<connection failed>"
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return res.status, parsed, raw


# --- servers -----------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(name, argv, port):
    try:
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError as e:
        print(f"compare.py: cannot start {name}: {e}", file=sys.stderr)
        sys.exit(2)
    deadline = time.time() + 20
    while time.time() < deadline:
        if proc.poll() is not None:
            print(f"compare.py: {name} exited with status {proc.returncode}: {argv}",
                  file=sys.stderr)
            sys.exit(2)
        try:
            socket.create_connection((HOST, port), timeout=0.5).close()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    print(f"compare.py: {name} did not accept connections on port {port}", file=sys.stderr)
    sys.exit(2)


def stop_server(proc):
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# --- running a case ----------------------------------------------------------------------

def substitute(value, names):
    """Replaces the table placeholders ($T, $T2) in strings and dict keys."""
    if isinstance(value, str):
        for placeholder, name in names:
            value = value.replace(placeholder, name)
        return value
    if isinstance(value, dict):
        return {substitute(k, names): substitute(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, names) for v in value]
    return value


def table_names(case_id):
    base = "fid-" + case_id
    return [("$T2", base + "-2"), ("$T", base)]  # $T2 first: "$T" is a prefix of it


def wait_active(ep, table):
    for _ in range(50):
        status, body, _ = ep.call("DescribeTable", {"TableName": table})
        if status != 200 or body["Table"]["TableStatus"] == "ACTIVE":
            return
        time.sleep(0.1)


def short(value, limit=110):
    text = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
    return text if len(text) <= limit else text[:limit - 3] + "..."


def subset_mismatch(want, got, path="$"):
    """Returns None if `want` is contained in `got`, else a description of the first difference.
    Dicts: every key of want must match (extra keys in got are fine). Lists: same length,
    element-wise subset (so order matters). Scalars: equal."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return f"{path}: got {short(got)}, expected an object"
        for key, sub in want.items():
            if key not in got:
                return f"{path}.{key}: missing, expected {short(sub)}"
            diff = subset_mismatch(sub, got[key], f"{path}.{key}")
            if diff:
                return diff
        return None
    if isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            return f"{path}: got {short(got)}, expected {short(want)}"
        for i, (w, g) in enumerate(zip(want, got)):
            diff = subset_mismatch(w, g, f"{path}[{i}]")
            if diff:
                return diff
        return None
    if want != got:
        return f"{path}: got {short(got)}, expected {short(want)}"
    return None


def error_type(body):
    kind = (body or {}).get("__type", "")
    return kind.rsplit("#", 1)[-1] if kind else ""


def error_message(body):
    body = body or {}
    return body.get("message", body.get("Message"))


def check(expect, status, body, raw):
    """Returns None when the response matches the expectation, else 'got X, expected Y'."""
    if status != expect["status"]:
        got = f"{status} {error_type(body)} {short(error_message(body) or raw.decode(errors='replace'), 90)}"
        want = f"{expect['status']} {expect.get('error', '')} {short(expect.get('message', ''), 90)}"
        return f"got {got.strip()}, expected {want.strip()}"
    if "error" in expect:
        if error_type(body) != expect["error"]:
            return f"got {error_type(body) or short(raw.decode(errors='replace'))}, expected {expect['error']}"
        if "message" in expect:
            allowed = expect["message"]
            allowed = allowed if isinstance(allowed, list) else [allowed]
            msg = error_message(body)
            if msg not in allowed:
                return f"got message {short(msg)!s}, expected {short(allowed[0])}"
    for key in expect.get("absent", []):
        if key in (body or {}):
            return f"got {key}={short(body[key], 60)}, expected no {key}"
    for key, want in expect.get("equal", {}).items():
        got = (body or {}).get(key)
        if got != want:
            return f"{key}: got {short(got)}, expected {short(want)}"
    if "subset" in expect:
        return subset_mismatch(expect["subset"], body)
    return None


def run_case(ep, case):
    names = table_names(case["id"])
    for step in case.get("setup", []):
        op, body = step[0], substitute(step[1], names)
        status, parsed, raw = ep.call(op, body)
        if status != 200 and step[2:] != ("may-fail",):
            return f"setup {op} failed: {status} {short(error_message(parsed) or raw.decode(errors='replace'), 90)}"
        if op == "CreateTable":
            wait_active(ep, body["TableName"])
    op, body = case["request"]
    status, parsed, raw = ep.call(op, substitute(body, names))
    return check(substitute(case["expect"], names), status, parsed, raw)


# --- main --------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--server", default=DEFAULT_SERVER)
    parser.add_argument("--dynoxide", default=DEFAULT_DYNOXIDE)
    parser.add_argument("--only", default="", help="run only cases whose id contains this")
    args = parser.parse_args()
    if args.dynoxide == DEFAULT_DYNOXIDE and not os.path.exists(args.dynoxide):
        install_dynoxide()

    all_cases = [c for c in case_data.CASES if args.only in c["id"]]
    ids = [c["id"] for c in all_cases]
    assert len(ids) == len(set(ids)), "case ids must be unique"

    targets = []
    p1, p2 = free_port(), free_port()
    procs = [start_server("dynarock", [args.server, "--host", HOST, "--port", str(p1),
                                       "--in-memory", "--threads", "1"], p1)]
    targets.append(("dynarock", Endpoint(p1)))
    try:
        procs.append(start_server("Dynoxide", [args.dynoxide, "serve", "--host", HOST,
                                               "--port", str(p2)], p2))
        targets.append(("Dynoxide", Endpoint(p2)))
        results = {name: [run_case(ep, c) for c in all_cases] for name, ep in targets}
    finally:
        for proc in procs:
            stop_server(proc)

    width = max(len(i) for i in ids) if ids else 10
    for n, case in enumerate(all_cases):
        cells = []
        notes = []
        for name, _ in targets:
            failure = results[name][n]
            cells.append(f"{name} {'PASS' if failure is None else 'FAIL'}")
            if failure is not None:
                notes.append(f"    {name}: {failure}")
        print(f"{case['id']:<{width}}  {cells[0]:<14} {cells[1]}")
        for line in notes:
            print(line)
    total = len(all_cases)
    passed = {name: sum(r is None for r in results[name]) for name, _ in targets}
    print(f"dynarock {passed['dynarock']}/{total}, Dynoxide {passed['Dynoxide']}/{total} "
          "cases match DynamoDB's documented behaviour")
    return 0


if __name__ == "__main__":
    sys.exit(main())
