"""The short form at the top of a customer's timeline, and the support status toggle."""

from django import forms
from django.utils.translation import gettext_lazy

from customers.models import Customer, Interaction

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class InteractionForm(forms.ModelForm):
    """Kind, subject, details, when and with whom. Who recorded it is never asked:
    it is the signed-in user. "With" offers only this customer's contacts."""

    class Meta:
        model = Interaction
        fields = ["kind", "subject", "body", "happened_at", "contact"]
        labels = {
            "kind": gettext_lazy("Kind"),
            "subject": gettext_lazy("Subject"),
            "body": gettext_lazy("Details"),
            "happened_at": gettext_lazy("When"),
            "contact": gettext_lazy("With"),
        }
        widgets = {
            "subject": forms.TextInput(attrs={"autocomplete": "off"}),
            "body": forms.Textarea(attrs={"rows": 3}),
            "happened_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format=DATETIME_LOCAL
            ),
        }
        error_messages = {
            "subject": {"required": gettext_lazy("Enter a subject.")},
            "happened_at": {
                "required": gettext_lazy("Enter when it happened."),
                "invalid": gettext_lazy("Enter a date and time, like 2025-03-14 09:30."),
            },
            "contact": {"invalid_choice": gettext_lazy("Choose one of this customer's contacts.")},
            "kind": {"invalid_choice": gettext_lazy("Choose a kind of activity.")},
        }

    def __init__(self, *args, customer: Customer, **kwargs):
        # A new interaction happened now (its model default), shown to the minute in
        # the current time zone; ids are prefixed to stay unique on the record page.
        kwargs.setdefault("instance", Interaction(customer=customer))
        kwargs.setdefault("auto_id", "activity-%s")
        super().__init__(*args, **kwargs)
        # The model default is callable, which makes Django add a hidden "initial" copy
        # of the time; nothing here compares against it.
        self.fields["happened_at"].show_hidden_initial = False
        contact = self.fields["contact"]
        contact.queryset = customer.contacts.only("name", "customer_id")
        contact.empty_label = gettext_lazy("Nobody in particular")


class SupportStatusForm(forms.Form):
    """The status a support request should have: the toggle says which, so a double
    click resolves once rather than resolving and reopening."""

    status = forms.ChoiceField(
        choices=Interaction.SupportStatus.choices,
        error_messages={"invalid_choice": gettext_lazy("Choose open or resolved.")},
    )
