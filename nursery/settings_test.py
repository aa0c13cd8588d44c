"""Settings for the test suite: the development settings, whatever the
environment says about DEBUG (Django's test runner turns DEBUG off itself)."""

import os

os.environ["DEBUG"] = "true"

from nursery.settings import *  # noqa: F403

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not SQLite's shared in-memory database: there a second writer is
    # refused at once ("database table is locked") instead of waiting for the
    # lock, which real threads in the concurrency tests would hit. Each
    # pytest-xdist worker gets its own file (pytest-django adds a suffix);
    # TEST_DB_FILE names another, for a second run in the same checkout.
    os.makedirs(BASE_DIR / ".test-db", exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": BASE_DIR / ".test-db" / os.environ.get("TEST_DB_FILE", "test.sqlite3")  # noqa: F405
    }
    DATABASES["default"]["OPTIONS"]["init_command"] = (  # noqa: F405
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF"
    )
