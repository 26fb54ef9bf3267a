from django.contrib import admin

from .models import DataSource


@admin.register(DataSource)
class DataSourceAdmin(admin.ModelAdmin):
    """Read-only view of sources for support: what arrived, in what state, and why refused.
    Profiles are personal data; they are shown, never edited here."""

    list_display = ("owner", "platform", "kind", "status", "size", "error", "updated_at")
    list_filter = ("platform", "status", "kind")
    search_fields = ("owner__username", "handle", "sha256")
    readonly_fields = [f.name for f in DataSource._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
