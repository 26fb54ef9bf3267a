"""What the API says about applicants, scores, jobs and applications. Scores and jobs are
read-only; an application is made and withdrawn by its applicant alone."""
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organisation, User
from lending.consent import PURPOSE_MISSING
from lending.models import Application
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


class ScoreSerializer(serializers.ModelSerializer):
    opinion = serializers.SerializerMethodField(
        help_text=f'"{PRIMARY}" for the method the site leads with, "{SECOND_OPINION}" for the others.')
    band_label = serializers.SerializerMethodField(help_text="The band in words.")
    band_meaning = serializers.SerializerMethodField(help_text="What the band says about the risk, in plain words.")
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

    def get_opinion(self, result: ScoreResult) -> str:
        return PRIMARY if result.method == self.context.get("primary") else SECOND_OPINION

    def get_band_label(self, result: ScoreResult) -> str:
        return bands.label(result.band) if result.band else ""

    def get_band_meaning(self, result: ScoreResult) -> str:
        return bands.meaning(result.band)


class ImprovementSerializer(serializers.Serializer):
    action = serializers.CharField(help_text="What the person could do, with its estimated effect.")
    feature = serializers.CharField(help_text="What it changes: a feature or index, or several joined by commas.")
    effect = serializers.FloatField(help_text="Points (of 100) the primary score would gain: the score rescored with the change.")


class HistoryEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = ScoreResult
        fields = ("id", "method", "score", "max_score", "normalized", "band", "config_version", "created_at")


class ScoreSummarySerializer(ScoreSerializer):
    """A score in a list: the figures and the band in words, not the breakdown (that is on the
    applicant's detail)."""

    # The columns it reads: the list loads no others (the breakdowns are the bulk of a row).
    COLUMNS = ("id", "method", "score", "max_score", "normalized", "band", "eligible", "config_version", "created_at")

    class Meta:
        model = ScoreResult
        fields = ("id", "method", "opinion", "score", "max_score", "normalized", "band", "band_label", "band_meaning",
                  "eligible", "config_version", "created_at")


class ApplicantSerializer(serializers.ModelSerializer):
    """One applicant with the newest score of every method, breakdown and reasons included."""

    primary_method = serializers.SerializerMethodField(help_text="The method the site leads with.")
    latest_scores = serializers.SerializerMethodField(
        help_text="The newest score of each method, the primary method's first; the others are second opinions.")
    score_serializer = ScoreSerializer

    class Meta:
        model = User
        fields = ("id", "username", "primary_method", "latest_scores")

    def get_primary_method(self, user: User) -> str:
        return self.context["primary"]

    @extend_schema_field(ScoreSerializer(many=True))
    def get_latest_scores(self, user: User) -> list[dict]:
        # Filled by the view in one query for the whole page (see ApplicantViewSet).
        latest = self.context.get("latest", {}).get(user.pk, [])
        return self.score_serializer(latest, many=True, context=self.context).data


class ApplicantDetailSerializer(ApplicantSerializer):
    improvements = serializers.SerializerMethodField(
        help_text="At most four actions that would raise the primary score the most, the largest effect first.")

    class Meta(ApplicantSerializer.Meta):
        fields = (*ApplicantSerializer.Meta.fields, "improvements")

    @extend_schema_field(ImprovementSerializer(many=True))
    def get_improvements(self, user: User) -> list[dict]:
        return [item.as_dict() for item in self.context.get("improvements", [])]


class ApplicantListSerializer(ApplicantSerializer):
    """An applicant in the list: under 2 KB, the details one request away."""

    latest_scores = serializers.SerializerMethodField(
        help_text="The newest figures of each method, the primary method's first; the others are second opinions.")
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


class ApplicationSerializer(serializers.ModelSerializer):
    """An application as the applicant and the organisation's lenders see it."""

    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), help_text="The organisation's short name.",
        error_messages={"does_not_exist": "There is no lender called {value}."},
    )
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    applicant_username = serializers.CharField(source="applicant.username", read_only=True)
    methods = serializers.ListField(
        child=serializers.ChoiceField(choices=ScoreResult.Method.choices), required=False,
        help_text="Scoring methods the organisation may read; the social-media methods when left out.",
    )
    live = serializers.BooleanField(source="is_live", read_only=True)

    class Meta:
        model = Application
        fields = ("id", "organisation", "organisation_name", "applicant", "applicant_username", "purpose", "methods",
                  "sources", "consent_version", "consented_at", "withdrawn_at", "live")
        read_only_fields = ("applicant", "sources", "consent_version", "consented_at", "withdrawn_at")
        extra_kwargs = {"purpose": {"error_messages": {"blank": PURPOSE_MISSING, "required": PURPOSE_MISSING}}}
