from django.contrib import admin

from agencies.models import (
    Agency,
    AgencyContact,
    AgencyReview,
    Signpost,
)


class AgencyContactInline(admin.TabularInline):
    model = AgencyContact
    extra = 0


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "is_local",
        "listed_for_families",
        "next_review_due",
        "is_active",
    ]
    list_filter = ["kind", "is_local", "is_active"]
    search_fields = ["name"]
    inlines = [AgencyContactInline]


@admin.register(AgencyReview)
class AgencyReviewAdmin(admin.ModelAdmin):
    list_display = ["agency", "reviewed_on", "reviewed_by", "next_review_due"]


@admin.register(Signpost)
class SignpostAdmin(admin.ModelAdmin):
    list_display = ["child", "agency", "signposted_on"]
    autocomplete_fields = ["child", "agency"]


# The restricted records (the sharing log, third-party information and its
# consents, supervised visits) are deliberately not in the admin: every read
# of them must go through the portal's audited pages.
