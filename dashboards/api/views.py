"""The REST API: the same access rules as the pages (``dashboards.selectors``), by token.

Read-only for scores and jobs; the only write is a Twitter handle, which lenders may submit
for an applicant who shares with them and applicants for themselves. Configuration is not
writable here at all: it changes only in Django admin, by admins.
"""
from collections import defaultdict

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ingest.parsers.twitter_api import TwitterUnavailable
from ingest.services import twitter_handle_store
from pipeline.models import ScoringJob
from scoring.models import ScoreResult

from .. import selectors
from .serializers import (
    ApplicantSerializer,
    HistoryEntrySerializer,
    JobSerializer,
    SourceSerializer,
    TwitterHandleSerializer,
)


class ApplicantViewSet(viewsets.ReadOnlyModelViewSet):
    """Applicants visible to the caller, each with the newest score of every method."""

    serializer_class = ApplicantSerializer

    def get_queryset(self):
        return selectors.visible_applicants(self.request.user).order_by("pk")

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self._serialize(page))

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return Response(self._serialize([self.get_object()])[0])

    def _serialize(self, applicants: list) -> list:
        """Serialize with every applicant's newest scores fetched in one query."""
        results = selectors.latest_results(ScoreResult.objects.filter(owner__in=[a.pk for a in applicants]))
        latest = defaultdict(list)
        for result in results.order_by("method"):
            latest[result.owner_id].append(result)
        context = {**self.get_serializer_context(), "latest": latest}
        return ApplicantSerializer(applicants, many=True, context=context).data

    @extend_schema(responses=HistoryEntrySerializer(many=True))
    @action(detail=True, methods=["get"])
    def history(self, request: Request, pk: str | None = None) -> Response:
        """Every score of the applicant, oldest first."""
        applicant = self.get_object()
        return Response(HistoryEntrySerializer(selectors.score_history(applicant), many=True).data)

    @extend_schema(request=TwitterHandleSerializer, responses={202: SourceSerializer, 503: None})
    @action(detail=True, methods=["post"])
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
