import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.imports.mapping import TARGETS, mapping_problems
from customers.imports.parsing import ENCODINGS, BadFile, inspect_file
from customers.models import ImportRun
from customers.models.imports import CONTACT_POLICIES


def size_cap() -> str:
    return filesizeformat(settings.IMPORT_MAX_UPLOAD_BYTES)


@contextmanager
def on_disk(upload):
    """A path to the uploaded file: Django's own temporary file for a large one, else
    a copy of the small one it kept in memory."""
    if hasattr(upload, "temporary_file_path"):
        yield Path(upload.temporary_file_path())
        return
    with tempfile.NamedTemporaryFile() as copy:
        upload.seek(0)
        shutil.copyfileobj(upload, copy)
        copy.flush()
        yield Path(copy.name)
    upload.seek(0)


class ImportUploadForm(forms.Form):
    target = forms.ChoiceField(
        label=gettext_lazy("The file holds"),
        choices=ImportRun.Target.choices,
        initial=ImportRun.Target.CUSTOMERS,
        widget=forms.RadioSelect,
        # Left out (a script posting as before there was a choice): the default.
        required=False,
    )
    encoding = forms.ChoiceField(
        label=gettext_lazy("Encoding"),
        choices=[("", gettext_lazy("Detect it")), *ENCODINGS],
        required=False,
        help_text=gettext_lazy(
            "For a CSV file. Leave it to be detected unless the preview looks garbled."
        ),
    )
    sheet = forms.CharField(
        label=gettext_lazy("Sheet"),
        required=False,
        max_length=100,
        help_text=gettext_lazy(
            "For an XLSX workbook: the sheet's name. The first sheet by default."
        ),
    )
    # Last, so the fields above arrive even when the file is refused for its size.
    file = forms.FileField(
        label=gettext_lazy("File"),
        error_messages={
            "required": gettext_lazy("Choose a CSV or XLSX file to import."),
            "empty": gettext_lazy("The file is empty."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,.txt,text/csv"}),
    )

    def __init__(self, *args, too_large: bool = False, targets: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if targets is not None:
            # Only what the user's role may add; the first of them by default.
            self.fields["target"].choices = [
                (value, label) for value, label in ImportRun.Target.choices if value in targets
            ]
            if self.initial.get("target") not in targets and targets:
                self.initial["target"] = targets[0]
        self.too_large = too_large
        self.shape = None

    def clean_target(self):
        return self.cleaned_data["target"] or self.initial.get(
            "target", self.fields["target"].initial
        )
        self.fields["file"].help_text = _("CSV or XLSX, up to {size}.").format(size=size_cap())

    def clean(self):
        cleaned = super().clean()
        if self.too_large:
            self.errors.pop("file", None)
            self.add_error("file", too_large_message())
            return cleaned
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            self.add_error("file", too_large_message())
            return cleaned
        try:
            with on_disk(upload) as path:
                self.shape = inspect_file(
                    path, encoding=cleaned.get("encoding", ""), sheet=cleaned.get("sheet", "")
                )
        except BadFile as error:
            self.add_error("file", str(error))
        return cleaned


def too_large_message() -> str:
    return _("The file is larger than {size}, the most an import takes.").format(size=size_cap())


class ImportMappingForm(forms.Form):
    """A select per column of the file (`column_0`, …) and the duplicate policy."""

    on_duplicate = forms.ChoiceField(
        label=gettext_lazy("When a row's email already belongs to a customer"),
        choices=ImportRun.OnDuplicate.choices,
        initial=ImportRun.OnDuplicate.SKIP,
        widget=forms.RadioSelect,
    )

    def __init__(
        self,
        *args,
        headers: list[str],
        may_choose_owner: bool,
        target: str = ImportRun.Target.CUSTOMERS,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.target = target
        fields = [(f, label) for f, label in TARGETS[target].fields]
        fields = [(f, label) for f, label in fields if may_choose_owner or f != "owner"]
        if target == ImportRun.Target.CONTACTS:
            self.fields["on_duplicate"].label = _(
                "When a row's email belongs to a contact its customer already has"
            )
            self.fields["on_duplicate"].choices = list(CONTACT_POLICIES.items())
        elif target == ImportRun.Target.ACTIVITY:
            # Activity has no duplicates to decide on (the same entry twice in the file
            # is reported): the policy is not asked.
            self.fields["on_duplicate"].required = False
        self.columns = []
        for index, header in enumerate(headers):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=header or _("Column {number}").format(number=index + 1),
                choices=[("", gettext_lazy("Skip this column")), *fields],
                required=False,
            )
            self.columns.append(name)
        # The policy after the columns, as the page asks it.
        self.order_fields([*self.columns, "on_duplicate"])

    def column_fields(self):
        return [self[name] for name in self.columns]

    def mapping(self) -> list[str]:
        return [self.cleaned_data.get(name, "") for name in self.columns]

    def clean(self):
        cleaned = super().clean()
        cleaned["on_duplicate"] = cleaned.get("on_duplicate") or ImportRun.OnDuplicate.SKIP
        for problem in mapping_problems(self.mapping(), self.target):
            self.add_error(None, problem)
        return cleaned
