"""The follow-up forms: the record's quick gettext_lazy("Next step"), the full task form, snooze,
complete, and the filters of "My work"."""

import datetime

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.core.owners import UserChoiceField, possible_owners
from customers.core.versioned import VersionedFormMixin
from customers.deals.forms import CustomerLookupField
from customers.models import Contact, Customer, Deal, FollowUp, Interaction
from customers.models.followup import TITLE_MAX

# Far-off days would overflow once turned into datetimes (the calendar feed).
EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2999, 12, 31)
DATE_ERRORS = {"invalid": gettext_lazy("Enter a date like 2026-12-24.")}
TITLE_ERRORS = {
    "required": gettext_lazy("Enter what needs doing."),
    "max_length": format_lazy(
        gettext_lazy("Keep the title to {count} characters; put the rest in the description."),
        count=TITLE_MAX,
    ),
}
# The quick form's one-click days: the button's value -> days from today.
WHENS = {"today": 0, "tomorrow": 1, "next_week": 7}
SNOOZES = {"day": 1, "week": 7}
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SUPPORT_REQUEST_CHOICE = gettext_lazy("Choose one of this customer's open support requests.")


def fit_to(form: forms.Form, error: ValidationError) -> ValidationError:
    """`error` with what is about a field the form does not show (the customer of the
    record's quick form, say) said at the top of the form instead of lost in a 500."""
    if not hasattr(error, "error_dict"):
        return error
    fitted = {}
    for name, errors in error.error_dict.items():
        key = name if name in form.fields else NON_FIELD_ERRORS
        fitted.setdefault(key, []).extend(errors)
    return ValidationError(fitted)


def sensible(day: datetime.date | None) -> datetime.date | None:
    if day is not None and not EARLIEST <= day <= LATEST:
        raise forms.ValidationError(_("Enter a date from 1900 to 2999."))
    return day


class TaskCustomerField(CustomerLookupField):
    """The deal form's customer lookup, telling a customer in the trash apart from an
    unknown one: a task cannot go on the former."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            text = (value or "").strip()
            trashed = Customer.all_objects.filter(deleted_at__isnull=False)
            if text and (
                trashed.filter(email__iexact=text).exists()
                or trashed.filter(name__iexact=text).exists()
            ):
                raise forms.ValidationError(
                    _("This customer is in the trash: restore it before adding tasks to it."),
                    code="in_trash",
                ) from error
            raise


class QuickTaskForm(forms.Form):
    """The record page's gettext_lazy("Next step"): what, and when. "Today", "Tomorrow" and "Next
    week" are submit buttons (name `when`), so one click picks the day and saves, with
    or without JavaScript; or a date from the picker and "Add"."""

    title = forms.CharField(
        label=gettext_lazy("Next step"),
        max_length=TITLE_MAX,
        error_messages=TITLE_ERRORS,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "placeholder": gettext_lazy("Call back, send the quote…")}
        ),
    )
    due_date = forms.DateField(
        label=gettext_lazy("Due"), required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS
    )

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_due_date(self):
        return sensible(self.cleaned_data.get("due_date"))

    def clean(self):
        cleaned = super().clean()
        when = self.data.get("when", "")
        if when in WHENS:
            cleaned["due_date"] = self.today + datetime.timedelta(days=WHENS[when])
        elif not cleaned.get("due_date") and "due_date" not in self.errors:
            self.add_error("due_date", _("Choose a day, or press Today, Tomorrow or Next week."))
        return cleaned


class TaskForm(forms.ModelForm):
    """The full task form (/tasks/new/), prefilled with a customer and a deal when it
    comes from a record, a deal or a grid row. The deal and contact choices are the
    customer's own; the assignee is offered only to who may give tasks to others."""

    customer = TaskCustomerField(
        label=gettext_lazy("Customer"),
        help_text=gettext_lazy("Their email address, or their exact name."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    assignee = UserChoiceField(
        queryset=possible_owners(),
        label=gettext_lazy("Assignee"),
        required=False,
        empty_label=gettext_lazy("Me"),
        error_messages={"invalid_choice": gettext_lazy("Choose someone from the list.")},
    )

    class Meta:
        model = FollowUp
        fields = [
            "customer",
            "title",
            "due_date",
            "due_time",
            "priority",
            "assignee",
            "deal",
            "contact",
            "support_request",
            "description",
        ]
        widgets = {
            "title": forms.TextInput(attrs={"autocomplete": "off"}),
            "due_date": DATE_WIDGET,
            "due_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        # Here rather than as the model's verbose names, which would need a migration.
        labels = {
            "title": gettext_lazy("Title"),
            "due_date": gettext_lazy("Due"),
            "due_time": gettext_lazy("Time"),
            "priority": gettext_lazy("Priority"),
            "deal": gettext_lazy("Deal"),
            "contact": gettext_lazy("Contact"),
            "support_request": gettext_lazy("Support request"),
            "description": gettext_lazy("Description"),
        }
        error_messages = {
            "title": TITLE_ERRORS,
            "due_date": {"required": gettext_lazy("Choose the day it is due."), **DATE_ERRORS},
            "due_time": {"invalid": gettext_lazy("Enter a time like 14:30.")},
            "deal": {"invalid_choice": gettext_lazy("Choose one of this customer's deals.")},
            "contact": {"invalid_choice": gettext_lazy("Choose one of this customer's contacts.")},
            "support_request": {"invalid_choice": SUPPORT_REQUEST_CHOICE},
        }

    def __init__(self, *args, customer: Customer | None = None, may_assign=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].initial = FollowUp.Priority.NORMAL
        if not may_assign:
            del self.fields["assignee"]
        # The deals and contacts offered are those of the customer the form is about:
        # the one it was opened for, or the one typed (then checked again on save).
        customer = self._posted_customer() or customer
        self.fields["deal"].queryset = (
            Deal.objects.filter(customer=customer).only("title")
            if customer
            else Deal.objects.none()
        )
        self.fields["deal"].empty_label = gettext_lazy("No deal")
        self.fields["contact"].queryset = (
            Contact.objects.filter(customer=customer).only("name")
            if customer
            else Contact.objects.none()
        )
        self.fields["contact"].empty_label = gettext_lazy("Nobody in particular")
        self.fields["support_request"].queryset = self._support_requests(customer)
        self.fields["support_request"].empty_label = gettext_lazy("No support request")

    def _support_requests(self, customer: Customer | None):
        """The customer's open support requests, and the one the task is on already
        (resolved since, it stays its own)."""
        if customer is None:
            return Interaction.objects.none()
        which = Q(support_status=Interaction.SupportStatus.OPEN)
        if self.instance.support_request_id:
            which |= Q(pk=self.instance.support_request_id)
        return Interaction.objects.filter(
            which, customer=customer, kind=Interaction.Kind.SUPPORT
        ).only("subject")

    def _posted_customer(self) -> Customer | None:
        if not self.is_bound:
            return None
        try:
            return self.fields["customer"].clean(self.data.get("customer"))
        except forms.ValidationError:
            return None

    def clean_due_date(self):
        return sensible(self.cleaned_data.get("due_date"))


class TaskEditForm(VersionedFormMixin, TaskForm):
    """The full form on a task that exists. Its customer stays: a task is the customer's
    (to move it, add one on the other customer); the deals and contacts are its own."""

    customer = None

    class Meta(TaskForm.Meta):
        fields = [name for name in TaskForm.Meta.fields if name != "customer"]

    def _posted_customer(self) -> Customer | None:
        return None


class SnoozeForm(forms.Form):
    """+1 day, +1 week (buttons named `by`), or a chosen date (`until`).

    A day or a week from `today` (pass the later of today and the task's due day: an
    overdue task moves from today, a task for next month does not come forward)."""

    by = forms.ChoiceField(choices=[(k, k) for k in SNOOZES], required=False)
    until = forms.DateField(required=False, widget=DATE_WIDGET, error_messages=DATE_ERRORS)

    def __init__(self, *args, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_until(self):
        return sensible(self.cleaned_data.get("until"))

    def clean(self):
        cleaned = super().clean()
        if by := cleaned.get("by"):
            cleaned["until"] = self.today + datetime.timedelta(days=SNOOZES[by])
        elif not cleaned.get("until") and "until" not in self.errors:
            self.add_error("until", _("Choose the day to move it to."))
        return cleaned


class CompleteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, max_length=5000, widget=forms.Textarea
    )
    follow_up = forms.ChoiceField(
        choices=[("", gettext_lazy("No")), ("week", gettext_lazy("In a week"))], required=False
    )


class TaskFilterForm(forms.Form):
    """My work's filters. Only managers choose whose tasks (anyone's, or everyone's)."""

    EVERYONE = "all"

    assignee = forms.ChoiceField(label=gettext_lazy("Assignee"), required=False)
    priority = forms.TypedChoiceField(
        label=gettext_lazy("Priority"),
        choices=[("", gettext_lazy("Any priority")), *FollowUp.Priority.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Customer status"),
        choices=[("", gettext_lazy("Any status")), *Customer.Status.choices],
        required=False,
    )

    def __init__(self, *args, choose_assignee: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if choose_assignee:
            users = [
                (str(u.pk), UserChoiceField.label_from_instance(None, u)) for u in possible_owners()
            ]
            self.fields["assignee"].choices = [
                ("", gettext_lazy("Me")),
                (self.EVERYONE, gettext_lazy("Everyone")),
                *users,
            ]
        else:
            del self.fields["assignee"]
