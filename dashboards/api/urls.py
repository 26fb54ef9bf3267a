from django.contrib.auth.decorators import login_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from .views import ApplicantViewSet, JobViewSet, TokenView

router = DefaultRouter()
router.register("applicants", ApplicantViewSet, basename="api-applicant")
router.register("jobs", JobViewSet, basename="api-job")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # People browsing the documentation are sent to the login page first.
    path("docs/", login_required(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    path("token/", TokenView.as_view(), name="api-token"),
    *router.urls,
]
