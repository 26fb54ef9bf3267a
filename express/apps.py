from django.apps import AppConfig


class ExpressConfig(AppConfig):
    """Express-delivery records as a credit source (the bank patent's method): the Django shell
    around the pure core in the same package (see ``express/__init__.py``)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "express"
    verbose_name = "Express delivery"
