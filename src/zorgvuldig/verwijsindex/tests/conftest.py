"""Fixtures of the verwijsindex tests (helpers in `hulp.py`, also used by the API-wide tests)."""

import pytest

from zorgvuldig.verwijsindex.tests.hulp import VI


@pytest.fixture
def vi(regio):
    return VI(regio)
