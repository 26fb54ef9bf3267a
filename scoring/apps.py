from django.apps import AppConfig


class ScoringConfigApp(AppConfig):
    name = "scoring"
    verbose_name = "Scoring"

    def ready(self) -> None:
        from ingest.signals import source_stored
        from scoring.pipeline import on_source_stored

        # New or replaced data starts a new scoring job (ingest never imports scoring).
        source_stored.connect(on_source_stored, dispatch_uid="scoring.pipeline.on_source_stored")
        # Workers find tasks by autodiscovery; registering the pipeline's tasks in every
        # process as well lets the pipeline run in-process when tasks are eager (tests, or
        # CELERY_TASK_ALWAYS_EAGER), instead of being sent to a broker no one reads.
        import ingest.tasks  # noqa: F401
        import models_ml.tasks  # noqa: F401
        import scoring.tasks  # noqa: F401
