"""Slow work of records and rights, run on the task queue."""

from django.tasks import task


@task
def scan_for_disposal():
    """Nightly: list what has passed its retention period for the manager's
    approval. Returns the waiting disposal's id, or None."""
    from records import services  # services enqueue the tasks below

    run = services.disposal_scan()
    return run.pk if run else None
