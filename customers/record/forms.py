from django import forms
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy

from customers.core.owners import display_name
from customers.core.versioned import VersionedFormMixin
from customers.models import Contact, Customer, Tag


class ContactForm(VersionedFormMixin, forms.ModelForm):
    """A person at a customer. The email is checked for shape only: one person may be a
    contact at several customers. An edit carries its version, as a customer's does."""

    class Meta:
        model = Contact
        fields = ["name", "title", "email", "phone", "is_primary"]
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "off"}),
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }
        error_messages = {
            "name": {"required": gettext_lazy("Enter the contact's name.")},
            "email": {
                "invalid": gettext_lazy("Enter a valid email address, like name@example.com.")
            },
        }
        # Here rather than as the model's verbose names, which would need a migration.
        labels = {
            "name": gettext_lazy("Name"),
            "title": gettext_lazy("Role"),
            "email": gettext_lazy("Email"),
            "phone": gettext_lazy("Phone"),
            "is_primary": gettext_lazy("Primary contact"),
        }


TAG_NAME_MAX_LENGTH = Tag._meta.get_field("name").max_length
SUGGESTIONS_ID = "tag-suggestions"


class TagAddForm(forms.Form):
    """The name of a tag to put on a customer: an existing one (any case) or a new one.

    The field offers the options of the datalist `#tag-suggestions`; with `suggest`,
    htmx refreshes that list from the server as the user types.
    """

    name = forms.CharField(
        label=gettext_lazy("Add tag"),
        max_length=TAG_NAME_MAX_LENGTH,
        error_messages={
            "required": gettext_lazy("Enter a tag name."),
            "max_length": gettext_lazy("A tag name has at most %(limit_value)d characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": SUGGESTIONS_ID}),
    )

    def __init__(self, *args, suggest: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if suggest:
            self.fields["name"].widget.attrs.update(
                {
                    "hx-get": reverse("tag_suggest"),
                    "hx-trigger": "input changed delay:200ms",
                    "hx-target": f"#{SUGGESTIONS_ID}",
                    "hx-swap": "outerHTML",
                    "hx-sync": "this:replace",
                }
            )

    def clean_name(self) -> str:
        # Spaces inside a name count once, as the tag service stores them.
        return " ".join(self.cleaned_data["name"].split())


SURVIVOR, OTHER = "survivor", "other"


class MergeForm(forms.Form):
    """Which of two customers' values the survivor keeps, field by field, and the
    versions of both as the page showed them (a save since is a conflict).

    A field the user may not set (the owner, without the right to reassign owners) is
    not offered: the survivor keeps its own.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    other_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)

    def __init__(self, *args, survivor, other, fields, **kwargs):
        super().__init__(*args, **kwargs)
        self.survivor, self.other = survivor, other
        self.fields["version"].initial = survivor.version
        self.fields["other_version"].initial = other.version
        for name in fields:
            mine, theirs = self.shown(survivor, name), self.shown(other, name)
            self.fields[name] = forms.ChoiceField(
                label=capfirst(Customer._meta.get_field(name).verbose_name),
                choices=[(SURVIVOR, mine), (OTHER, theirs)],
                widget=forms.RadioSelect,
                # The survivor's, unless it has none and the other has one.
                initial=OTHER
                if self._blank(survivor, name) and not self._blank(other, name)
                else SURVIVOR,
                error_messages={
                    "required": gettext_lazy("Choose which value to keep."),
                    "invalid_choice": gettext_lazy("Choose one of the two values."),
                },
            )

    @staticmethod
    def _blank(customer, name) -> bool:
        return getattr(customer, name) in (None, "")

    @staticmethod
    def shown(customer, name) -> str:
        """The value as the record shows it."""
        value = getattr(customer, name)
        if name == "owner":
            return display_name(value) if value else gettext("No owner")
        if name == "status":
            return customer.get_status_display()
        if name == "phone":
            return customer.phone_display or "—"
        return value or "—"

    @property
    def choices(self):
        return [self[name] for name in self.fields if name not in ("version", "other_version")]

    def versions(self) -> tuple[int, int]:
        return self.cleaned_data["version"], self.cleaned_data["other_version"]

    def values(self) -> dict:
        """The other's value of each field where it was picked: what the survivor takes."""
        return {
            name: getattr(self.other, name)
            for name in self.fields
            if self.cleaned_data.get(name) == OTHER
        }
