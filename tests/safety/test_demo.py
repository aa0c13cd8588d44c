from django.core.management import call_command

from consents.models import MedicationIncident
from safety.models import (
    Accident,
    AccidentKind,
    Attendance,
    Collector,
    HealthAlert,
    MustNotCollect,
    NotificationClock,
    RefusedCollection,
    Severity,
)


def test_demo_has_alerts_collectors_a_restriction_a_week_of_registers_and_accidents(db, capsys):
    call_command("demo")
    capsys.readouterr()
    assert HealthAlert.objects.filter(
        severity=Severity.LIFE_THREATENING, medicine_kept__icontains="auto-injector"
    ).exists()
    assert HealthAlert.objects.unseen().exists()
    assert Collector.objects.count() >= 10
    assert MustNotCollect.objects.filter(basis="court_order").exists()
    assert Attendance.objects.values("on").distinct().count() >= 6
    assert Accident.objects.filter(kind=AccidentKind.EXISTING).exists()
    assert Accident.objects.filter(acknowledgements__isnull=True).exists()
    assert NotificationClock.objects.open().exists()
    assert MedicationIncident.objects.exists()
    # The stopped collection waits for the DSL; the parent's new alert is on a
    # child of the demo key person.
    assert RefusedCollection.objects.filter(dsl_seen_at__isnull=True).exists()
    unseen = HealthAlert.objects.unseen().get()
    assert unseen.child.key_person_assignments.filter(
        practitioner__email="keyperson@demo.example", ended_on__isnull=True
    ).exists()
    # No child's practical details say "none known" beside an allergy entry.
    for alert in HealthAlert.objects.filter(kind="allergy").select_related("child__details"):
        assert alert.child.details.allergies.strip().lower() != "none known", alert.child
