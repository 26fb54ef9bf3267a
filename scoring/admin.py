"""Admin for the priority scorer's configuration: retune safely.

- Saving the current version publishes a *new* version (``services.config_publish``) and
  rescores everyone; older versions open read-only and are never deleted.
- "Preview" shows, before anything is saved, how the edited configuration would move the
  stored applicants' scores: a histogram before and after and how many change band.
- The model's ``clean`` validates curve parameters (ordered, numeric); weights are >= 0.
- django-simple-history records who created which version and when; each version keeps a
  one-line-per-change log of what differs from the one before.

The AHP + fuzzy configuration's admin follows, in its own section.
"""
from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin

from . import bands, services
from .fuzzy import ahp as ahp_core
from .fuzzy import rescore as fuzzy_rescore
from .fuzzy import service as fuzzy_service
from .fuzzy.hierarchy import ROOT, Hierarchy, HierarchyError, code_key
from .models import AhpConfig, FeatureSpec, ScoreResult, ScoringConfig, ScoringMethodSetting
from .priority import engine


AGE_WARNING = (
    "Age is a protected characteristic in many jurisdictions: in the US, a credit scoring system may use it "
    "only if it is empirically derived and never gives applicants aged 62 or more a lower value for their age "
    "(Regulation B, 12 CFR 1002.6). It is off by default. Its curve must be a tent without high: it may rise "
    "to its peak and then stays at full marks, with no upper age limit; a curve that scores older applicants "
    "down is refused. Applicants under low (at least 18: a minor cannot contract) stay ineligible either way."
)


class FeatureSpecFormSet(BaseInlineFormSet):
    """The feature rows; in preview mode they validate but never count as ready to save."""

    def __init__(self, *args, preview_only: bool = False, **kwargs) -> None:
        self.preview_only = preview_only
        super().__init__(*args, **kwargs)

    def is_valid(self) -> bool:
        return super().is_valid() and not self.preview_only

    def clean(self) -> None:
        super().clean()
        enabled = sum(1 for form in self.forms if form.cleaned_data.get("enabled"))
        needed = self.instance.min_features or 0
        if needed > enabled:
            raise ValidationError(
                f"The minimum number of features ({needed}) is more than the {enabled} switched on: "
                "every applicant would be unscorable."
            )


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


class ScoringConfigForm(forms.ModelForm):
    """The current version's numbers, plus the reason for the version a save will publish
    (the version's own note stays with it)."""

    publish_note = forms.CharField(
        label="Why this change", max_length=300, required=False,
        help_text="Kept with the new version that saving publishes.",
    )

    class Meta:
        model = ScoringConfig
        fields = ["weight_priority_1", "weight_priority_2", "weight_priority_3", "min_features"]


@admin.register(ScoringConfig)
class ScoringConfigAdmin(SimpleHistoryAdmin):
    change_form_template = "admin/scoring/scoringconfig/change_form.html"
    form = ScoringConfigForm
    inlines = [FeatureSpecInline]
    list_display = ("version", "is_current", "created_at", "created_by", "note", "change_summary", "rescoring")
    fields = ("version", "weight_priority_1", "weight_priority_2", "weight_priority_3", "min_features",
              "publish_note", "note", "changes", "created_by", "created_at")
    readonly_fields = ("version", "note", "changes", "created_by", "created_at")

    @admin.display(boolean=True, description="current")
    def is_current(self, config: ScoringConfig) -> bool:
        return _is_current(config)

    @admin.display(description="rescored")
    def rescoring(self, config: ScoringConfig) -> str:
        return f"{config.rescored:,} of {config.rescore_total:,}"

    @admin.display(description="changes from the version before")
    def change_summary(self, config: ScoringConfig) -> str:
        return "; ".join(config.changes)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if _is_current(obj) else [f for f in fields if f != "publish_note"]

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
            base=base, candidate=_candidate(form, formsets[0]), note=form.cleaned_data["publish_note"],
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
    return config is None or config.pk == ScoringConfig.objects.current().pk


def _preview_tables(preview: dict, bar_px: int = 200) -> dict:
    """Rows for the preview template: (bin start, (count, bar width), (count, bar width)) and bands."""
    tallest = max(preview["before"] + preview["after"] + [1])
    rows = [
        (low, (before, round(bar_px * before / tallest)), (after, round(bar_px * after / tallest)))
        for low, before, after in zip(preview["bins"], preview["before"], preview["after"])
    ]
    bands_rows = [(bands.label(name), preview["bands_before"][name], preview["bands_after"][name])
                  for name in reversed(list(preview["bands_before"]))]
    return {"preview_rows": rows, "preview_bands": bands_rows}


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


# AHP + fuzzy comprehensive evaluation

SCALE_HELP = (
    "Each cell says how much more important the row index is than the column index, on Saaty's scale: "
    "1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important (2, 4, 6, 8 between); "
    "1/3 means the column index is moderately more important. Only the cells above the diagonal are entered: "
    "the ones below are their reciprocals. A matrix whose consistency ratio CR is 0.1 or more is refused."
)


class MatrixWidget(forms.Widget):
    """A judgement matrix as a grid: inputs above the diagonal, reciprocals below, and the
    weights, lambda_max, CI, RI and CR beside it (recomputed live by ahp_matrix.js)."""

    class Media:
        js = ["scoring/ahp_matrix.js"]

    def __init__(self, labels: tuple[str, ...], names: tuple[str, ...], attrs=None):
        super().__init__(attrs)
        self.labels, self.names = labels, names

    def value_from_datadict(self, data, files, name):
        n = len(self.labels)
        return {(i, j): data.get(f"{name}__{i}__{j}") for i in range(n) for j in range(i + 1, n)}

    def _upper(self, value) -> dict[tuple[int, int], str]:
        n = len(self.labels)
        if isinstance(value, dict):
            return {key: (v or "") for key, v in value.items()}
        if isinstance(value, list) and len(value) == n:
            return {(i, j): ahp_core.format_judgement(float(value[i][j])) for i in range(n) for j in range(i + 1, n)}
        return {(i, j): "1" for i in range(n) for j in range(i + 1, n)}

    def render(self, name, value, attrs=None, renderer=None):
        n = len(self.labels)
        upper = self._upper(value)
        disabled = " disabled" if (attrs or {}).get("disabled") else ""
        try:
            matrix = ahp_core.reciprocal_from_upper({k: ahp_core.parse_judgement(v) for k, v in upper.items()}, n)
            result = ahp_core.analyse(matrix, self.labels)
        except ahp_core.AhpError:
            matrix, result = None, None
        head = format_html_join("", '<th scope="col" title="{}">{}</th>', zip(self.names, self.labels))
        rows = []
        for i in range(n):
            cells = []
            for j in range(n):
                if i == j:
                    cells.append(mark_safe("<td>1</td>"))
                elif i < j:
                    cells.append(format_html(
                        '<td><input type="text" name="{}__{}__{}" value="{}" size="4" data-i="{}" data-j="{}" aria-label="{} vs {}"{}></td>',
                        name, i, j, upper[(i, j)], i, j, self.labels[i], self.labels[j], disabled,
                    ))
                else:
                    shown = ahp_core.format_judgement(matrix[i][j]) if matrix else ""
                    cells.append(format_html('<td class="ahp-reciprocal" data-i="{}" data-j="{}">{}</td>', i, j, shown))
            weight = f"{result.weights[i]:.4f}" if result else ""
            rows.append(format_html(
                '<tr><th scope="row" title="{}">{}</th>{}<td class="ahp-weight" data-i="{}"><strong>{}</strong></td></tr>',
                self.names[i], self.labels[i], format_html_join("", "{}", ((c,) for c in cells)), i, weight,
            ))
        return format_html(
            '<div class="ahp-matrix" data-ri="{}" data-ri-table="{}"><table><thead><tr><th></th>{}<th scope="col">weight</th></tr></thead>'
            '<tbody>{}</tbody></table><p class="ahp-summary" aria-live="polite">{}</p></div>',
            json.dumps(ahp_core.SAATY_RI), ahp_core.RI_TABLE_NAME, head,
            format_html_join("", "{}", ((r,) for r in rows)), summary(result),
        )


def summary(result: "ahp_core.AhpResult | None") -> str:
    if result is None:
        return "Weights appear when every cell holds a judgement from 1/9 to 9."
    verdict = "consistent" if result.consistent else f"NOT consistent (CR must be below {ahp_core.CR_THRESHOLD}): it will be refused"
    return (
        f"λmax = {result.lambda_max:.4f}, CI = {result.ci:.4f}, RI = {result.ri:.2f} ({result.ri_table}), "
        f"CR = {result.cr:.4f}: {verdict}."
    )


class MatrixField(forms.Field):
    """Cleans the upper triangle into the full reciprocal matrix; refuses CR >= 0.1 naming the
    most inconsistent judgements."""

    def __init__(self, labels: tuple[str, ...], names: tuple[str, ...], **kwargs):
        self.labels = labels
        super().__init__(widget=MatrixWidget(labels, names), required=False, **kwargs)

    def clean(self, value: Any) -> list[list[float]]:
        n = len(self.labels)
        if isinstance(value, list):  # a disabled field gives back its initial, full matrix
            value = {(i, j): value[i][j] for i in range(n) for j in range(i + 1, n)}
        parsed = {}
        for i in range(n):
            for j in range(i + 1, n):
                text = value.get((i, j))
                if text is None or not str(text).strip():
                    raise ValidationError(f"Enter a judgement for {self.labels[i]} vs {self.labels[j]}.")
                try:
                    parsed[(i, j)] = ahp_core.parse_judgement(text)
                except ahp_core.AhpError as error:
                    raise ValidationError(f"{self.labels[i]} vs {self.labels[j]}: {error}") from None
        try:
            matrix = ahp_core.reciprocal_from_upper(parsed, n)
            result = ahp_core.analyse(matrix, self.labels)
        except ahp_core.AhpError as error:
            raise ValidationError(str(error)) from None
        if not result.consistent:
            raise ValidationError(ahp_core.refusal(result, self.labels))
        return matrix


def editing_tree(*candidates) -> Hierarchy | None:
    """The first candidate (JSON text or object) that is a valid hierarchy."""
    for candidate in candidates:
        if isinstance(candidate, str):
            try:
                candidate = json.loads(candidate)
            except ValueError:
                continue
        try:
            return Hierarchy.from_json(candidate)
        except HierarchyError:
            continue
    return None


def source_config(source_id) -> AhpConfig | None:
    """The version an edit starts from: the one named, else the current one."""
    source = AhpConfig.objects.filter(pk=int(source_id)).first() if str(source_id or "").isdigit() else None
    return source or AhpConfig.objects.current()


class AhpConfigForm(forms.ModelForm):
    """A new version, edited from a source version. Matrices are built from the hierarchy being
    edited; a parent whose sub-indices differ from the source's starts with equal weights
    (the old judgements compared other indices), to be set in the next version."""

    source_id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    hierarchy = forms.JSONField(
        widget=forms.Textarea(attrs={"rows": 16, "cols": 90}),
        help_text='{code: {"name": ..., "parent": code or "0"}}. Children are taken in code order. '
        "A parent whose sub-indices change starts with equal weights; set its judgements in the next version.",
    )

    class Meta:
        model = AhpConfig
        fields = ["note", "hierarchy"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.matrices: dict[str, list[list[float]]] = {}
        self.fresh: list[str] = []
        source = source_config(self.data.get("source_id") if self.is_bound else self.initial.get("source_id"))
        source_tree = source.tree() if source else None
        posted = self.data.get("hierarchy") if self.is_bound else None
        self.tree = editing_tree(posted, self.initial.get("hierarchy"), source.hierarchy if source else None)
        for code in self.tree.inner() if self.tree else ():
            children = self.tree.children(code)
            same = source_tree is not None and code in source_tree.inner() and source_tree.children(code) == children
            if not same:
                self.fresh.append(code)
            self.fields[f"matrix_{code}"] = MatrixField(
                children,
                tuple(self.tree.name(c) for c in children),
                label=self.tree.label(code),
                initial=source.matrices[code] if same else [[1.0] * len(children) for _ in children],
                disabled=not same,
                help_text="" if same else "New sub-indices: equal weights in this version.",
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("hierarchy") is None:
            return cleaned
        try:
            tree = Hierarchy.from_json(cleaned["hierarchy"])
        except HierarchyError as error:
            self.add_error("hierarchy", str(error))
            return cleaned
        if self.tree is None or tree.to_json() != self.tree.to_json():
            raise ValidationError("The hierarchy could not be read when the page was built: check the matrices and save again.")
        if any(f"matrix_{code}" in self.errors for code in tree.inner()):
            return cleaned
        self.matrices = {code: cleaned[f"matrix_{code}"] for code in tree.inner()}
        try:
            AhpConfig.validate(cleaned["hierarchy"], self.matrices)
        except (ahp_core.AhpError, HierarchyError) as error:
            raise ValidationError(str(error)) from None
        return cleaned

    @property
    def previewing(self) -> bool:
        return self.is_bound and "_preview" in self.data

    def is_valid(self) -> bool:
        """A preview validates everything but never counts as ready to publish."""
        return super().is_valid() and not self.previewing


def _ahp_changes(form: AhpConfigForm, hierarchy: dict) -> list[str]:
    """What the edited version changes from the one it started from."""
    source = source_config(form.cleaned_data.get("source_id"))
    new_tree = Hierarchy.from_json(hierarchy)
    new = AhpConfig.analyse(new_tree, form.matrices)
    return fuzzy_rescore.describe_changes(source.tree(), source.results(), new_tree, new) if source else []


def top_down(tree: Hierarchy) -> list[str]:
    """Parents with the top layer first, as the paper presents them."""
    return sorted(tree.inner(), key=lambda c: (tree.depth(c), code_key(c)))


def matrix_fieldnames(tree: Hierarchy | None) -> list[str]:
    return [f"matrix_{code}" for code in top_down(tree)] if tree else []


@admin.register(AhpConfig)
class AhpConfigAdmin(SimpleHistoryAdmin):
    """Versions are read-only; "Add" publishes a new version, starting from the current one
    (or from the version named by ``?from=<id>``)."""

    form = AhpConfigForm
    change_form_template = "admin/scoring/ahpconfig/change_form.html"
    list_display = ("version", "note", "created_by", "created_at", "highest_cr", "rescoring")
    readonly_fields = ("version", "created_by", "created_at", "consistency", "start_new_version", "index_tree", "judgement_matrices")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # scores refer to versions by number

    def get_fieldsets(self, request, obj=None):
        if obj is not None:
            return [
                (None, {"fields": ["version", "note", "created_by", "created_at", "start_new_version", "consistency"]}),
                ("Judgement matrices", {"fields": ["judgement_matrices"], "classes": ["collapse"]}),
                ("Index hierarchy", {"fields": ["index_tree"]}),
            ]
        initial = self.get_changeform_initial_data(request)
        source = source_config(request.POST.get("source_id") if request.method == "POST" else initial.get("source_id"))
        tree = editing_tree(request.POST.get("hierarchy"), initial.get("hierarchy"), source.hierarchy if source else None)
        return [
            (None, {"fields": ["note", "source_id"]}),
            ("Judgement matrices", {"fields": matrix_fieldnames(tree), "description": SCALE_HELP}),
            ("Index hierarchy", {"fields": ["hierarchy"], "classes": ["collapse"]}),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["fields"] = ["note", "hierarchy", "source_id"]  # the form adds the matrix fields itself
        return super().get_form(request, obj, change=change, **kwargs)

    def get_changeform_initial_data(self, request):
        source = source_config(request.GET.get("from"))
        if source is None:
            return {}
        return {"hierarchy": source.hierarchy, "source_id": source.pk, "note": f"Changed from v{source.version}: "}

    @admin.display(description="rescored")
    def rescoring(self, obj: AhpConfig) -> str:
        return f"{obj.rescored:,} of {obj.rescore_total:,}"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if add and getattr(form, "previewing", False) and not form.errors and form.matrices:
            hierarchy = form.cleaned_data["hierarchy"]
            preview = fuzzy_service.config_preview(hierarchy=hierarchy, matrices=form.matrices)
            context.update(_preview_tables(preview), preview=preview, preview_changes=_ahp_changes(form, hierarchy))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        obj.matrices = form.matrices
        services.ahp_publish(config=obj, user=request.user)
        messages.info(request, f"Every applicant's AHP + fuzzy score is being recomputed with version {obj.version}.")
        if form.fresh:
            messages.warning(
                request,
                f"{', '.join(form.tree.label(c) for c in form.fresh)}: new sub-indices, so equal weights for now. "
                "Set their judgements in the next version.",
            )

    @admin.display(description="highest CR")
    def highest_cr(self, obj: AhpConfig) -> str:
        return f"{max(r.cr for r in obj.results().values()):.4f}"

    @admin.display(description="Edit")
    def start_new_version(self, obj: AhpConfig):
        url = reverse("admin:scoring_ahpconfig_add") + f"?from={obj.pk}"
        return format_html('<a class="button" href="{}">Start a new version from this one</a>', url)

    @admin.display(description="Weights and consistency")
    def consistency(self, obj: AhpConfig):
        tree = obj.tree()
        results = obj.results()
        rows = []
        for code in top_down(tree):
            result = results[code]
            weights = ", ".join(f"{c} {w:.4f}" for c, w in zip(tree.children(code), result.weights))
            rows.append((tree.label(code), weights, f"{result.lambda_max:.4f}", f"{result.ci:.4f}", f"{result.ri:.2f}", f"{result.cr:.4f}"))
        body = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows)
        return format_html(
            "<table><thead><tr><th>index</th><th>weights</th><th>λmax</th><th>CI</th><th>RI</th><th>CR</th></tr></thead>"
            "<tbody>{}</tbody></table><p>RI: {}.</p>",
            body, ahp_core.RI_TABLE_NAME,
        )


    @admin.display(description="Matrices")
    def judgement_matrices(self, obj: AhpConfig):
        tree = obj.tree()
        grids = []
        for code in top_down(tree):
            children = tree.children(code)
            widget = MatrixWidget(children, tuple(tree.name(c) for c in children))
            grids.append((tree.label(code), widget.render(f"view_{code}", obj.matrices[code], {"disabled": True})))
        return format_html_join("", "<h4>{}</h4>{}", grids)

    @admin.display(description="Indices")
    def index_tree(self, obj: AhpConfig):
        tree = obj.tree()

        def branch(code: str):
            children = tree.children(code)
            if not children:
                return ""
            items = format_html_join("", "<li>{}{}</li>", ((tree.label(c), branch(c)) for c in children))
            return format_html('<ul style="margin-left: 0; padding-left: 1.2em">{}</ul>', items)

        return branch(ROOT)


@admin.register(ScoringMethodSetting)
class ScoringMethodSettingAdmin(SimpleHistoryAdmin):
    list_display = ("default_method", "updated_at")

    def has_add_permission(self, request):
        return not ScoringMethodSetting.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
