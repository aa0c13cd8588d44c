"""Writes that queue behind a row lock, on PostgreSQL and on SQLite alike."""

import time
from functools import wraps

from django.db import OperationalError, connection

# Up to about half a minute of waiting, as PostgreSQL would wait on the lock.
ATTEMPTS = 70


def retry_when_locked(func):
    """SQLite takes one writer at a time and may answer "database is locked"
    to the other straight away; try again briefly. PostgreSQL waits on the
    row lock instead, so this never fires there."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        for attempt in range(ATTEMPTS):
            try:
                return func(*args, **kwargs)
            except OperationalError as exc:
                # "database is locked" (a file), "database table is locked" (shared memory).
                if (
                    connection.vendor != "sqlite"
                    or "locked" not in str(exc)
                    or attempt == ATTEMPTS - 1
                ):
                    raise
                if connection.in_atomic_block:
                    raise
                time.sleep(min(0.05 * (attempt + 1), 0.5))
        raise AssertionError("unreachable")

    return wrapper
