from django.db import models
from django.utils.translation import gettext_lazy, pgettext_lazy
from simple_history.models import HistoricalRecords

from customers.core.fields import PhoneNumberField
from customers.core.phone import format_phone
from customers.models.versioned import VersionedModel


class Contact(VersionedModel):
    """A person at a customer. At most one per customer is the primary contact."""

    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=gettext_lazy("customer"),
    )
    name = models.CharField(pgettext_lazy("a person or company", "name"), max_length=100)
    title = models.CharField(gettext_lazy("role"), max_length=100, blank=True)
    # Validated, but not unique: one person may be a contact at several customers.
    email = models.EmailField(gettext_lazy("email"), blank=True)
    phone = PhoneNumberField(gettext_lazy("phone"), blank=True)
    is_primary = models.BooleanField(gettext_lazy("primary contact"), default=False)
    created_at = models.DateTimeField(gettext_lazy("created"), auto_now_add=True)
    # Edits from a stale form are merged or refused as for customers and deals.
    version = models.PositiveIntegerField(default=1, editable=False)  # see VersionedModel

    history = HistoricalRecords()

    class Meta:
        verbose_name = gettext_lazy("contact")
        verbose_name_plural = gettext_lazy("contacts")
        ordering = ["-is_primary", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer"],
                condition=models.Q(is_primary=True),
                name="contact_one_primary_per_customer",
                violation_error_message=gettext_lazy(
                    "This customer already has a primary contact."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)
