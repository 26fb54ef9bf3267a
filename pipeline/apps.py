from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "pipeline"
    verbose_name = "Scoring pipeline"

    def ready(self) -> None:
        from ingest.signals import source_stored

        from .services import on_source_stored

        # New or replaced data starts a new scoring job (ingest never imports the pipeline).
        source_stored.connect(on_source_stored, dispatch_uid="pipeline.services.on_source_stored")
        # Workers find tasks by autodiscovery; registering the chain's tasks in every process
        # as well lets the web process send them by name and a test run them in-process.
        import models_ml.tasks  # noqa: F401
        import pipeline.tasks  # noqa: F401
        import scoring.tasks  # noqa: F401
