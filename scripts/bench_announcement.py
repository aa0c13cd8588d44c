"""Time an announcement to 1,000 families, from publishing it until the
task worker has sent the last email.

    .venv/bin/python scripts/bench_announcement.py            # console backend
    .venv/bin/python scripts/bench_announcement.py --smtp     # an SMTP sink on loopback

It builds its own SQLite database under /tmp (1,000 families, each with one
parent who asked for announcements by email), starts one `db_worker` (or
`--workers N`), publishes through the same service the page calls, and
waits until no task is waiting or running. With `--smtp` it also starts an
SMTP sink (aiosmtpd, a development dependency) on 127.0.0.1:8025 and points
the portal at it. Figures go to docs/benchmarks/README.md by hand.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB = Path("/tmp/bench_announcement.sqlite3")
PY = sys.executable


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--families", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--smtp", action="store_true")
    args = parser.parse_args()

    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{DB}",
        "LOG_LEVEL": "WARNING",
    }
    if args.smtp:
        env.update(
            EMAIL_MODE="smtp", EMAIL_HOST="127.0.0.1", EMAIL_PORT="8025", EMAIL_USE_TLS="false"
        )
    else:
        env["EMAIL_MODE"] = "console"
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "nursery.settings"
    sys.path.insert(0, str(ROOT))

    DB.unlink(missing_ok=True)
    subprocess.run(
        [PY, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
    )

    import django

    django.setup()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django_tasks_db.models import DBTaskResult

    from families.models import Child, ParentLink
    from nursery.models import Notification, Role, User
    from nursery.setting.models import Announcement, CommunicationNeeds
    from nursery.setting.services import announcement_publish

    manager = User.objects.create_user(email="manager@bench.example", full_name="Manager")
    manager.set_role(Role.MANAGER)
    parents = User.objects.bulk_create(
        User(email=f"parent{n}@bench.example", full_name=f"Parent {n}", password="!")
        for n in range(args.families)
    )
    children = Child.objects.bulk_create(
        Child(first_name=f"Child{n}", last_name="Bench", date_of_birth="2023-01-01")
        for n in range(args.families)
    )
    ParentLink.objects.bulk_create(
        ParentLink(parent=p, child=c, relationship="mother", has_parental_responsibility=True)
        for p, c in zip(parents, children, strict=True)
    )
    CommunicationNeeds.objects.bulk_create(
        CommunicationNeeds(parent=p, email_announcements=True) for p in parents
    )

    sink = None
    if args.smtp:
        sink = subprocess.Popen(
            [PY, "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:8025", "-c", "aiosmtpd.handlers.Sink"],
            cwd=ROOT,
        )
        time.sleep(1.5)
    workers = [
        subprocess.Popen(
            [PY, "manage.py", "db_worker", "--no-reload", "--interval", "0.1"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(args.workers)
    ]
    time.sleep(3)  # the workers start and find the queue empty
    try:
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries, transaction.atomic():
            announcement_publish(
                by=manager,
                fields={"title": "Closed Monday", "body": "Training day.", "audience": "all"},
                children=[],
            )
        published = time.perf_counter() - start
        while DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists():
            time.sleep(0.05)
        done = time.perf_counter() - start
        sent = sum(
            r or 0
            for r in DBTaskResult.objects.filter(
                task_path="nursery.mail.send_messages", status="SUCCESSFUL"
            ).values_list("return_value", flat=True)
        )
        failed = DBTaskResult.objects.filter(status="FAILED").count()
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.wait()
        if sink is not None:
            sink.terminate()
            sink.wait()

    backend = "SMTP sink on loopback" if args.smtp else "console"
    report = [
        f"families: {args.families}, workers: {args.workers}, backend: {backend}",
        f"publish (the request's work): {published * 1000:.0f} ms, {len(queries)} queries",
        f"publish to last email sent: {done:.1f} s",
        f"emails sent: {sent}, items in What's new: {Notification.objects.count()}",
        f"emailed_to: {Announcement.objects.get().emailed_to}, tasks failed: {failed}",
    ]
    print("\n".join(report))  # noqa: T201  (a script that reports)


if __name__ == "__main__":
    main()
