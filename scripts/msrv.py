#!/usr/bin/env python3
"""Checks that Cargo.toml's rust-version is true of the locked dependencies:
no package in Cargo.lock may need a newer Rust than the crate says it
needs. Reads `cargo metadata --locked`; exit 1 with the offenders if any.

    python3 scripts/msrv.py
"""
import json
import subprocess
import sys


def version(text):
    parts = [int(part) for part in text.split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def main():
    meta = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--locked"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    ours = next(p for p in meta["packages"] if p["id"] in meta["workspace_members"])
    declared = ours.get("rust_version")
    if not declared:
        sys.exit("Cargo.toml declares no rust-version")
    needs = sorted(
        (version(p["rust_version"]), p["name"], p["version"])
        for p in meta["packages"]
        if p.get("rust_version") and p["id"] not in meta["workspace_members"]
    )
    offenders = [n for n in needs if n[0] > version(declared)]
    if offenders:
        for v, name, ver in offenders:
            print(f"{name} {ver} needs Rust {'.'.join(map(str, v))}", file=sys.stderr)
        sys.exit(f"rust-version = {declared} is not true of Cargo.lock")
    top = needs[-1] if needs else None
    print(f"rust-version {declared}: true of Cargo.lock"
          + (f" (the most demanding: {top[1]} {top[2]}, Rust {'.'.join(map(str, top[0]))})" if top else ""))


if __name__ == "__main__":
    main()
