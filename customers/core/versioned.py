"""Edit forms that carry the version they started from, and show a conflict field by field.

The version travels as a hidden `version` input (templates/ui/conflict.html), not as a
form field, so it is never taken for a change of the record. After a conflict the form
also carries the names of the conflicting fields: "Take theirs" leaves exactly those
as the other person saved them.
"""

from http import HTTPStatus

from django import forms
from django.db import models
from django.forms.boundfield import BoundField
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.core.concurrency import EditConflict
from customers.core.owners import display_name

TAKE_THEIRS = "theirs"  # the value of the "Take theirs" button (name "resolve")


class ConflictBoundField(BoundField):
    """A field that knows what the other person saved in it meanwhile, if anything."""

    @property
    def conflict(self) -> str:
        return self.form.conflict_notes.get(self.name, "")

    @property
    def conflict_id(self) -> str:
        return f"{self.auto_id}-conflict"

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        if self.conflict and self.auto_id:
            # The note is read out with the field, after its help text (if any).
            described = [attrs.get("aria-describedby"), self.conflict_id]
            attrs["aria-describedby"] = " ".join(filter(None, described))
        return attrs


def changed_values(form: forms.Form) -> dict:
    """The cleaned values of the fields the user changed, for an update service."""
    return {name: form.cleaned_data[name] for name in form.changed_data}


# A version is a positive 64-bit number: 19 digits at most. Longer text is no version,
# and reading 4,300 digits or more would make int() raise.
VERSION_DIGITS = 19


def _posted_version(data) -> int | None:
    value = str(data.get("version") or "")
    if value.isascii() and value.isdigit() and len(value) <= VERSION_DIGITS:
        number = int(value)
        return number if number < 2**63 else None
    return None


class VersionedFormMixin:
    """For a ModelForm that edits a record with a `version`.

    `version`: what the form started from (None: a new record). An edit posted without
    one is refused (the form's own error, so 422): saved unchecked, it could silently
    overwrite a change made meanwhile. `edit_data()`: what the update service gets.
    `show_conflict()`: fill in what the template shows after an EditConflict.
    """

    missing_version_message = gettext_lazy(
        "This form does not say which version of the {noun} it started from, so saving it "
        "could overwrite someone else's change. Reload the page and make your change again."
    )

    bound_field_class = ConflictBoundField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict_notice = ""
        self.conflict_notes: dict[str, str] = {}
        self.theirs: list[str] = []  # fields whose saved value "Take theirs" keeps
        if self.is_bound:
            self.version = _posted_version(self.data)
            if self.data.get("resolve") == TAKE_THEIRS and hasattr(self.data, "getlist"):
                self.theirs = [
                    name for name in self.data.getlist("conflict") if name in self.fields
                ]
        elif self.instance._state.adding:
            self.version = None
        else:
            self.version = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.is_bound and not self.instance._state.adding and self.version is None:
            noun = self.instance._meta.verbose_name
            raise forms.ValidationError(
                self.missing_version_message.format(noun=noun), code="no_version"
            )
        return cleaned_data

    def edit_data(self) -> dict:
        """The cleaned values of the fields the user changed, but for those "Take theirs"
        leaves as they are."""
        return {k: v for k, v in changed_values(self).items() if k not in self.theirs}

    def show_conflict(self, conflict: EditConflict) -> None:
        """Note per field what was saved meanwhile, and start again from that version."""
        who = display_name(conflict.by) or _("Someone else")
        self.version = conflict.version
        self.conflict_notes = {
            name: self.conflict_note(name, self.readable(name, conflict.fields[name].theirs), who)
            for name in conflict.fields
            if name in self.fields
        }
        noun = self.instance._meta.verbose_name
        self.conflict_notice = _(
            "{who} saved this {noun} while you were editing. Choose what to keep."
        ).format(who=who, noun=noun)

    @property
    def conflict_fields(self) -> list[str]:
        return list(self.conflict_notes)

    def conflict_note(self, name: str, theirs: str, who: str) -> str:
        return _("Saved meanwhile by {who}: {theirs}").format(who=who, theirs=theirs)

    def readable(self, name: str, value) -> str:
        """`value` as the form shows it to people: a choice's label, a record's name."""
        field = self.fields[name]
        if isinstance(field, forms.ModelChoiceField):
            return field.label_from_instance(value) if value is not None else field.empty_label
        if value is None or value == "":
            return "(empty)"
        if isinstance(value, models.Model):
            return str(value)
        if isinstance(field, forms.ChoiceField):
            return str(dict(field.choices).get(value, value))
        shown = field.prepare_value(value)
        return str(formats.localize(shown))


class VersionedEditMixin:
    """Put before ServiceFormMixin; `perform` passes `form.version` and
    `form.edit_data()` to a versioned update service."""

    conflict: EditConflict | None = None

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except EditConflict as conflict:
            self.conflict = conflict
            # Through get_form(), so the view's own rules for its form (the owner field
            # only for those who may reassign owners) hold for this one too.
            conflict_form = self.get_form()
            conflict_form.show_conflict(conflict)
            return self.form_conflict(conflict_form)

    def get_form_kwargs(self):
        """After a conflict: a new form on the row as it is now, with my changes over it."""
        kwargs = super().get_form_kwargs()
        if self.conflict is None:
            return kwargs
        kwargs.pop("data", None)
        kwargs.pop("files", None)
        # Initial values the view supplies for form fields were read from the row
        # before; the row as it is now (the instance) is what counts.
        fields = self.get_form_class().base_fields
        initial = {k: v for k, v in kwargs.get("initial", {}).items() if k not in fields}
        kwargs.update(instance=self.conflict.current, initial={**initial, **self.conflict.mine})
        return kwargs

    def form_conflict(self, form):
        context = self.get_context_data(form=form)
        return self.render_to_response(context, status=HTTPStatus.CONFLICT)
