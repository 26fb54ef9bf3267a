from drf_spectacular.views import SpectacularAPIView
from rest_framework.authtoken.views import obtain_auth_token
from rest_framework.routers import DefaultRouter

from django.urls import path

from .views import ApplicantViewSet, ApplicationViewSet, JobViewSet, MyDataExportView

router = DefaultRouter()
router.register("applicants", ApplicantViewSet, basename="api-applicant")
router.register("applications", ApplicationViewSet, basename="api-application")
router.register("jobs", JobViewSet, basename="api-job")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("token/", obtain_auth_token, name="api-token"),
    path("me/export/", MyDataExportView.as_view(), name="api-my-data"),
    *router.urls,
]
