"""Time the transfer pack for a child with two years of records.

Run with: DEBUG=true .venv/bin/python manage.py shell < scripts/bench_transfer_pack.py
(after `manage.py demo`). It registers a stand-in record source giving two
years of weekly key-person notes and termly progress reviews, as the other
apps' sources will, then renders the pack's HTML and PDF a few times.
"""

import time

from django.template import Template

from nursery.registry import _sources, record_source
from transitions.models import Transfer
from transitions.services import html_to_pdf, render_pack

ENTRY = Template(
    "<section><h2>Two years of records</h2>{% for e in section.entries %}"
    "<h3>{{ e.0 }}</h3><p>{{ e.1 }}</p>{% endfor %}</section>"
)
ENTRIES = [(f"Week {i}", "Observation and next steps. " * 12) for i in range(104)] + [
    (f"Progress review {i}", "Strengths, areas to support, what we will do. " * 20)
    for i in range(8)
]


def two_years(*, child, recipient):
    return {"title": "Two years", "template": ENTRY, "context": {"entries": ENTRIES}}


two_years.__module__, two_years.__qualname__ = "bench", "two_years"
record_source(order=99)(two_years)
transfer = Transfer.objects.filter(sent_on__isnull=True).first()
transfer.sections = [*transfer.sections, "bench.two_years"]
html_to_pdf(body=render_pack(transfer=transfer), title="warm-up")
for _ in range(3):
    start = time.perf_counter()
    body = render_pack(transfer=transfer)
    html_ms = (time.perf_counter() - start) * 1000
    pdf = html_to_pdf(body=body, title="Pack")
    total_ms = (time.perf_counter() - start) * 1000
    print(f"HTML {html_ms:.0f} ms; HTML+PDF {total_ms:.0f} ms; {len(pdf) // 1024} KiB")  # noqa: T201  (a script that reports)
_sources[:] = [s for s in _sources if s.key != "bench.two_years"]
