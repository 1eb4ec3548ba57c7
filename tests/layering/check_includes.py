#!/usr/bin/env python3
"""Checks the include rules of docs/design.md: each layer includes only the layers below it.

Why: the layering keeps JSON, HTTP and RocksDB at the edges; one stray include (say, rocksdb in a
public header) silently couples everything. Exit 1 with the offending lines on a violation.
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()

# folder -> include prefixes that are forbidden there
rules = {
    "include/dynarock": ["lib/", "rocksdb/", "nlohmann/", "boost/", "openssl/"],
    "lib/base": ["lib/value", "lib/codec", "lib/expr", "lib/storage", "lib/ops", "lib/api", "lib/server",
                 "rocksdb/", "nlohmann/", "boost/"],
    "lib/value": ["lib/codec", "lib/expr", "lib/storage", "lib/ops", "lib/api", "lib/server", "rocksdb/",
                  "nlohmann/", "boost/"],
    "lib/codec": ["lib/expr", "lib/storage", "lib/ops", "lib/api", "lib/server", "rocksdb/", "nlohmann/",
                  "boost/"],
    "lib/expr": ["lib/storage", "lib/ops", "lib/api", "lib/server", "rocksdb/", "nlohmann/",
                 "boost/"],
    "lib/storage": ["lib/ops", "lib/api", "lib/server", "nlohmann/", "boost/"],
    "lib/ops": ["lib/api", "lib/server", "nlohmann/", "boost/"],
    "lib/api/json": ["lib/ops", "lib/storage", "lib/server", "rocksdb/", "boost/"],
    "lib/server": ["lib/ops", "lib/storage", "lib/codec", "rocksdb/"],
    "tools": ["lib/ops", "lib/storage", "rocksdb/"],
}

include_re = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')
violations = []
for folder, banned in rules.items():
    base = root / folder
    if not base.exists():
        continue
    for path in sorted(base.rglob("*")):
        if path.suffix not in (".h", ".cc", ".hpp", ".cpp"):
            continue
        rel = path.relative_to(root).as_posix()
        for lineno, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
            m = include_re.match(line)
            if not m:
                continue
            inc = m.group(1)
            for b in banned:
                if inc.startswith(b):
                    violations.append(f"{rel}:{lineno}: includes {inc} ({folder} must not)")

checked = sum(1 for f in rules if (root / f).exists())
if violations:
    print("\n".join(violations))
    print(f"layering: {len(violations)} violation(s)")
    sys.exit(1)
print(f"layering: OK ({checked} folders checked)")
