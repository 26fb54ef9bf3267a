"""What the API says about applicants, scores, jobs and applications. Scores and jobs are
read-only; an application is made and withdrawn by its applicant alone."""
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organisation, User
from ingest.models import DataSource
from lending.consent import PURPOSE_MISSING
from lending.models import Application
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


class ApplicantSerializer(serializers.ModelSerializer):
    latest_scores = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ("id", "username", "latest_scores")

    @extend_schema_field(ScoreSerializer(many=True))
    def get_latest_scores(self, user: User) -> list[dict]:
        # Filled by the view in one query for the whole page (see ApplicantViewSet).
        latest = self.context.get("latest", {}).get(user.pk, [])
        return ScoreSerializer(latest, many=True).data


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
