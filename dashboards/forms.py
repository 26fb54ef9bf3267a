"""Forms of the dashboards: the lender table's filters, validated like any other input."""
from django import forms

from scoring import bands
from scoring.models import ScoreResult

from .selectors import TableQuery

BAND_CHOICES = [("", "Any band")] + [(band.key, band.label) for band in bands.BANDS]
ANY_METHOD = "any"
METHOD_CHOICES = [(ANY_METHOD, "Any method")] + list(ScoreResult.Method.choices)
SORT_CHOICES = [
    ("-date", "Newest first"),
    ("date", "Oldest first"),
    ("-score", "Highest score"),
    ("score", "Lowest score"),
]

SELECT = forms.Select(attrs={"class": "form-select"})


class ApplicantFilterForm(forms.Form):
    """Search, band, method and order of the lender table. Without a method in the query the
    table shows the site's default scoring method: one row per applicant, not one per method."""

    q = forms.CharField(label="Search", required=False, max_length=150, help_text="Username or e-mail")
    band = forms.ChoiceField(label="Band", choices=BAND_CHOICES, required=False, widget=SELECT)
    method = forms.ChoiceField(label="Method", choices=METHOD_CHOICES, required=False, widget=SELECT)
    sort = forms.ChoiceField(label="Sort by", choices=SORT_CHOICES, required=False, widget=SELECT)

    def __init__(self, data, *, default_method: str) -> None:
        data = data.copy()
        data.setdefault("method", default_method)
        super().__init__(data)

    def query(self) -> TableQuery:
        """The filters as a ``TableQuery``; an invalid value (a hand-edited URL) is left out
        of ``cleaned_data`` by validation, which here means "not filtered on"."""
        self.is_valid()
        data = self.cleaned_data
        return TableQuery(
            q=(data.get("q") or "").strip(),
            band=data.get("band") or "",
            method="" if data.get("method") == ANY_METHOD else data.get("method") or "",
            sort=data.get("sort") or "-date",
        )
