from django.urls import path

from . import views

app_name = "express"
urlpatterns = [
    path("import/", views.import_records, name="import"),
    path("imports/<int:pk>/", views.import_report, name="report"),
    path("subjects/", views.subjects, name="subjects"),
    path("subjects/<int:pk>/", views.subject, name="subject"),
    path("subjects/<int:pk>/reveal/", views.reveal, name="reveal"),
]
