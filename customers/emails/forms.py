from django import forms

from customers.emails.placeholders import NAMES
from customers.models import EmailTemplate
from customers.models.email import SUBJECT_MAX

PLACEHOLDER_HELP = "Filled in when sent: " + ", ".join(f"{{{{ {name} }}}}" for name in NAMES) + "."


class ComposeForm(forms.Form):
    """To, subject and body of an email from the record; a template may fill the last two."""

    to = forms.EmailField(label="To", max_length=254)
    template = forms.ModelChoiceField(
        queryset=EmailTemplate.objects.all(),
        required=False,
        empty_label="No template",
        help_text="Fills in the subject and the body.",
    )
    subject = forms.CharField(max_length=SUBJECT_MAX)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}), help_text=PLACEHOLDER_HELP)


class EmailTemplateForm(forms.ModelForm):
    class Meta:
        model = EmailTemplate
        fields = ["name", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        help_texts = {"body": PLACEHOLDER_HELP}
