"""Set-up only. Concerns, decisions and referrals are not in the admin at
all: the admin cannot apply who may read an allegation about a member of
staff, nor audit the reading, so they open only on the portal's own pages.
Statuses are shown read-only, without their notes."""

from django.contrib import admin

from safeguarding.models import SafeguardingStatus


@admin.register(SafeguardingStatus)
class SafeguardingStatusAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "started_on", "ended_on"]
    fields = ["kind", "started_on", "ended_on"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
