from django.apps import AppConfig


class ScoringConfigApp(AppConfig):
    name = "scoring"
    verbose_name = "Scoring"

    def ready(self) -> None:
        from ingest.signals import source_stored
        from scoring.pipeline import on_source_stored

        # New or replaced data starts a new scoring job (ingest never imports scoring).
        source_stored.connect(on_source_stored, dispatch_uid="scoring.pipeline.on_source_stored")
