"""For every model scoped to a child and every member of the cast,
`visible_to(user)` returns exactly the objects the rules allow: the list
pages (scoped by the query) and the object pages (guarded by rules.py)
cannot disagree."""

import pytest
from django.apps import apps
from django.utils import timezone

from consents.models import DoseAcknowledgement, MedicationStop, Method
from families.models import ChildScopedQuerySet, ParentLink, RestrictedChildQuerySet
from families.selectors import adults_told
from safety.models import CollectionPassword, ParentContact
from tests.agencies.factories import (
    OnwardConsentFactory,
    SharingDecisionFactory,
    SignpostFactory,
    SupervisedVisitFactory,
    ThirdPartyInformationFactory,
)
from tests.conftest import MEMBERS
from tests.consents.factories import (
    ConsentEventFactory,
    MedicationDoseFactory,
    MedicationPermissionFactory,
)
from tests.families.factories import (
    CommentFactory,
    CPTaskFactory,
    MeetingFactory,
    MeetingRequestFactory,
    NoticeFactory,
    ReviewFactory,
    SettlingPlanFactory,
    SupportPlanFactory,
)
from tests.safety.factories import (
    AccidentFactory,
    AttendanceFactory,
    CollectionNoticeFactory,
    CollectorFactory,
    HealthAlertFactory,
    MustNotCollectFactory,
    RefusedCollectionFactory,
)
from tests.transitions.factories import (
    HandoverFactory,
    MoveFactory,
    ParentViewFactory,
    TransferFactory,
)

pytestmark = pytest.mark.django_db


def _parent_of(cast, child):
    return cast.parent_a if child == cast.child_a else cast.parent_b


def _dose(cast, child):
    permission = MedicationPermissionFactory(child=child, given_by=_parent_of(cast, child))
    return MedicationDoseFactory(
        permission=permission, given_by=cast.key_person, witnessed_by=cast.manager
    )


def _stop(cast, child):
    permission = MedicationPermissionFactory(child=child, given_by=_parent_of(cast, child))
    return MedicationStop.objects.create(
        permission=permission, child=child, stopped_by=cast.manager, method=Method.IN_PERSON
    )


def _ack(cast, child):
    dose = _dose(cast, child)
    return DoseAcknowledgement.objects.create(
        dose=dose, household=1, child=child, acknowledged_by=_parent_of(cast, child)
    )


# model label -> (how to make one about a child, shared with the family or not)
MAKERS = {
    "families.KeyPersonMeeting": lambda cast, child, shared: MeetingFactory(
        child=child, shared_at=timezone.now() if shared else None
    ),
    "families.ProgressReview": lambda cast, child, shared: ReviewFactory(
        child=child, shared_at=timezone.now() if shared else None
    ),
    "families.SupportPlan": lambda cast, child, shared: SupportPlanFactory(
        child=child, shared_at=timezone.now() if shared else None
    ),
    "families.SettlingInPlan": lambda cast, child, shared: SettlingPlanFactory(
        child=child, shared_at=timezone.now() if shared else None
    ),
    "families.MeetingRequest": lambda cast, child, shared: MeetingRequestFactory(
        child=child, requested_by=_parent_of(cast, child)
    ),
    "families.ParentNotice": lambda cast, child, shared: NoticeFactory(
        child=child, sent_by=_parent_of(cast, child)
    ),
    "families.RecordComment": lambda cast, child, shared: CommentFactory(
        record=MeetingFactory(child=child), written_by=_parent_of(cast, child)
    ),
    "families.ChildProtectionTask": lambda cast, child, shared: CPTaskFactory(
        child=child, recorded_by=cast.dsl
    ),
    "consents.ConsentEvent": lambda cast, child, shared: ConsentEventFactory(
        child=child, decided_by=_parent_of(cast, child)
    ),
    "consents.MedicationPermission": lambda cast, child, shared: MedicationPermissionFactory(
        child=child, given_by=_parent_of(cast, child)
    ),
    "consents.MedicationDose": lambda cast, child, shared: _dose(cast, child),
    "consents.MedicationStop": lambda cast, child, shared: _stop(cast, child),
    "consents.DoseAcknowledgement": lambda cast, child, shared: _ack(cast, child),
    "agencies.Signpost": lambda cast, child, shared: SignpostFactory(child=child),
    "agencies.SharingDecision": lambda cast, child, shared: SharingDecisionFactory(child=child),
    "agencies.ThirdPartyInformation": lambda cast, child, shared: ThirdPartyInformationFactory(
        child=child
    ),
    "agencies.OnwardConsent": lambda cast, child, shared: OnwardConsentFactory(
        item=ThirdPartyInformationFactory(child=child)
    ),
    "agencies.SupervisedVisit": lambda cast, child, shared: SupervisedVisitFactory(child=child),
    "transitions.Move": lambda cast, child, shared: MoveFactory(child=child),
    "transitions.ParentView": lambda cast, child, shared: ParentViewFactory(
        move=MoveFactory(child=child), parent=_parent_of(cast, child)
    ),
    "transitions.Transfer": lambda cast, child, shared: TransferFactory(child=child),
    "transitions.ChildProtectionHandover": lambda cast, child, shared: HandoverFactory(
        child=child, handed_by=cast.dsl
    ),
    "safety.CollectionNotice": lambda cast, child, shared: CollectionNoticeFactory(
        child=child, told_by=_parent_of(cast, child)
    ),
    "safety.HealthAlert": lambda cast, child, shared: HealthAlertFactory(child=child),
    "safety.Collector": lambda cast, child, shared: CollectorFactory(child=child),
    "safety.CollectionPassword": lambda cast, child, shared: CollectionPassword.objects.create(
        child=child, password_hash="!", set_by=_parent_of(cast, child)
    ),
    "safety.MustNotCollect": lambda cast, child, shared: MustNotCollectFactory(child=child),
    "safety.Attendance": lambda cast, child, shared: AttendanceFactory(child=child),
    "safety.RefusedCollection": lambda cast, child, shared: RefusedCollectionFactory(child=child),
    "safety.Accident": lambda cast, child, shared: AccidentFactory(child=child),
    "safety.ParentContact": lambda cast, child, shared: ParentContact.objects.create(
        accident=AccidentFactory(child=child),
        at=timezone.now(),
        adult=_parent_of(cast, child),
        contacted=_parent_of(cast, child).full_name,
        how="Phone call",
        told="Unwell; please come.",
        by=cast.key_person,
    ),
}
# Models about a child that only staff see.
STAFF_ONLY = {"safety.MustNotCollect"}

# model label -> the permission on the child that opens it (rules.py).
RESTRICTED_PERMISSION = {
    "families.ChildProtectionTask": "families.view_cp_tasks",
    "transitions.ChildProtectionHandover": "transitions.view_cp_handovers",
}
SHARED_WITH_FAMILY = {
    "families.KeyPersonMeeting",
    "families.ProgressReview",
    "families.SupportPlan",
    "families.SettlingInPlan",
}


def _scoped_models():
    for model in apps.get_models():
        queryset = type(model._default_manager.all())
        if issubclass(queryset, ChildScopedQuerySet | RestrictedChildQuerySet):
            yield model


def _child_of(obj):
    if hasattr(obj, "accident"):
        return obj.accident.child
    if hasattr(obj, "move"):
        return obj.move.child
    return obj.item.child if hasattr(obj, "item") else obj.child


# model label -> the adult who wrote it (or was told it): a parent reads it
# only when adults_told, the rule notifications use, names them.
WRITTEN = {
    "families.MeetingRequest": lambda o: o.requested_by,
    "families.ParentNotice": lambda o: o.sent_by,
    "families.RecordComment": lambda o: o.written_by,
    "transitions.ParentView": lambda o: o.parent,
    "agencies.Signpost": lambda o: o.given_to,
    "safety.CollectionNotice": lambda o: o.told_by,
    "safety.ParentContact": lambda o: o.adult,
}


def allowed(user, label, obj):
    """What the rules say about one object, for one person."""
    if user is None:
        return False
    child = _child_of(obj)
    model = apps.get_model(label)
    if issubclass(type(model._default_manager.all()), RestrictedChildQuerySet):
        return user.has_perm(RESTRICTED_PERMISSION.get(label, "agencies.view_restricted"), child)
    if not user.has_perm("families.see_child", child):
        return False
    if label in STAFF_ONLY:
        return user.is_setting_staff
    if label in SHARED_WITH_FAMILY and not user.is_setting_staff:
        # A record shared with one home of the child is read in that home.
        home = getattr(obj, "for_household", None)
        return obj.shared_at is not None and (
            home is None
            or ParentLink.objects.filter(
                parent=user, child=child, portal_access=True, household=home
            ).exists()
        )
    if label in WRITTEN and not user.is_setting_staff:
        writer = WRITTEN[label](obj)
        told = adults_told(child=child, writer=writer, private=getattr(obj, "private", False))
        return told.filter(pk=user.pk).exists()
    return True


def test_the_rules_of_who_sees_a_child_have_one_home():
    """Every model's visible_to comes from the querysets of
    families.models.scoping: no app keeps a copy of its own."""
    homes = {ChildScopedQuerySet, RestrictedChildQuerySet}
    for model in apps.get_models():
        for klass in type(model._default_manager.all()).__mro__:
            if klass.__name__ in {"ChildScopedQuerySet", "RestrictedChildQuerySet"}:
                assert klass in homes, (model._meta.label, klass.__module__)


def test_every_child_scoped_model_is_covered_here():
    assert {m._meta.label for m in _scoped_models()} == set(MAKERS)


@pytest.mark.parametrize("label", sorted(MAKERS))
def test_visible_to_returns_exactly_what_the_rules_allow(cast, label):
    from django.contrib.auth.models import AnonymousUser

    model = apps.get_model(label)
    made = []
    for child in (cast.child_a, cast.child_b):
        made.append(MAKERS[label](cast, child, True))
        if label in SHARED_WITH_FAMILY and label != "families.SettlingInPlan":
            made.append(MAKERS[label](cast, child, False))
    if label == "families.KeyPersonMeeting":
        # Shared with one home only, for a child whose adults live in two.
        made += [
            MeetingFactory(child=cast.child_a, shared_at=timezone.now(), for_household=home)
            for home in (1, 2)
        ]
    assert len(made) >= 2
    for member in MEMBERS:
        user = getattr(cast, member)
        person = user if user is not None else AnonymousUser()
        seen = set(model.objects.visible_to(person).filter(pk__in=[o.pk for o in made]))
        expected = {o for o in made if allowed(user, label, o)}
        assert seen == expected, (member, label)


def test_a_parents_children_are_read_from_their_links_as_they_are_at_each_query(cast):
    """The subquery of a parent's children is built once per user object,
    not answered once: a link that loses portal access hides the child and
    its records from the very next query, on the same object."""
    from families.models import Child, ParentNotice

    parent = cast.parent_a
    notice = NoticeFactory(child=cast.child_a, sent_by=parent)
    assert cast.child_a in Child.objects.visible_to(parent)
    assert notice in ParentNotice.objects.visible_to(parent)
    ParentLink.objects.filter(parent=parent, child=cast.child_a).update(portal_access=False)
    assert cast.child_a not in Child.objects.visible_to(parent)
    assert notice not in ParentNotice.objects.visible_to(parent)


@pytest.mark.parametrize("label", sorted(WRITTEN))
def test_what_reaches_a_home_fails_closed(cast, label):
    """Of what one adult wrote or was told: nothing of an adult whose access
    is restricted (a court order) reaches the adults of their recorded home;
    and a home the manager has not confirmed (guessed from surnames, say) is
    shared by nobody until confirmed. The list (visible_to) and the rule
    notifications ask (adults_told) agree at every step."""
    from tests.factories import ParentFactory, ParentLinkFactory

    model = apps.get_model(label)
    path = model._default_manager.all().writer_path
    private = model._default_manager.all().private_path
    partner = ParentFactory(email="partner@example.org", full_name="Jo Ashworth")
    ParentLinkFactory(parent=partner, child=cast.child_a, household=1)
    item = MAKERS[label](cast, cast.child_a, True)
    if private:
        model.objects.filter(pk=item.pk).update(**{private: False})

    def readers():
        parents = (cast.parent_a, partner, cast.parent_a_home2, cast.parent_b)
        seen = {p for p in parents if model.objects.visible_to(p).filter(pk=item.pk).exists()}
        told = set(adults_told(child=cast.child_a, writer=WRITTEN[label](item)))
        assert seen == told & set(parents), label
        return seen

    model.objects.filter(pk=item.pk).update(**{path: cast.parent_a})
    item.refresh_from_db()
    assert readers() == {cast.parent_a, partner}
    # The restricted father is recorded in the same home: nothing he wrote
    # or was told reaches it.
    model.objects.filter(pk=item.pk).update(**{path: cast.parent_restricted})
    item.refresh_from_db()
    assert readers() == set()
    # A home not yet confirmed: each adult reads their own alone.
    model.objects.filter(pk=item.pk).update(**{path: cast.parent_a})
    item.refresh_from_db()
    ParentLink.objects.filter(parent=partner).update(household_confirmed=False)
    assert readers() == {cast.parent_a}
    ParentLink.objects.filter(parent=partner).update(household_confirmed=True)
    ParentLink.objects.filter(parent=cast.parent_a).update(household_confirmed=False)
    assert readers() == {cast.parent_a}
