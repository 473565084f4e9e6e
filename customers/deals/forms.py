"""The deal form and the board's small move form."""

from django import forms
from django.db.models.functions import Lower
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.core.owners import OwnerChoiceField
from customers.core.versioned import VersionedFormMixin
from customers.models import ClosingReason, Customer, Deal, LeadSource, Stage
from ui.forms import refuse_nul

AMOUNT_ERRORS = {
    "required": gettext_lazy("Enter the amount."),
    "invalid": gettext_lazy("Enter the amount as a number, like 12000 or 12000.50."),
    "min_value": gettext_lazy("The amount cannot be negative."),
    "max_digits": gettext_lazy("That amount is too large."),
    "max_whole_digits": gettext_lazy("That amount is too large."),
    "max_decimal_places": gettext_lazy("Use at most two decimal places."),
}


class CustomerLookupField(forms.Field):
    """A customer, typed as their email address or their exact name.

    A <select> of every customer would not scale, so the user types who the deal is
    for and the server finds them: by email (unique, so never ambiguous), else by
    name. No list of customers is ever loaded, and it works without JavaScript.
    """

    widget = forms.TextInput
    default_error_messages = {
        "required": gettext_lazy("Enter the customer's email address or name."),
        "unknown": gettext_lazy("No customer has this email address or name."),
        "ambiguous": gettext_lazy(
            "Several customers are called “%(name)s”; enter their email address."
        ),
    }

    def prepare_value(self, value):
        if isinstance(value, Customer):
            return value.email
        if isinstance(value, int):
            customer = Customer.objects.filter(pk=value).only("email").first()
            return customer.email if customer else ""
        return value

    def to_python(self, value):
        if isinstance(value, Customer):
            return value
        text = refuse_nul((value or "").strip())
        if not text:
            return None
        by_email = (
            Customer.objects.alias(folded_email=Lower("email")).filter(folded_email=text.lower())
        ).first()
        if by_email:
            return by_email
        by_name = list(Customer.objects.filter(name__iexact=text)[:2])
        if len(by_name) > 1:
            raise forms.ValidationError(
                self.error_messages["ambiguous"], code="ambiguous", params={"name": text}
            )
        if not by_name:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown")
        return by_name[0]

    def has_changed(self, initial, data):
        initial_email = self.prepare_value(initial) or ""
        return initial_email.lower() != (data or "").strip().lower()


class DealForm(VersionedFormMixin, forms.ModelForm):
    customer = CustomerLookupField(
        label=gettext_lazy("Customer"),
        help_text=gettext_lazy("Their email address, or their exact name."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "placeholder": gettext_lazy("Email address or exact name"),
                # Suggestions as the user types (htmx fills the datalist); typing the
                # email or name in full works as well, with or without JavaScript.
                "list": "deal-customer-suggestions",
                "hx-get": reverse_lazy("deal_customer_suggestions"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": "#deal-customer-suggestions",
                "hx-swap": "outerHTML",
                "hx-sync": "this:replace",
                "hx-disabled-elt": "unset",
            }
        ),
    )
    owner = OwnerChoiceField()

    class Meta:
        model = Deal
        fields = [
            "customer",
            "title",
            "amount",
            "currency",
            "stage",
            "expected_close",
            "owner",
            "lead_source",
            "closing_reason",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "amount": forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
            "expected_close": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        # Here rather than as the model's verbose names, which would need a migration.
        labels = {
            "title": gettext_lazy("Title"),
            "amount": gettext_lazy("Amount"),
            "currency": gettext_lazy("Currency"),
            "stage": gettext_lazy("Stage"),
            "expected_close": gettext_lazy("Expected close"),
            "owner": gettext_lazy("Owner"),
            "lead_source": gettext_lazy("Lead source"),
            "closing_reason": gettext_lazy("Reason lost"),
        }
        help_texts = {"closing_reason": gettext_lazy("Only for a lost deal.")}
        error_messages = {
            "title": {"required": gettext_lazy("Enter a title for the deal.")},
            "amount": AMOUNT_ERRORS,
            "stage": {"required": gettext_lazy("Choose a stage.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = Stage.objects.all()
        self.fields["stage"].empty_label = None
        self.fields["lead_source"].queryset = LeadSource.objects.all()
        self.fields["lead_source"].empty_label = gettext_lazy("Unknown")
        self.fields["closing_reason"].queryset = ClosingReason.objects.all()
        self.fields["closing_reason"].empty_label = gettext_lazy("Not lost")
        self.fields["owner"].keep(self.instance.owner_id)


class DealMoveForm(VersionedFormMixin, forms.ModelForm):
    """A card's stage select; a lost stage also needs the reason (checked by the model)."""

    class Meta:
        model = Deal
        fields = ["stage", "closing_reason"]
        labels = {"stage": gettext_lazy("Stage"), "closing_reason": gettext_lazy("Reason lost")}
        error_messages = {"stage": {"required": gettext_lazy("Choose a stage.")}}

    def __init__(self, *args, stages=None, closing_reasons=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The board has these already; reuse them rather than ask again per card.
        if stages is not None:
            self.fields["stage"].queryset = stages
        if closing_reasons is not None:
            self.fields["closing_reason"].queryset = closing_reasons
        self.fields["closing_reason"].empty_label = gettext_lazy("Choose a reason")

    def conflict_note(self, name, theirs, who):
        if name == "stage":
            return _("Moved meanwhile to {stage} by {who}").format(stage=theirs, who=who)
        return super().conflict_note(name, theirs, who)
