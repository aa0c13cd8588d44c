"""Writes that queue behind a row lock, on PostgreSQL and on SQLite alike."""

import time
from functools import wraps

from django.db import OperationalError, connection


def retry_when_locked(func):
    """SQLite takes one writer at a time and may answer "database is locked"
    to the other straight away; try again briefly. PostgreSQL waits on the
    row lock instead, so this never fires there."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        for attempt in range(20):
            try:
                return func(*args, **kwargs)
            except OperationalError as exc:
                if connection.vendor != "sqlite" or "locked" not in str(exc) or attempt == 19:
                    raise
                if connection.in_atomic_block:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    return wrapper
