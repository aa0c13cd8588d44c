"""The manager's dashboard and home page cost the same number of queries
for the demo setting and for a setting ten times its size."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from families.models import Child
from nursery.models import Role, User
from tests.conftest import force_completed_login
from tests.utils import assert_recorded_count


def queries_for(client, url):
    # The first request of a session also writes to it: the next is counted.
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_dashboard_and_manager_home_hold_their_query_count_at_ten_times_the_demo(client):
    counts = {}
    for scale in (1, 10):
        # Rebuilding erases the previous demo with `flush`, hence a
        # transactional test.
        call_command("demo", "--scale", str(scale))
        assert Child.objects.count() == 60 * scale
        manager = User.objects.with_role(Role.MANAGER).get()
        force_completed_login(client, manager)
        counts[scale] = (
            queries_for(client, reverse("dashboard")),
            queries_for(client, reverse("home")),
        )
    assert counts[10] == counts[1]
    dashboard, home = counts[10]
    assert_recorded_count(dashboard, "[dashboard]")
    assert_recorded_count(home, "[home]")
