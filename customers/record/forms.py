from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy

from customers.core.versioned import VersionedFormMixin
from customers.models import Contact, Tag


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
