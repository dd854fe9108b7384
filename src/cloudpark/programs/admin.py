"""The admin is for platform operators to look things up. Policies, programmes, applications
and notices change through the portals and the API (``programs.services``), which keep the
audit log and the review engine in step, so they are read-only here."""

from django.contrib import admin

from cloudpark.programs import models


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(models.Policy)
class PolicyAdmin(ReadOnlyAdmin):
    list_display = ["title", "document_number", "issuer_name", "issued_on", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "document_number"]


@admin.register(models.Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme_type", "issuer", "budget", "opens_at", "closes_at"]
    list_filter = ["programme_type", "is_published"]
    search_fields = ["title"]


@admin.register(models.Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["enterprise", "programme", "state", "requested_amount", "approved_amount"]
    list_filter = ["state"]
    search_fields = ["enterprise__name", "programme__title"]


@admin.register(models.PublicNotice)
class PublicNoticeAdmin(ReadOnlyAdmin):
    list_display = ["title", "programme", "state", "published_at", "objection_deadline"]
    list_filter = ["state"]
