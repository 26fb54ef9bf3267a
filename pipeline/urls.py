from django.urls import path

from pipeline import views

app_name = "pipeline"

urlpatterns = [
    path("progress/", views.progress, name="progress"),
]
