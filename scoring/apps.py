from django.apps import AppConfig


class ScoringConfigApp(AppConfig):
    name = "scoring"
    verbose_name = "Scoring"
