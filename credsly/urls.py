from django.contrib import admin
from django.urls import include, path

from dashboards import views as dashboard_views

urlpatterns = [
    path("", dashboard_views.home, name="home"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("dashboards.urls")),
    path("api/", include("dashboards.api.urls")),
    path("scoring/", include("pipeline.urls")),
    path("sources/", include("ingest.urls")),
    path("express/", include("express.urls")),
]
