"""Settings for the test suite: test mode, keys in a throw-away folder."""

import os
import tempfile

os.environ.setdefault("ZORGVULDIG_MODE", "test")
os.environ.setdefault("ZORGVULDIG_VAR_DIR", tempfile.mkdtemp(prefix="zorgvuldig-test-"))

from zorgvuldig.conf.settings import *  # noqa: F403
