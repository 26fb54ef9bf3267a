"""Links to pages other parts of CredSly provide, present exactly when those parts are."""
from django.urls import NoReverseMatch, reverse


def optional_url(name: str, *args: object) -> str | None:
    """The URL of ``name``, or None while the app that serves it is not installed."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None
