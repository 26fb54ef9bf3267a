from django.urls import path

from . import views

app_name = "ingest"

urlpatterns = [
    path("", views.sources, name="sources"),
    path("upload/", views.upload, name="upload"),
    path("handle/", views.handle, name="handle"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
