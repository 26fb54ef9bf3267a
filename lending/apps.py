from django.apps import AppConfig


class LendingConfig(AppConfig):
    """Applications to lenders, decisions, notices, disputes, outcomes, and the back-testing and
    monitoring of the scores against those outcomes. The pure cores (``metrics``, ``blend``,
    ``scored_csv``, ``backtest``) need no Django."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "lending"
    verbose_name = "Lending"
