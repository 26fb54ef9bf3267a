"""Admin for the express-delivery tables: CSV import of regions and sensitive areas, and the
versioned characteristic model (a change saves a new version; history shows who and when)."""
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from .encoding import decode_text
from .forms import TableUploadForm
from .models import ColumnMapping, ExpressModel, ExpressScore, ExpressSubject, Region, SensitiveArea, ShipmentImport
from .services import regions_import, sensitive_areas_import, subject_link


class CsvImportMixin:
    """Adds an "Import CSV" page to a model admin; subclasses say how to read the lines."""

    change_list_template = "admin/express/change_list_with_import.html"
    import_help = ""

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        extra = [path("import-csv/", self.admin_site.admin_view(self.import_csv), name="%s_%s_import" % info)]
        return extra + super().get_urls()

    def import_csv(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = TableUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                text = decode_text(form.cleaned_data["file"].read())
                message = self.import_lines(text.splitlines(), form.cleaned_data)
            except ValueError as error:
                form.add_error("file", str(error))
            else:
                self.message_user(request, message, messages.SUCCESS)
                info = self.model._meta.app_label, self.model._meta.model_name
                return redirect(reverse("admin:%s_%s_changelist" % info))
        context = {
            **self.admin_site.each_context(request), "form": form, "opts": self.model._meta,
            "title": f"Import {self.model._meta.verbose_name_plural} from CSV", "import_help": self.import_help,
        }
        return TemplateResponse(request, "admin/express/import_csv.html", context)


@admin.register(Region)
class RegionAdmin(CsvImportMixin, admin.ModelAdmin):
    list_display = ("province", "city", "district")
    search_fields = ("province", "city", "district")
    import_help = ("One region per line: 广东省/深圳市/南山区, or CSV columns province,city,district "
                   "(a header line is allowed). UTF-8 or GB18030. Regions already present are left as they are.")

    def import_lines(self, lines, data):
        added, existing = regions_import(lines)
        return f"{added} regions added, {existing} already present."


@admin.register(SensitiveArea)
class SensitiveAreaAdmin(CsvImportMixin, SimpleHistoryAdmin):
    list_display = ("area", "effective_from", "effective_until", "source")
    list_filter = ("effective_from",)
    search_fields = ("area", "source")
    import_help = ("CSV lines area,effective_from,effective_until,source (the last three optional; dates "
                   "YYYY-MM-DD; a header line is allowed). The area is a region path such as 广东省/深圳市.")

    def import_lines(self, lines, data):
        count = sensitive_areas_import(lines, default_from=data.get("effective_from") or timezone.localdate())
        return f"{count} sensitive areas added."


@admin.register(ExpressModel)
class ExpressModelAdmin(SimpleHistoryAdmin):
    list_display = ("version", "note", "created_at")
    readonly_fields = ("version", "created_at")
    fields = ("version", "params", "note", "created_at")

    def save_model(self, request, obj, form, change):
        # Versions are immutable: an edit is saved as the next version, the old one stays as
        # scored results refer to it.
        new = ExpressModel.add_version(obj.as_model(), note=obj.note)
        obj.pk, obj.version, obj.created_at = new.pk, new.version, new.created_at

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ColumnMapping)
class ColumnMappingAdmin(admin.ModelAdmin):
    list_display = ("owner", "updated_at")


@admin.register(ShipmentImport)
class ShipmentImportAdmin(admin.ModelAdmin):
    list_display = ("file_name", "imported_by", "status", "as_of", "subjects_scored", "created_at")
    list_filter = ("status",)
    readonly_fields = [f.name for f in ShipmentImport._meta.fields]

    def has_add_permission(self, request):
        return False


class ExpressScoreInline(admin.TabularInline):
    model = ExpressScore
    fields = ("as_of", "score", "band", "trend", "model_version", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ExpressSubject)
class ExpressSubjectAdmin(admin.ModelAdmin):
    list_display = ("key", "name", "user_type", "user")
    list_filter = ("user_type",)
    search_fields = ("key", "name")
    raw_id_fields = ("user",)
    readonly_fields = ("key", "name", "identity", "user_type", "type_reason")
    inlines = [ExpressScoreInline]

    def save_model(self, request, obj, form, change):
        if "user" in form.changed_data:
            subject_link(obj, obj.user)
        else:
            super().save_model(request, obj, form, change)
