from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from safety.models import (
    Accident,
    Attendance,
    CollectionNotice,
    Collector,
    HealthAlert,
    MustNotCollect,
    NotificationClock,
    RefusedCollection,
)


@admin.register(HealthAlert)
class HealthAlertAdmin(SimpleHistoryAdmin):
    list_display = ["child", "kind", "what", "severity", "seen_at", "ended_at"]
    list_filter = ["kind", "severity"]
    search_fields = ["child__first_name", "child__last_name", "what"]
    raw_id_fields = ["child"]


@admin.register(Collector)
class CollectorAdmin(SimpleHistoryAdmin):
    list_display = ["child", "name", "relationship", "removed_at"]
    raw_id_fields = ["child"]


@admin.register(MustNotCollect)
class MustNotCollectAdmin(SimpleHistoryAdmin):
    list_display = ["child", "name", "basis", "ended_at"]
    raw_id_fields = ["child"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["child", "on", "signed_in_at", "signed_out_at", "collected_by"]
    list_filter = ["on"]
    raw_id_fields = ["child"]


@admin.register(Accident)
class AccidentAdmin(SimpleHistoryAdmin):
    list_display = ["child", "kind", "occurred_at", "injury", "reviewed_at"]
    list_filter = ["kind", "serious", "hospital"]
    raw_id_fields = ["child"]


admin.site.register([CollectionNotice, RefusedCollection, NotificationClock])
