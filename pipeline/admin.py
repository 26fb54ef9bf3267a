"""Admin of the pipeline: the analysis settings (profanity allow-list, retention of texts and
photos) and the read-only job list."""
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ProfanityAllowPhrase, RetentionSetting, ScoringJob


@admin.register(ProfanityAllowPhrase)
class ProfanityAllowPhraseAdmin(SimpleHistoryAdmin):
    list_display = ("phrase", "reason", "created_at")
    search_fields = ("phrase", "reason")


@admin.register(RetentionSetting)
class RetentionSettingAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "updated_at")

    def has_add_permission(self, request) -> bool:
        return not RetentionSetting.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ScoringJob)
class ScoringJobAdmin(admin.ModelAdmin):
    """Read-only: jobs are moved by the pipeline, never by hand."""

    list_display = ("id", "owner", "state", "chunks_done", "chunks_total", "error", "created_at", "finished_at")
    list_filter = ("state",)
    search_fields = ("owner__username", "error")
    exclude = ("analysis",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
