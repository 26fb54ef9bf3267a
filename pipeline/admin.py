"""Admin of the pipeline: the analysis settings (profanity allow-list, retention of texts and
photos) and the read-only job list."""
from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from .models import ProfanityAllowPhrase, RetentionSetting, ScoringJob
from . import services


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
    """Read-only: jobs are moved by the pipeline, never by hand; an admin may only start a
    new attempt of a failed one ("Score again")."""

    list_display = ("id", "owner", "state", "attempt", "chunks_done", "chunks_total", "error", "created_at", "finished_at")
    list_filter = ("state", "retryable")
    search_fields = ("owner__username", "error")
    exclude = ("analysis",)
    actions = ["score_again"]

    @admin.action(description="Score again (the applicant's latest job failed; data already read is reused)")
    def score_again(self, request, queryset) -> None:
        owners = {job.owner for job in queryset.select_related("owner")}
        started = sum(services.score_again(owner) is not None for owner in owners)
        skipped = len(owners) - started
        self.message_user(request, f"{started} job{'s' if started != 1 else ''} started again.", messages.SUCCESS)
        if skipped:
            self.message_user(request, f"{skipped} left alone: their latest job did not fail.", messages.WARNING)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
