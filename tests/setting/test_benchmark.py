"""`manage.py benchmark` runs on the demo: every page answers for its person
beside the floor, and with --panels every home panel of every person is
timed with its queries (docs/benchmarks/)."""

from io import StringIO

from django.core.management import call_command

from nursery.registry import home_panel


def test_the_benchmark_times_every_page_and_every_home_panel_of_the_demo(db, capsys):
    call_command("demo")
    capsys.readouterr()
    pages, errors = StringIO(), StringIO()
    call_command("benchmark", "--repeat", "1", stdout=pages, stderr=errors)
    assert errors.getvalue() == ""  # every page answered 200
    assert "median page:" in pages.getvalue()
    assert pages.getvalue().count("(floor: no such page)") == 4
    panels = StringIO()
    call_command("benchmark", "--panels", "--repeat", "1", stdout=panels)
    rows = {tuple(line.split()[:2]) for line in panels.getvalue().splitlines()[1:]}
    for panel in home_panel.registry:
        for role in panel.roles:  # the demo's person of each role
            assert (panel.key, str(role)) in rows, (panel.key, role)
    calls = StringIO()
    call_command("benchmark", "--calls", "--repeat", "1", stdout=calls)
    assert len(calls.getvalue().splitlines()) == 5
