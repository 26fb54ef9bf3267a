"""Reads other parts rely on: the express score of a CredSly account, for the dashboards to
show beside the social scores with a link to ``express:subject``."""
from .models import ExpressScore


def latest_express_score(user) -> ExpressScore | None:
    """The newest express score of any subject linked to ``user`` (None when there is none)."""
    return ExpressScore.objects.filter(subject__user=user).select_related("subject").defer("features").first()
