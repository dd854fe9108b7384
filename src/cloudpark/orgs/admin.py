"""The admin is for platform operators. Residence in a park changes through the portals'
admit and release pages (``orgs.services``), so it is read-only here."""

from django.contrib import admin

from cloudpark.orgs import models


class MembershipInline(admin.TabularInline):
    model = models.Membership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "extra_capabilities", "is_active"]


@admin.register(models.Park)
class ParkAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "level", "batch", "approved_on", "status", "region"]
    list_filter = ["level", "status"]
    search_fields = ["name", "name_en"]
    inlines = [MembershipInline]


@admin.register(models.GovernmentBody)
class GovernmentBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "name_en"]
    filter_horizontal = ["jurisdiction"]
    inlines = [MembershipInline]


@admin.register(models.Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "category", "park"]
    list_filter = ["category__parent", "park"]
    search_fields = ["name", "name_en", "credit_code"]
    readonly_fields = ["park"]
    list_select_related = ["category", "park"]
    inlines = [MembershipInline]


@admin.register(models.OtherOrganization)
class OtherOrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "other_kind"]
    search_fields = ["name", "name_en"]
    inlines = [MembershipInline]


@admin.register(models.ParkResidence)
class ParkResidenceAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "park", "started_on", "ended_on"]
    list_select_related = ["enterprise", "park"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(models.IndustryCategory, list_display=["code", "name", "name_en", "level"])
admin.site.register(models.Region, list_display=["code", "name", "name_en", "level"])
admin.site.register(models.QualificationTag, list_display=["slug", "name", "name_en"])
