from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.models import ExportLog

FORMAT = "format"  # the query parameter that asks for the file rather than the form


class Columns:
    SEEN = "seen"
    ALL = "all"
    CHOICES = [
        (SEEN, gettext_lazy("The columns the list shows")),
        (ALL, gettext_lazy("All fields, tags and owner included")),
    ]


class ExportForm(forms.Form):
    """How to export: the list's filters ride along in the query string beside it."""

    format = forms.ChoiceField(
        label=gettext_lazy("File format"),
        choices=ExportLog.Format.choices,
        widget=forms.RadioSelect,
        initial=ExportLog.Format.CSV,
        error_messages={
            "invalid_choice": gettext_lazy("Choose CSV or XLSX."),
            "required": gettext_lazy("Choose CSV or XLSX."),
        },
    )
    columns = forms.ChoiceField(
        label=gettext_lazy("Columns"),
        choices=Columns.CHOICES,
        widget=forms.RadioSelect,
        required=False,
        initial=Columns.SEEN,
        error_messages={"invalid_choice": gettext_lazy("Choose the list's columns or all fields.")},
    )

    def __init__(self, *args, choose_columns: bool = False, formats=None, **kwargs):
        super().__init__(*args, auto_id="export-%s", **kwargs)
        if formats is not None:
            offered = [
                (value, label) for value, label in ExportLog.Format.choices if value in formats
            ]
            self.fields["format"].choices = offered
            self.fields["format"].initial = offered[0][0]
            if len(offered) == 1:
                only = _("Choose {format}: a record's sections are a sheet each.").format(
                    format=offered[0][1]
                )
                self.fields["format"].error_messages["invalid_choice"] = only
        if not choose_columns:
            del self.fields["columns"]

    def clean_columns(self):
        return self.cleaned_data["columns"] or Columns.SEEN
