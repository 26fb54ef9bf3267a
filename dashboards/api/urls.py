from django.contrib.auth.decorators import login_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from .views import ApplicantViewSet, ApplicationViewSet, JobViewSet, MyDataExportView, TokenView

router = DefaultRouter()
router.register("applicants", ApplicantViewSet, basename="api-applicant")
router.register("applications", ApplicationViewSet, basename="api-application")
router.register("jobs", JobViewSet, basename="api-job")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # People browsing the documentation are sent to the login page first.
    path("docs/", login_required(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    path("token/", TokenView.as_view(), name="api-token"),
    path("me/export/", MyDataExportView.as_view(), name="api-my-data"),
    *router.urls,
]
