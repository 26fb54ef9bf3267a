from django import forms
from django.utils import timezone

from .shipments import DEFAULT_HEADERS, FIELDS

FIELD_LABELS = {
    "tracking_no": "Tracking number",
    "sender_name": "Sender name",
    "sender_id": "Sender identity (ID card number or credit code)",
    "sender_address": "Sender address",
    "recipient_name": "Recipient name",
    "recipient_id": "Recipient identity",
    "recipient_address": "Recipient address",
    "sent_at": "Send date",
    "received_at": "Receive date",
}


class ShipmentImportForm(forms.Form):
    """A shipment CSV, the scoring date, and the header name of each preset index in the file
    (left as the defaults, the standard header names are expected)."""

    file = forms.FileField(help_text="CSV or tab-separated, UTF-8 or GB18030, with a header line.")
    as_of = forms.DateField(label="Score as of", widget=forms.DateInput(attrs={"type": "date"}),
                            help_text="The window of traffic ends on this day; sensitive areas in force then apply.")

    def __init__(self, *args, mapping: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["as_of"].initial = timezone.localdate()
        for name in FIELDS:
            self.fields[f"col_{name}"] = forms.CharField(
                label=f"Column for {FIELD_LABELS[name][0].lower()}{FIELD_LABELS[name][1:]}", max_length=100, required=False,
                initial=(mapping or {}).get(name, DEFAULT_HEADERS[name]),
            )
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")

    def mapping(self) -> dict[str, str]:
        return {name: self.cleaned_data[f"col_{name}"].strip() for name in FIELDS
                if self.cleaned_data[f"col_{name}"].strip()}


class TableUploadForm(forms.Form):
    """A small CSV for the admin: the region table or a sensitive-area list."""

    file = forms.FileField()
    effective_from = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                     help_text="Sensitive areas only: start date for rows that give none (default today).")
