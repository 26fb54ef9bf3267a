"""The admin site's own names, and the job list admins watch for failures.

The job list is registered here only while no app registers its own (the pipeline may):
admins need to see every job's state and error either way.
"""
from django.contrib import admin

from pipeline.models import ScoringJob

admin.site.site_header = "CredSly administration"
admin.site.site_title = "CredSly admin"
admin.site.index_title = "Scoring configuration, people and data"


class ScoringJobAdmin(admin.ModelAdmin):
    list_display = ("id", "owner", "state", "chunks", "error", "created_at", "finished_at")
    list_filter = ("state", "created_at")
    search_fields = ("owner__username", "error")
    date_hierarchy = "created_at"
    list_select_related = ("owner",)
    readonly_fields = ("owner", "state", "chunks_done", "chunks_total", "error", "created_at", "updated_at", "finished_at")
    fields = readonly_fields

    @admin.display(description="analysis chunks")
    def chunks(self, job: ScoringJob) -> str:
        return f"{job.chunks_done} of {job.chunks_total}" if job.chunks_total else "—"

    def has_add_permission(self, request) -> bool:
        return False  # jobs are started by new data, never by hand

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a job's history is evidence; the pipeline alone moves its state


if not admin.site.is_registered(ScoringJob):
    admin.site.register(ScoringJob, ScoringJobAdmin)
