from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from families.models import (
    Child,
    EmergencyContact,
    KeyPersonAssignment,
    ParentLink,
    PracticalDetails,
    Room,
)


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]


class ParentLinkInline(admin.TabularInline):
    model = ParentLink
    extra = 0
    autocomplete_fields = ["parent"]


@admin.register(Child)
class ChildAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "date_of_birth", "room", "leaving_on"]
    list_filter = ["room"]
    search_fields = ["first_name", "last_name", "preferred_name"]
    inlines = [ParentLinkInline]


@admin.register(ParentLink)
class ParentLinkAdmin(SimpleHistoryAdmin):
    list_display = [
        "parent",
        "child",
        "relationship",
        "has_parental_responsibility",
        "portal_access",
    ]
    list_filter = ["portal_access", "has_parental_responsibility"]
    autocomplete_fields = ["parent", "child"]


@admin.register(KeyPersonAssignment)
class KeyPersonAssignmentAdmin(admin.ModelAdmin):
    list_display = ["child", "practitioner", "started_on", "ended_on"]
    autocomplete_fields = ["child", "practitioner"]


@admin.register(PracticalDetails)
class PracticalDetailsAdmin(SimpleHistoryAdmin):
    list_display = ["child", "last_confirmed_at"]
    autocomplete_fields = ["child"]


@admin.register(EmergencyContact)
class EmergencyContactAdmin(SimpleHistoryAdmin):
    list_display = ["child", "name", "relationship", "priority"]
    autocomplete_fields = ["child"]
