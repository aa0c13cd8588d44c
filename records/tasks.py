"""Slow work of records and rights, run on the task queue."""

from django.core.mail import send_mail
from django.tasks import task


@task
def scan_for_disposal():
    """Nightly: list what has passed its retention period for the manager's
    approval. Returns the waiting disposal's id, or None."""
    from records import services  # services enqueue the tasks below

    run = services.disposal_scan()
    return run.pk if run else None


@task
def tell_requester(*, email, subject, body):
    """An email to the person who asked for their data: what happened to
    their request, never what the records say."""
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[email])
