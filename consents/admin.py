"""The admin is for setting up: purposes may be edited; the ledger,
permissions, doses and acknowledgements are read-only there as everywhere."""

from django.contrib import admin

from consents.models import (
    ConsentEvent,
    ConsentType,
    DoseAcknowledgement,
    MedicationDose,
    MedicationPermission,
    MedicationStop,
)


@admin.register(ConsentType)
class ConsentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "renewal_months", "every_parent_must_answer", "is_active"]
    list_filter = ["is_active"]

    def get_readonly_fields(self, request, obj=None):
        return ["code"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Kept records: never added, changed or deleted through the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConsentEvent)
class ConsentEventAdmin(ReadOnlyAdmin):
    list_display = ["child", "consent_type", "decision", "decided_by", "method", "recorded_at"]
    list_filter = ["consent_type", "decision", "method"]
    search_fields = ["child__first_name", "child__last_name"]


@admin.register(MedicationPermission)
class MedicationPermissionAdmin(ReadOnlyAdmin):
    list_display = ["child", "medicine", "starts_on", "ends_on", "given_by"]
    search_fields = ["medicine", "child__first_name", "child__last_name"]


@admin.register(MedicationDose)
class MedicationDoseAdmin(ReadOnlyAdmin):
    list_display = ["child", "permission", "given_at", "amount", "given_by", "witnessed_by"]


@admin.register(DoseAcknowledgement)
class DoseAcknowledgementAdmin(ReadOnlyAdmin):
    list_display = ["dose", "household", "acknowledged_by", "acknowledged_at"]


@admin.register(MedicationStop)
class MedicationStopAdmin(ReadOnlyAdmin):
    list_display = ["permission", "stopped_by", "stopped_at"]
