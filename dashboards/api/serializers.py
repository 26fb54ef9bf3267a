"""What the API says about applicants, scores and jobs; read-only except a Twitter handle."""
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from ingest.models import DataSource
from ingest.parsers.twitter_api import BAD_HANDLE, bare_handle
from pipeline.models import ScoringJob
from scoring import bands
from scoring.models import ScoreResult

PRIMARY, SECOND_OPINION = "primary", "second opinion"


class ReasonSerializer(serializers.Serializer):
    """One reason, the same shape for every method (``scoring.reasons``)."""

    method = serializers.ChoiceField(choices=ScoreResult.Method.choices)
    feature = serializers.CharField(allow_null=True, help_text="The feature or index it is about.")
    code = serializers.CharField(allow_blank=True, help_text="Stable identifier; empty when the method has none.")
    text = serializers.CharField(help_text="A plain sentence for the person scored.")
    points_lost = serializers.FloatField(allow_null=True, help_text="Null when the method cannot say.")


class OpinionAndBand(serializers.Serializer):
    """Whether a score is the site's primary opinion, and its band in words."""

    opinion = serializers.SerializerMethodField(
        help_text=f'"{PRIMARY}" for the method the site leads with, "{SECOND_OPINION}" for the others.')
    band_label = serializers.SerializerMethodField(help_text="The band in words.")
    band_meaning = serializers.SerializerMethodField(help_text="What the band says about the risk, in plain words.")

    def get_opinion(self, result: ScoreResult) -> str:
        return PRIMARY if result.method == self.context.get("primary") else SECOND_OPINION

    def get_band_label(self, result: ScoreResult) -> str:
        return bands.label(result.band) if result.band else ""

    def get_band_meaning(self, result: ScoreResult) -> str:
        return bands.meaning(result.band)


class ScoreSummarySerializer(OpinionAndBand, serializers.ModelSerializer):
    """A score in a list: the figures, not the breakdown (that is on the applicant's page)."""

    # The columns it reads: the list loads no others (the breakdowns are the bulk of a row).
    COLUMNS = ("id", "method", "score", "max_score", "normalized", "band", "eligible", "config_version", "created_at")

    class Meta:
        model = ScoreResult
        fields = ("id", "method", "opinion", "score", "max_score", "normalized", "band", "band_label", "band_meaning",
                  "eligible", "config_version", "created_at")


class ScoreSerializer(OpinionAndBand, serializers.ModelSerializer):
    reasons = ReasonSerializer(many=True, read_only=True, help_text="Most costly first.")

    class Meta:
        model = ScoreResult
        fields = (
            "id",
            "method",
            "opinion",
            "score",
            "max_score",
            "normalized",
            "band",
            "band_label",
            "band_meaning",
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


class ImprovementSerializer(serializers.Serializer):
    action = serializers.CharField(help_text="What the person could do, with its estimated effect.")
    feature = serializers.CharField(help_text="What it changes: a feature or index, or several joined by commas.")
    effect = serializers.FloatField(help_text="Points (of 100) the primary score would gain: the score rescored with the change.")


class HistoryEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = ScoreResult
        fields = ("id", "method", "score", "max_score", "normalized", "band", "config_version", "created_at")


class ApplicantSerializer(serializers.ModelSerializer):
    """An applicant in the list, under 2 KB: the newest figures of each method; the breakdown
    and reasons are one request away (``ApplicantDetailSerializer``)."""

    primary_method = serializers.SerializerMethodField(help_text="The method the site leads with.")
    latest_scores = serializers.SerializerMethodField(
        help_text="The newest score of each method, the primary method's first; the others are second opinions.")
    score_serializer: type[serializers.ModelSerializer] = ScoreSummarySerializer

    class Meta:
        model = User
        fields = ("id", "username", "shares_with_lenders", "primary_method", "latest_scores")

    def get_primary_method(self, user: User) -> str:
        return self.context["primary"]

    @extend_schema_field(ScoreSummarySerializer(many=True))
    def get_latest_scores(self, user: User) -> list[dict]:
        # Filled by the view in one query for the whole page (see ApplicantViewSet).
        latest = self.context.get("latest", {}).get(user.pk, [])
        return self.score_serializer(latest, many=True, context=self.context).data


class ApplicantDetailSerializer(ApplicantSerializer):
    """One applicant: every newest score with its breakdown and reasons, and what would raise
    the primary one."""

    latest_scores = serializers.SerializerMethodField(
        help_text="The newest score of each method, the primary method's first; the others are second opinions.")
    improvements = serializers.SerializerMethodField(
        help_text="At most four actions that would raise the primary score the most, the largest effect first.")
    score_serializer = ScoreSerializer

    class Meta(ApplicantSerializer.Meta):
        fields = (*ApplicantSerializer.Meta.fields, "improvements")

    @extend_schema_field(ScoreSerializer(many=True))
    def get_latest_scores(self, user: User) -> list[dict]:
        return super().get_latest_scores(user)

    @extend_schema_field(ImprovementSerializer(many=True))
    def get_improvements(self, user: User) -> list[dict]:
        return [item.as_dict() for item in self.context.get("improvements", [])]


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
