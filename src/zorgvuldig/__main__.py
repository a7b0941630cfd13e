"""Console script `zorgvuldig`: a thin wrapper around Django's management commands.

`zorgvuldig import-config x.yaml` runs the `import_config` command; `zorgvuldig audit verify` runs the
`audit` command with its `verify` sub-command.

`zorgvuldig audit keygen` is the exception: it runs on the signing machine, which has neither the
server's settings nor its database (AU-08), so it is handled here before Django is set up.
"""

import os
import sys


def main() -> None:
    argv = list(sys.argv)
    if argv[1:3] == ["audit", "keygen"]:
        from zorgvuldig.audit import sleutelpaar

        sys.exit(sleutelpaar.main(argv[3:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zorgvuldig.conf.settings")
    from django.core.management import execute_from_command_line

    argv[0] = "zorgvuldig"
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
