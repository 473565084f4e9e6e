from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from customers.core.phone import format_phone, normalize_phone


class PhoneFormField(forms.CharField):
    """Accepts a number as people type it and cleans it to E.164."""

    def to_python(self, value):
        return normalize_phone(super().to_python(value))

    def prepare_value(self, value):
        # Show a stored number as people write it, not as it is stored.
        return format_phone(value) if value and value.startswith("+") else value

    def has_changed(self, initial, data):
        try:
            return self.to_python(initial) != self.to_python(data)
        except ValidationError:
            return True


class PhoneNumberField(models.CharField):
    """A phone number in E.164, normalised whenever the model is cleaned."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 16)  # "+" and at most 15 digits
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return normalize_phone(super().to_python(value))

    def formfield(self, **kwargs):
        # The typed form ("+44 (20) 7946-0958") is longer than what is stored.
        return super().formfield(**{"form_class": PhoneFormField, "max_length": 40, **kwargs})
