"""Who consents and medication tell: a dose given, always by email at once,
to the adults who may see the child; a consent ending within 30 days,
once, from the daily round."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from nursery.models import Channel, Notification, NotificationPreference
from nursery.notifications import run_daily_jobs
from tests.consents.factories import ConsentEventFactory, MedicationPermissionFactory
from tests.consents.test_medication import dose_data, dose_url
from tests.utils import committed, emailed, told

pytestmark = pytest.mark.django_db


def test_a_dose_is_emailed_at_once_even_to_a_parent_who_chose_the_portal(cast, client_for):
    MedicationPermissionFactory(child=cast.child_a, given_by=cast.parent_a)
    NotificationPreference.objects.create(
        user=cast.parent_a, kind="consents.dose_given", channel=Channel.PORTAL
    )
    with committed():
        response = client_for(cast.key_person).post(dose_url(cast), dose_data(cast))
    assert response.status_code == 302
    assert told("consents.dose_given") == {
        cast.parent_a.email: Channel.EMAIL,
        cast.parent_a_home2.email: Channel.EMAIL,
    }
    # Never the restricted parent.
    assert emailed() == sorted([cast.parent_a.email, cast.parent_a_home2.email])
    assert "Calpol" not in mail.outbox[0].body


def test_a_consent_ending_soon_is_told_once_to_the_family(cast):
    ConsentEventFactory(
        child=cast.child_a,
        decided_by=cast.parent_a,
        expires_on=timezone.localdate() + timedelta(days=10),
    )
    ConsentEventFactory(
        child=cast.child_b,
        decided_by=cast.parent_b,
        expires_on=timezone.localdate() + timedelta(days=100),
    )
    with committed():
        run_daily_jobs()
        run_daily_jobs()  # a second round the same day tells nobody again
    assert told("consents.expiring") == {
        cast.parent_a.email: Channel.EMAIL,
        cast.parent_a_home2.email: Channel.EMAIL,
    }
    assert cast.parent_a.email in emailed()


def test_a_decision_is_told_to_the_childs_other_adults_with_responsibility_not_its_maker(
    cast, client_for
):
    """The mother withdraws photographs: the father, in another home, is
    told that a consent for the child changed (never by whom, nor what);
    she is not told of her own answer; the restricted parent never is."""
    from django.urls import reverse

    from tests.consents.factories import purpose

    ConsentEventFactory(child=cast.child_a, decided_by=cast.parent_a)  # photographs, given
    photographs = purpose("photographs")
    with committed():
        response = client_for(cast.parent_a).post(
            reverse("consents:withdraw", kwargs={"pk": cast.child_a.pk, "type_pk": photographs.pk})
        )
    assert response.status_code == 302
    assert told("consents.decision") == {cast.parent_a_home2.email: Channel.DIGEST}
    page = client_for(cast.parent_a_home2).get(reverse("whats_new")).content.decode()
    assert "A consent for Ada" in page
    assert cast.parent_a.full_name not in page
    # Opening it shows the purpose that changed, not the list of every one.
    [item] = Notification.objects.filter(kind="consents.decision")
    opened = client_for(cast.parent_a_home2).get(reverse("notification_open", args=[item.pk]))
    assert opened.url == reverse(
        "consents:decide", kwargs={"pk": cast.child_a.pk, "type_pk": photographs.pk}
    )
