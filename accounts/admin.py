from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "email", "is_staff", "shares_with_lenders", "date_joined")
    list_filter = ("groups", "is_staff", "shares_with_lenders")
    fieldsets = BaseUserAdmin.fieldsets + (("Consent", {"fields": ("shares_with_lenders", "consent_changed_at")}),)
