from django.contrib import admin

from transitions.models import (
    PartnershipActivity,
    School,
    SchoolContact,
    SchoolReview,
)


class ContactInline(admin.TabularInline):
    model = SchoolContact
    extra = 0


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active", "next_review_due"]
    search_fields = ["name"]
    inlines = [ContactInline]


admin.site.register(PartnershipActivity)
admin.site.register(SchoolReview)
