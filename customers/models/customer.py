from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy, pgettext_lazy
from simple_history.models import HistoricalRecords

from customers.core.fields import PhoneNumberField
from customers.core.likeness import MAX_LENGTH as LIKENESS_MAX
from customers.core.likeness import likeness_key
from customers.core.phone import format_phone
from customers.core.search import search_document
from customers.models.shared import optional_link
from customers.models.trash import KeptCustomerManager
from customers.models.versioned import VersionedModel

EMAIL_TAKEN = "email_taken"
KEPT = models.Q(deleted_at__isnull=True)  # outside the trash
SEARCHED_FIELDS = frozenset({"name", "email", "phone", "company"})
LIKENESS_FIELDS = frozenset({"name", "company"})


class CustomerQuerySet(models.QuerySet):
    """Writes in bulk keep the search text in step with what it is made of, as save()
    does; the search index follows the search text (customers/core/search_index.py)."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for customer in objs:
            customer.derive()
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if SEARCHED_FIELDS.intersection(fields):
            objs = list(objs)
            for customer in objs:
                customer.derive()
            fields = {*fields, "search_text", "likeness_key"}
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        # The search text and the likeness key are made in Python (accents stripped),
        # so SQL cannot redo them.
        if SEARCHED_FIELDS.intersection(kwargs) and "search_text" not in kwargs:
            raise TypeError(
                "update() of a customer's name, email, phone or company would leave it "
                "to be found by its old ones: save() each customer (as the services "
                "do), or use bulk_update()."
            )
        return super().update(**kwargs)


class Customer(VersionedModel):
    class Status(models.TextChoices):
        LEAD = "lead", gettext_lazy("Lead")
        PROSPECT = "prospect", gettext_lazy("Prospect")
        ACTIVE = "active", gettext_lazy("Active")
        INACTIVE = "inactive", gettext_lazy("Inactive")

    name = models.CharField(pgettext_lazy("a person or company", "name"), max_length=100)
    email = models.EmailField(gettext_lazy("email"))
    phone = PhoneNumberField(gettext_lazy("phone"), blank=True)
    company = models.CharField(gettext_lazy("company"), max_length=100, blank=True)
    status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=Status, default=Status.LEAD
    )
    owner = optional_link(
        settings.AUTH_USER_MODEL, gettext_lazy("owner"), related_name="owned_customers"
    )
    tags = models.ManyToManyField(
        "customers.Tag", blank=True, related_name="customers", verbose_name=gettext_lazy("tags")
    )
    created_at = models.DateTimeField(gettext_lazy("created"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("updated"), auto_now=True)
    # Folded name, email, phone digits, company and contacts' names
    # (customers/core/search.py), kept in step by save() and the bulk writes; the search
    # index is built on it.
    search_text = models.TextField(editable=False, default="")
    # Its contacts' names, one a line, so that a customer is found by them: kept by every
    # write that adds, renames, moves or deletes a contact (customers/core/contact_names.py).
    contact_names = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)  # see VersionedModel
    # The folded name and company (customers/core/likeness.py), kept in step as the search
    # text is; None for a name that folds to nothing. Customers sharing it, or a phone
    # number, look like the same one (customers/core/duplicates.py). NULL rather than "":
    # it is like nothing, the index leaves it out, and SQLite adds a nullable column to a
    # million rows without rebuilding the table.
    likeness_key = models.CharField(  # noqa: DJ001
        max_length=LIKENESS_MAX, null=True, blank=True, editable=False
    )
    derived_from = {
        "search_text": SEARCHED_FIELDS | {"contact_names"},
        "likeness_key": LIKENESS_FIELDS,
    }
    # The earliest open follow-up's due day, kept by the follow-ups' services
    # (customers/followups/services.py): the grid shows and sorts by it from an index, where
    # a subquery per row could not be sorted on without reading every customer.
    next_step_due = models.DateField(
        gettext_lazy("next step"), null=True, blank=True, editable=False
    )
    deleted_at = models.DateTimeField(
        gettext_lazy("deleted"), null=True, blank=True, editable=False
    )
    deleted_by = optional_link(settings.AUTH_USER_MODEL, gettext_lazy("deleted by"), editable=False)

    history = HistoricalRecords(
        excluded_fields=["search_text", "contact_names", "likeness_key", "next_step_due"],
        m2m_fields=[tags],
    )
    all_objects = CustomerQuerySet.as_manager()  # the trash included
    objects = KeptCustomerManager.from_queryset(CustomerQuerySet)()

    class Meta:
        verbose_name = gettext_lazy("customer")
        verbose_name_plural = gettext_lazy("customers")
        default_manager_name = "objects"
        permissions = [
            ("reassign_owner", "Can reassign the owner of customers and deals"),
            ("change_others_records", "Can change and delete records other users own"),
            ("purge_customer", "Can purge customers from the trash"),
        ]
        constraints = [
            # A customer in the trash does not hold on to its email address.
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(deleted_at__isnull=True),
                name="customer_email_ci_unique",
                violation_error_code=EMAIL_TAKEN,
                violation_error_message=gettext_lazy(
                    "Another customer already has this email address."
                ),
            ),
        ]
        # One index per sortable column, with the id as tie-breaker, so every sort
        # (and its stable paging) walks an index instead of sorting the table. They
        # hold customers outside the trash only, which is what lists show: a walk
        # needs no look at the row to leave the trash out, so skipping 50,000 rows to
        # a deep page takes milliseconds.
        indexes = [
            models.Index(fields=["name", "id"], name="customer_name_idx", condition=KEPT),
            models.Index(fields=["email", "id"], name="customer_email_idx", condition=KEPT),
            models.Index(fields=["phone", "id"], name="customer_phone_idx", condition=KEPT),
            models.Index(fields=["company", "id"], name="customer_company_idx", condition=KEPT),
            models.Index(fields=["status", "id"], name="customer_status_idx", condition=KEPT),
            models.Index(fields=["created_at", "id"], name="customer_created_idx", condition=KEPT),
            # New customers per month and owner (the reports), from the index alone:
            # SQLite reads the rows too unless the condition's column is in it as well.
            models.Index(
                fields=["created_at", "owner", "deleted_at"],
                name="customer_created_owner_idx",
                condition=KEPT,
            ),
            models.Index(
                fields=["next_step_due", "id"], name="customer_next_step_idx", condition=KEPT
            ),
            # Customers that look like one (customers/core/duplicates.py): the phone has
            # customer_phone_idx above; blanks are like nothing, so they are left out.
            models.Index(
                fields=["likeness_key", "id"],
                name="customer_likeness_idx",
                condition=KEPT & models.Q(likeness_key__isnull=False),
            ),
            # The trash, newest first.
            models.Index(
                fields=["deleted_at", "id"],
                name="customer_trash_idx",
                condition=models.Q(deleted_at__isnull=False),
            ),
        ]

    def __str__(self):
        return self.name

    def derive(self):
        self.search_text = search_document(
            name=self.name,
            email=self.email,
            phone=self.phone,
            company=self.company,
            contacts=self.contact_names,
        )
        self.likeness_key = likeness_key(name=self.name, company=self.company)

    def get_absolute_url(self):
        return reverse("customer_detail", args=[self.pk])

    def validate_constraints(self, exclude=None):
        """Report a taken email on the email field, where the user will look for it."""
        # The email must be unique only outside the trash; a form has no `deleted_at`
        # field, but the instance knows whether it is in the trash.
        exclude = set(exclude or ()) - {"deleted_at"}
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            errors = error.error_dict
            general = errors.pop(NON_FIELD_ERRORS, [])
            taken = [e for e in general if e.code == EMAIL_TAKEN]
            if taken:
                errors.setdefault("email", []).extend(taken)
            if rest := [e for e in general if e.code != EMAIL_TAKEN]:
                errors[NON_FIELD_ERRORS] = rest
            raise ValidationError(errors) from None

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)
