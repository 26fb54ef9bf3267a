"""What the API says about applicants, scores and jobs; read-only except a Twitter handle."""
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from ingest.models import DataSource
from ingest.parsers.twitter_api import BAD_HANDLE, bare_handle
from pipeline.models import ScoringJob
from scoring.models import ScoreResult


class ScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = ScoreResult
        fields = (
            "id",
            "method",
            "score",
            "max_score",
            "normalized",
            "band",
            "eligible",
            "unscorable",
            "flags",
            "contributions",
            "missing",
            "reasons",
            "detail",
            "config_version",
            "created_at",
        )


class HistoryEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = ScoreResult
        fields = ("id", "method", "score", "max_score", "normalized", "band", "config_version", "created_at")


class ScoreSummarySerializer(serializers.ModelSerializer):
    """A score in a list: the figures, not the breakdown (that is on the applicant's page)."""

    class Meta:
        model = ScoreResult
        fields = ("id", "method", "score", "max_score", "normalized", "band", "eligible", "config_version", "created_at")


class ApplicantSerializer(serializers.ModelSerializer):
    """One applicant with the newest score of every method, breakdown and reasons included."""

    latest_scores = serializers.SerializerMethodField()
    score_serializer = ScoreSerializer

    class Meta:
        model = User
        fields = ("id", "username", "shares_with_lenders", "latest_scores")

    @extend_schema_field(ScoreSerializer(many=True))
    def get_latest_scores(self, user: User) -> list[dict]:
        # Filled by the view in one query for the whole page (see ApplicantViewSet).
        latest = self.context.get("latest", {}).get(user.pk, [])
        return self.score_serializer(latest, many=True).data


class ApplicantListSerializer(ApplicantSerializer):
    """An applicant in the list: under 2 KB, the details one request away."""

    latest_scores = serializers.SerializerMethodField()
    score_serializer = ScoreSummarySerializer

    @extend_schema_field(ScoreSummarySerializer(many=True))
    def get_latest_scores(self, user: User) -> list[dict]:
        return super().get_latest_scores(user)


class JobSerializer(serializers.ModelSerializer):
    stage = serializers.CharField(read_only=True, help_text="What the job is doing, in words.")
    percent = serializers.IntegerField(read_only=True, help_text="0-100, as the applicant's progress bar shows it.")

    class Meta:
        model = ScoringJob
        fields = ("id", "owner", "state", "stage", "percent", "chunks_done", "chunks_total", "error", "created_at",
                  "finished_at")


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = DataSource
        fields = ("id", "owner", "platform", "kind", "handle", "status", "error", "created_at", "parsed_at")


class TwitterHandleSerializer(serializers.Serializer):
    handle = serializers.CharField(max_length=16)

    def validate_handle(self, value: str) -> str:
        handle = bare_handle(value)
        if handle is None:
            raise serializers.ValidationError(BAD_HANDLE)
        return handle
