"""The admin site's own names."""
from django.contrib import admin

admin.site.site_header = "CredSly administration"
admin.site.site_title = "CredSly admin"
admin.site.index_title = "Scoring configuration, people and data"
