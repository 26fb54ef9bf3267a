"""The REST API: the same access rules as the pages (``dashboards.selectors``), by token.

Read-only for scores and jobs; the only write is a Twitter handle, which lenders may submit
for an applicant who shares with them and applicants for themselves. Configuration is not
writable here at all: it changes only in Django admin, by admins.
"""
from collections import defaultdict

from axes.helpers import get_cool_off
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.throttling import AddressThrottle, ScopedThrottle, come_back_in
from ingest.parsers.twitter_api import TwitterUnavailable
from ingest.services import twitter_handle_store
from pipeline.models import ScoringJob
from scoring import methods
from scoring.models import ScoreResult

from .. import selectors
from .auth import fresh_token
from .serializers import (
    ApplicantDetailSerializer,
    ApplicantSerializer,
    HistoryEntrySerializer,
    JobSerializer,
    ScoreSummarySerializer,
    SourceSerializer,
    TwitterHandleSerializer,
)


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
    """Applicants visible to the caller, each with the newest score of every method: in the
    list, the figures (under 2 KB an applicant); on an applicant, the breakdown and reasons."""

    serializer_class = ApplicantSerializer
    throttle_scope: str | None = None  # set by the actions that are rate-limited

    def get_queryset(self):
        return selectors.visible_applicants(self.request.user).order_by("pk")

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        context = self._context(page, columns=ScoreSummarySerializer.COLUMNS)
        return self.get_paginated_response(ApplicantSerializer(page, many=True, context=context).data)

    @extend_schema(responses=ApplicantDetailSerializer)
    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        """One applicant, leading with the primary method's score, and what would raise it."""
        applicant = self.get_object()
        context = self._context([applicant])
        answer = next(iter(context["latest"].get(applicant.pk, [])), None)
        context["improvements"] = methods.improvements(answer) if answer and answer.method == context["primary"] else []
        return Response(ApplicantDetailSerializer(applicant, context=context).data)

    def _context(self, applicants: list, *, columns: tuple[str, ...] | None = None) -> dict:
        """Every applicant's newest scores, fetched in one query, the primary method's first;
        only ``columns`` of them when given (the list leaves the large breakdowns unread)."""
        primary = methods.primary()
        results = selectors.latest_results(ScoreResult.objects.filter(owner__in=[a.pk for a in applicants]))
        if columns is not None:
            results = results.only("owner_id", *columns)
        latest = defaultdict(list)
        for result in sorted(results, key=lambda r: (r.method != primary, r.method)):
            latest[result.owner_id].append(result)
        return {**self.get_serializer_context(), "latest": latest, "primary": primary}

    @extend_schema(responses=HistoryEntrySerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request: Request, pk: str | None = None) -> Response:
        """Every score of the applicant, oldest first, a page at a time."""
        page = self.paginate_queryset(selectors.score_history(self.get_object()))
        return self.get_paginated_response(HistoryEntrySerializer(page, many=True).data)

    @extend_schema(request=TwitterHandleSerializer, responses={202: SourceSerializer, 503: None})
    @action(detail=True, methods=["post"], throttle_classes=[ScopedThrottle], throttle_scope="handle")
    def twitter(self, request: Request, pk: str | None = None) -> Response:
        """Give the applicant's X/Twitter handle; its public posts are fetched and scored."""
        applicant = self.get_object()
        serializer = TwitterHandleSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            source = twitter_handle_store(owner=applicant, handle=serializer.validated_data["handle"])
        except TwitterUnavailable as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
        return Response(SourceSerializer(source).data, status=status.HTTP_202_ACCEPTED)


class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Scoring jobs of the applicants visible to the caller, newest first."""

    serializer_class = JobSerializer

    def get_queryset(self):
        return ScoringJob.objects.filter(owner__in=selectors.visible_applicants(self.request.user)).order_by("-created_at", "-pk")
