from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from customers.emails.placeholders import NAMES
from customers.models import EmailTemplate
from customers.models.email import SUBJECT_MAX

PLACEHOLDER_HELP = format_lazy(
    _("Filled in when sent: {names}."), names=", ".join(f"{{{{ {name} }}}}" for name in NAMES)
)


class ComposeForm(forms.Form):
    """To, subject and body of an email from the record; a template may fill the last two."""

    to = forms.EmailField(label=_("To"), max_length=254)
    template = forms.ModelChoiceField(
        queryset=EmailTemplate.objects.all(),
        required=False,
        label=_("Template"),
        empty_label=_("No template"),
        help_text=_("Fills in the subject and the body."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    body = forms.CharField(
        label=_("Body"), widget=forms.Textarea(attrs={"rows": 12}), help_text=PLACEHOLDER_HELP
    )


class EmailTemplateForm(forms.ModelForm):
    class Meta:
        model = EmailTemplate
        fields = ["name", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}
        labels = {"name": _("Name"), "subject": _("Subject"), "body": _("Body")}
        help_texts = {"body": PLACEHOLDER_HELP}
