from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cloudpark.accounts import selectors, services
from cloudpark.accounts.models import ApiToken, User
from cloudpark.core.admin import ReadOnlyAdminMixin


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

    actions = ["end_sessions"]

    @admin.action(description=_("End every session of the selected people"), permissions=["change"])
    def end_sessions(self, request, queryset):
        people = list(queryset)
        for person in people:
            services.sign_out_everywhere(person, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d person signed out on every device.",
                "%(count)d people signed out on every device.",
                len(people),
            )
            % {"count": len(people)},
            messages.SUCCESS,
        )


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Tokens are made by their owners; an administrator sees them and revokes them."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "expires_at", "status"]
    list_filter = ["revoked_at", "expires_at"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__email"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "created_at",
        "last_used_at",
        "expires_at",
        "revoked_at",
    ]
    fields = readonly_fields
    actions = ["revoke"]

    @admin.display(description=_("Status"))
    def status(self, token):
        return token.status

    def has_revoke_permission(self, request):
        return request.user.has_perm("accounts.change_apitoken")

    @admin.action(description=_("Revoke the selected tokens"), permissions=["revoke"])
    def revoke(self, request, queryset):
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            services.revoke_api_token(token, actor=request.user)
        self.message_user(
            request,
            ngettext("%(count)d token revoked.", "%(count)d tokens revoked.", len(tokens))
            % {"count": len(tokens)},
            messages.SUCCESS,
        )
