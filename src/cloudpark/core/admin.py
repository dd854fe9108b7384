from django.contrib import admin

from cloudpark.core.models import AuditEntry


class ReadOnlyAdminMixin:
    """An admin that shows rows and neither adds, changes nor deletes them: what it may do to
    them, it does through actions that call services."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the log is append-only."""

    list_display = ["created_at", "action", "object_repr", "actor"]
    list_filter = ["action"]
    search_fields = ["object_repr", "action"]
    list_select_related = ["actor"]
    date_hierarchy = "created_at"
