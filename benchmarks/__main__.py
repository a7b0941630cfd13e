"""`python -m benchmarks NAME [--db sqlite|postgres] [--size N]` (DESIGN §7).

Names: person_writes (1 client; 8 clients on PostgreSQL), audit_verify, signal_registration,
signal_http (PostgreSQL only), match_lookup, toegang_toestemming, verstrekkingen_register, inzage,
bewaren.
Results go to benchmarks/results/<name>-<db>.json.
PostgreSQL uses BENCH_PG_ADMIN_URL (default: postgres@127.0.0.1).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

NAMES = [
    "person_writes",
    "audit_verify",
    "signal_registration",
    "signal_http",
    "match_lookup",
    "toegang_toestemming",
    "verstrekkingen_register",
    "inzage",
    "bewaren",
    "rapportage",
    "datalek",
]
# The verwijsindex measures set Django up for their own database, so each runs in its own process.
# (and so do toegang_toestemming and verstrekkingen_register)
EIGEN_PROCES = {
    "signal_registration": 2000,
    "signal_http": None,
    "match_lookup": 1_000_000,
    "toegang_toestemming": 1_000_000,  # consents (dossiers: a tenth)
    "verstrekkingen_register": 1_000_000,
    "inzage": 1_000_000,  # others' records; the subject has 1,000
    "bewaren": 1_000_000,  # due outreach signals swept (and as many copies deleted raw)
    "rapportage": 1_000_000,  # signals and as many dossiers
    "datalek": 1_000_000,  # audit entries and as many disclosures
}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("name", choices=[*NAMES, "all"])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--size", type=int, default=None)
    parser.add_argument(
        "--clients", type=int, default=None, help="person_writes: 1 or 8 (8: PostgreSQL only)"
    )
    parser.add_argument("--reuse", action="store_true", help="audit_verify: keep the entries of the last run")
    args = parser.parse_args()
    names = NAMES if args.name == "all" else [args.name]
    for name in names:
        if name == "person_writes":
            if args.clients:
                from benchmarks import person_writes

                print(json.dumps(person_writes.main(args.db, args.size or 5000, args.clients)))
                continue
            # Django is set up once per process, so each client count runs in its own process.
            for c in [1, 8] if args.db == "postgres" else [1]:
                cmd = [
                    sys.executable,
                    "-m",
                    "benchmarks",
                    "person_writes",
                    "--db",
                    args.db,
                    "--clients",
                    str(c),
                ]
                if args.size:
                    cmd += ["--size", str(args.size)]
                subprocess.run(cmd, check=True)
        elif name in EIGEN_PROCES:
            if name == "signal_http" and args.db != "postgres":
                print("signal_http: PostgreSQL only, skipped", file=sys.stderr)
                continue
            size = args.size or EIGEN_PROCES[name]
            cmd = [sys.executable, "-m", f"benchmarks.{name}", args.db]
            subprocess.run(cmd + ([str(size)] if size else []), check=True)
        else:
            from benchmarks import audit_verify

            print(json.dumps(audit_verify.main(args.db, args.size or 1_000_000, hergebruik=args.reuse)))


if __name__ == "__main__":
    main()
