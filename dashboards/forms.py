"""Forms of the dashboards: the lender table's filters and the applicant's application,
validated like any other input."""
from django import forms

from accounts.models import Organisation
from lending.consent import PURPOSE_MAX
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


class ApplyForm(forms.Form):
    """An applicant applies to one organisation: for what, and which of their scores it reads."""

    organisation = forms.ModelChoiceField(
        label="Lender", queryset=Organisation.objects.all(), to_field_name="slug", empty_label="Choose a lender",
        widget=SELECT,
    )
    purpose = forms.CharField(
        label="What are you applying for?", max_length=PURPOSE_MAX,
        widget=forms.TextInput(attrs={"class": "form-control", "placeholder": "e.g. personal loan"}),
    )
    methods = forms.MultipleChoiceField(
        label="Scores they may read", choices=ScoreResult.Method.choices, widget=forms.CheckboxSelectMultiple,
        help_text="The express-delivery score comes from a lender's parcel records, not from your data; it is "
                  "shared only when you tick it.",
    )


class DeleteAccountForm(forms.Form):
    """Deleting an account cannot be undone: the password says it is really its owner asking."""

    password = forms.CharField(label="Your password", widget=forms.PasswordInput(attrs={"class": "form-control",
                                                                                        "autocomplete": "current-password"}))

    def __init__(self, user, data=None) -> None:
        super().__init__(data)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password; nothing was deleted.")
        return password
