from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from cloudpark.accounts import selectors
from cloudpark.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "is_staff", "is_active", "date_joined"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["name", "mobile", "resident_id"]}),
        (_("Rights"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]

    def get_search_results(self, request, queryset, search_term):
        """A whole resident ID number finds its holder (numbers are stored encrypted, so only
        an exact number can be found)."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        holders = selectors.people_with_resident_id(search_term.strip())
        return found | queryset.filter(pk__in=holders.values("pk")), may_have_duplicates
