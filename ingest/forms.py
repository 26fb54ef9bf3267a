"""Forms of the "connect your data" page."""
from django import forms
from django.conf import settings

from .models import Platform
from .parsers.twitter_api import BAD_HANDLE, bare_handle
from .services import upload_too_large_message


class UploadForm(forms.Form):
    platform = forms.ChoiceField(choices=Platform.choices, widget=forms.HiddenInput)
    archive = forms.FileField(
        label="Export file (.zip)",
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip", "class": "form-control"}),
    )

    def clean_archive(self):
        archive = self.cleaned_data["archive"]
        if archive.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(upload_too_large_message(archive.size))
        return archive


class HandleForm(forms.Form):
    handle = forms.CharField(
        label="X/Twitter handle",
        max_length=64,
        widget=forms.TextInput(attrs={"placeholder": "@handle", "class": "form-control", "autocomplete": "off"}),
    )

    def clean_handle(self) -> str:
        handle = bare_handle(self.cleaned_data["handle"])
        if handle is None:
            raise forms.ValidationError(BAD_HANDLE)
        return handle
