"""Console script `zorgvuldig`: a thin wrapper around Django's management commands.

`zorgvuldig import-config x.yaml` runs the `import_config` command; `zorgvuldig audit verify` runs the
`audit` command with its `verify` sub-command. A configuration error (a missing SECRET_KEY, a wrong
ZORGVULDIG_MODE, …) is one line on stderr and exit code 2, not a traceback.

`zorgvuldig audit keygen` is the exception: it runs on the signing machine, which has neither the
server's settings nor its database (AU-08), so it is handled here before Django is set up.
"""

import os
import sys

GEEN_SUPERUSER = (
    "zorgvuldig has no superusers: create the first beheerder with `zorgvuldig import-config` "
    "(docs/operators.md)"
)


def main() -> None:
    argv = list(sys.argv)
    if argv[1:3] == ["audit", "keygen"]:
        from zorgvuldig.audit import sleutelpaar

        sys.exit(sleutelpaar.main(argv[3:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zorgvuldig.conf.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    argv[0] = "zorgvuldig"
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    if len(argv) > 1 and argv[1] == "createsuperuser":
        # before Django's command asks for an e-mail address and a password it cannot use
        sys.stderr.write(f"zorgvuldig: {GEEN_SUPERUSER}\n")
        sys.exit(2)
    try:
        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"zorgvuldig: configuration error: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
