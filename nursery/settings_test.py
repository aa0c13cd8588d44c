"""Settings for the test suite: the development settings, whatever the
environment says about DEBUG (Django's test runner turns DEBUG off itself)."""

import os

os.environ["DEBUG"] = "true"

from nursery.settings import *  # noqa: F403
