from contextlib import contextmanager
from unittest import mock

import pytest
from django.utils import timezone


@pytest.fixture
def travel():
    """travel(when): a context in which the portal's clock reads `when`
    (everything that asks django.utils.timezone for the time)."""

    @contextmanager
    def to(when):
        with mock.patch.object(timezone, "now", return_value=when):
            yield

    return to
