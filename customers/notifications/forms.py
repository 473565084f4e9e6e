from django import forms

from customers.models import UserPreference


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = UserPreference
        fields = ["reminder_email"]
