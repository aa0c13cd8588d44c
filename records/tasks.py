"""Slow work of records and rights, run on the task queue."""

from django.tasks import task

from records import services


@task
def scan_for_disposal():
    """Nightly: list what has passed its retention period for the manager's
    approval. Returns the waiting disposal's id, or None."""
    run = services.disposal_scan()
    return run.pk if run else None
