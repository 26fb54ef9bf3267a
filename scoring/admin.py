"""Admin for the priority scorer's configuration: retune safely.

- Saving the current version publishes a *new* version (``services.config_publish``) and
  rescores everyone; older versions open read-only and are never deleted.
- "Preview" shows, before anything is saved, how the edited configuration would move the
  stored applicants' scores: a histogram before and after and how many change band.
- The model's ``clean`` validates curve parameters (ordered, numeric); weights are >= 0.
- django-simple-history records who created which version and when; each version keeps a
  one-line-per-change log of what differs from the one before.
"""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from . import engine, services
from .models import FeatureSpec, ScoreResult, ScoringConfig

AGE_WARNING = (
    "Age is a protected characteristic in many jurisdictions: in the US, an automated system may not "
    "give applicants aged 62 or more a lower value for their age (Regulation B, 12 CFR 1002.6). "
    "Switching age off also drops the age limits of eligibility."
)


class FeatureSpecFormSet(BaseInlineFormSet):
    """The feature rows; in preview mode they validate but never count as ready to save."""

    def __init__(self, *args, preview_only: bool = False, **kwargs) -> None:
        self.preview_only = preview_only
        super().__init__(*args, **kwargs)

    def is_valid(self) -> bool:
        return super().is_valid() and not self.preview_only


class FeatureSpecInline(admin.TabularInline):
    model = FeatureSpec
    formset = FeatureSpecFormSet
    fields = ("name", "enabled", "priority", "kind", "params", "warning")
    readonly_fields = ("name", "warning")
    extra = 0
    can_delete = False
    formfield_overrides = {models.JSONField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 48})}}

    @admin.display(description="note")
    def warning(self, spec: FeatureSpec) -> str:
        return AGE_WARNING if spec.name == "age" else ""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and _is_current(obj)


@admin.register(ScoringConfig)
class ScoringConfigAdmin(SimpleHistoryAdmin):
    change_form_template = "admin/scoring/scoringconfig/change_form.html"
    inlines = [FeatureSpecInline]
    list_display = ("version", "is_current", "created_at", "created_by", "note", "change_summary")
    fields = ("version", "weight_priority_1", "weight_priority_2", "weight_priority_3", "min_features", "note",
              "changes", "created_by", "created_at")
    readonly_fields = ("version", "changes", "created_by", "created_at")

    @admin.display(boolean=True, description="current")
    def is_current(self, config: ScoringConfig) -> bool:
        return _is_current(config)

    @admin.display(description="changes from the version before")
    def change_summary(self, config: ScoringConfig) -> str:
        return "; ".join(config.changes)

    def has_add_permission(self, request) -> bool:
        return False  # versions are made by editing the current one

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # every ScoreResult names the version that produced it

    def has_change_permission(self, request, obj=None) -> bool:
        return super().has_change_permission(request, obj) and _is_current(obj)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if request.method == "POST" and "_preview" in request.POST:
            kwargs["preview_only"] = True
        return kwargs

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST" and "_preview" in request.POST and obj is not None:
            form = context["adminform"].form
            formsets = [inline.formset for inline in context["inline_admin_formsets"]]
            if form.is_valid() and not any(fs.total_error_count() for fs in formsets):
                current = ScoringConfig.objects.get(pk=obj.pk).to_engine()
                candidate = _candidate(form, formsets[0])
                preview = services.config_preview(current=current, candidate=candidate)
                context.update(_preview_tables(preview), preview=preview,
                               preview_changes=engine.describe_changes(current, candidate))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change) -> None:
        """Nothing is written here: the edited version stays as it was (see ``save_related``)."""

    def save_related(self, request, form, formsets, change) -> None:
        base = ScoringConfig.objects.get(pk=form.instance.pk)
        request.scoring_published = services.config_publish(
            base=base, candidate=_candidate(form, formsets[0]), note=form.cleaned_data.get("note", ""),
            user=request.user,
        )

    def construct_change_message(self, request, form, formsets, add=False) -> str:
        published = getattr(request, "scoring_published", None)
        return f"Published version {published.version}: {'; '.join(published.changes)}" if published else ""

    def log_change(self, request, obj, message):
        published = getattr(request, "scoring_published", None)
        if published is not None:
            return super().log_addition(request, published, message)
        return None

    def response_change(self, request, obj):
        published = getattr(request, "scoring_published", None)
        if published is None:
            self.message_user(request, f"Nothing changed; version {obj.version} stays current.", messages.INFO)
            return HttpResponseRedirect(request.path)
        self.message_user(
            request,
            f"Published version {published.version} ({'; '.join(published.changes)}). "
            "Every applicant is being rescored with it.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:scoring_scoringconfig_change", args=[published.pk]))


def _is_current(config: ScoringConfig | None) -> bool:
    return config is None or not ScoringConfig.objects.filter(version__gt=config.version).exists()


def _preview_tables(preview: dict, bar_px: int = 200) -> dict:
    """Rows for the preview template: (bin start, (count, bar width), (count, bar width)) and bands."""
    tallest = max(preview["before"] + preview["after"] + [1])
    rows = [
        (low, (before, round(bar_px * before / tallest)), (after, round(bar_px * after / tallest)))
        for low, before, after in zip(preview["bins"], preview["before"], preview["after"])
    ]
    bands = [(engine.BAND_LABELS[name], preview["bands_before"][name], preview["bands_after"][name])
             for name in reversed(list(preview["bands_before"]))]
    return {"preview_rows": rows, "preview_bands": bands}


def _candidate(form, formset) -> engine.Config:
    """The configuration the admin is editing, from the validated (unsaved) forms."""
    config = form.instance
    specs = {
        f.instance.name: engine.Spec(priority=int(f.instance.priority), kind=f.instance.kind,
                                     params=dict(f.instance.params), enabled=f.instance.enabled)
        for f in formset.forms
    }
    return engine.Config(version=None, weights=config.weights, specs=specs, min_features=config.min_features)


@admin.register(ScoreResult)
class ScoreResultAdmin(admin.ModelAdmin):
    list_display = ("owner", "method", "config_version", "score", "normalized", "band", "eligible", "unscorable",
                    "created_at")
    list_filter = ("method", "band", "eligible", "unscorable", "config_version")
    search_fields = ("owner__username",)

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False
