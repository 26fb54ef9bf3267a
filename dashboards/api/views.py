"""The REST API: the same access rules as the pages (``dashboards.selectors``), by token.

Scores and jobs are read-only, and nobody writes an applicant's data but the applicant (on
the sources page). Applications are made and withdrawn by their applicant; lenders list their
organisation's. Every response that shows a lender an applicant's data is logged for that
applicant (``lending.services.access_record``). Configuration is not writable here at all.
"""
from collections import defaultdict
from collections.abc import Iterable

from axes.helpers import get_cool_off
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.throttling import AddressThrottle, come_back_in
from lending.models import FileAccess
from lending.selectors import applications_for
from lending.services import ApplicationRefused, access_record, application_create, application_withdraw
from pipeline.models import ScoringJob
from scoring import methods

from .. import export, selectors
from .auth import fresh_token
from .serializers import (
    ApplicantDetailSerializer,
    ApplicantListSerializer,
    ApplicantSerializer,
    ApplicationSerializer,
    HistoryEntrySerializer,
    JobSerializer,
    ScoreSummarySerializer,
)


def _log(request: Request, owner_ids: Iterable[int]) -> None:
    access_record(viewer=request.user, applicant_ids=owner_ids, channel=FileAccess.Channel.API,
                  what=f"{request.method} {request.path}")


class TokenView(ObtainAuthToken):
    """A token for a username and password; an expired one is replaced. Refused with 429
    past the ``token`` rate, and while django-axes has locked the login out."""

    throttle_classes = [AddressThrottle]
    throttle_scope = "token"

    def post(self, request: Request, *args, **kwargs) -> Response:
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            if getattr(request, "axes_locked_out", False):
                detail = f"Too many failed logins for this account. {come_back_in(self._cooloff_seconds())}"
                return Response({"detail": detail}, status=status.HTTP_429_TOO_MANY_REQUESTS)
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        return Response({"token": fresh_token(serializer.validated_data["user"]).key})

    @staticmethod
    def _cooloff_seconds() -> float:
        cool_off = get_cool_off()
        return cool_off.total_seconds() if cool_off else 0


class ApplicantViewSet(viewsets.ReadOnlyModelViewSet):
    """Applicants visible to the caller, each with the newest score of every method they
    share: in the list, the figures (under 2 KB an applicant); on an applicant, the breakdown
    and reasons."""

    serializer_class = ApplicantSerializer

    def get_queryset(self):
        return selectors.visible_applicants(self.request.user).order_by("pk")

    def get_serializer_class(self):
        return ApplicantListSerializer if self.action == "list" else ApplicantSerializer

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        _log(request, [a.pk for a in page])
        context = self._context(page, columns=ScoreSummarySerializer.COLUMNS)
        return self.get_paginated_response(ApplicantListSerializer(page, many=True, context=context).data)

    @extend_schema(responses=ApplicantDetailSerializer)
    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        """One applicant, leading with the primary method's score, and what would raise it."""
        applicant = self.get_object()
        _log(request, [applicant.pk])
        context = self._context([applicant])
        answer = next(iter(context["latest"].get(applicant.pk, [])), None)
        context["improvements"] = methods.improvements(answer) if answer and answer.method == context["primary"] else []
        return Response(ApplicantDetailSerializer(applicant, context=context).data)

    def _context(self, applicants: list, *, columns: tuple[str, ...] | None = None) -> dict:
        """Every applicant's newest readable scores, fetched in one query, the primary method's
        first; only ``columns`` of them when given (the list leaves the breakdowns unread)."""
        primary = methods.primary()
        readable = selectors.visible_results(self.request.user).filter(owner__in=[a.pk for a in applicants])
        if columns is not None:
            readable = readable.only("owner_id", *columns)
        latest = defaultdict(list)
        for result in sorted(selectors.latest_results(readable), key=lambda r: (r.method != primary, r.method)):
            latest[result.owner_id].append(result)
        return {**self.get_serializer_context(), "latest": latest, "primary": primary}

    @extend_schema(responses=HistoryEntrySerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request: Request, pk: str | None = None) -> Response:
        """Every readable score of the applicant, oldest first, a page at a time."""
        applicant = self.get_object()
        _log(request, [applicant.pk])
        page = self.paginate_queryset(selectors.score_history(applicant, request.user))
        return self.get_paginated_response(HistoryEntrySerializer(page, many=True).data)


class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Scoring jobs of the applicants visible to the caller, newest first."""

    serializer_class = JobSerializer

    def get_queryset(self):
        return ScoringJob.objects.filter(owner__in=selectors.visible_applicants(self.request.user)).order_by("-created_at", "-pk")

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        _log(request, [job.owner_id for job in page])
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        job = self.get_object()
        _log(request, [job.owner_id])
        return Response(self.get_serializer(job).data)


class ApplicationViewSet(
    mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Applications: an applicant's own, or those made to a lender's organisation (all for an
    admin). ``POST`` applies (applicants), ``DELETE`` withdraws (the applicant who applied)."""

    serializer_class = ApplicationSerializer

    def get_queryset(self):
        return applications_for(self.request.user).order_by("-consented_at", "-pk")

    def create(self, request: Request, *args, **kwargs) -> Response:
        """Apply to an organisation: from now on its lenders read the scores of ``methods``."""
        if not request.user.is_applicant:
            raise PermissionDenied("Only applicants apply to lenders.")
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            application = application_create(
                applicant=request.user, organisation=data["organisation"], purpose=data["purpose"],
                methods=data.get("methods"),
            )
        except ApplicationRefused as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(self.get_serializer(application).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, *args, **kwargs) -> Response:
        """Withdraw the application: the organisation sees nothing of the applicant from now on."""
        application = self.get_object()
        if application.applicant_id != request.user.pk:
            raise PermissionDenied("Only the applicant can withdraw an application.")
        application_withdraw(application=application)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ZipRenderer(BaseRenderer):
    """Lets a client ask for ``application/zip``; a refusal is still said in JSON."""

    media_type = "application/zip"
    format = "zip"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return JSONRenderer().render(data)


class MyDataExportView(APIView):
    """Download my data: the applicant's whole file as one zip (JSON and a readable HTML summary)."""

    renderer_classes = (JSONRenderer, ZipRenderer)

    @extend_schema(
        responses={(200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="credsly-my-data.zip"),
                   403: OpenApiResponse(description="Not an applicant.")},
    )
    def get(self, request: Request) -> FileResponse:
        if not request.user.is_applicant:
            raise PermissionDenied("Only applicants download their own data.")
        return FileResponse(export.archive_file(request.user), as_attachment=True, filename=export.FILENAME,
                            content_type="application/zip")
