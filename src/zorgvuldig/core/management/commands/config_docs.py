"""Write (or `--check`) docs/config.md from the settings' `config()` declarations."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from zorgvuldig.conf.config import render_markdown


class Command(BaseCommand):
    help = "Genereer docs/config.md uit de instellingen."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Exit 1 when docs/config.md is out of date.")
        parser.add_argument("--path", default="docs/config.md")

    def handle(self, *args, **opts):
        path = Path(opts["path"])
        text = render_markdown()
        if opts["check"]:
            if not path.exists() or path.read_text() != text:
                self.stderr.write(f"{path} is out of date: run `zorgvuldig config-docs`")
                sys.exit(1)
            self.stdout.write(f"{path} is up to date")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        self.stdout.write(f"wrote {path}")
