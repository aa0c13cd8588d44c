"""How the portal talks to its database, as the settings build it from the
environment (each case in a fresh interpreter: settings are read once)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

SHOW = (
    "import json; from django.conf import settings; "
    "d = settings.DATABASES['default']; "
    "print(json.dumps({'options': d.get('OPTIONS', {}), 'age': d['CONN_MAX_AGE'], "
    "'checks': d['CONN_HEALTH_CHECKS']}))"
)


def database_settings(**environ):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_PREPARED"}
    env.update(DJANGO_SETTINGS_MODULE="nursery.settings", DEBUG="true", **environ)
    out = subprocess.run(
        [sys.executable, "-c", SHOW],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


POSTGRES = "postgres://portal@127.0.0.1:5432/portal"


def test_postgresql_prepares_the_queries_asked_most():
    found = database_settings(DATABASE_URL=POSTGRES)
    assert found["options"]["server_side_binding"] is True
    assert found["options"]["prepare_threshold"] == 5
    assert found["checks"] is True


@pytest.mark.parametrize("value", ["false", "0", "no"])
def test_prepared_queries_can_be_turned_off_for_a_pooler(value):
    found = database_settings(DATABASE_URL=POSTGRES, DATABASE_PREPARED=value)
    assert "server_side_binding" not in found["options"]
    assert "prepare_threshold" not in found["options"]


def test_sqlite_is_left_as_it_was(tmp_path):
    found = database_settings(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert "server_side_binding" not in found["options"]
    assert found["options"]["transaction_mode"] == "IMMEDIATE"
