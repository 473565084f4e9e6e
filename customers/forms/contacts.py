from django import forms

from customers.models import Contact


class ContactForm(forms.ModelForm):
    """A person at a customer. The email is checked for shape only: one person may be a
    contact at several customers."""

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
            "name": {"required": "Enter the contact's name."},
            "email": {"invalid": "Enter a valid email address, like name@example.com."},
        }
