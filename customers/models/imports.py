"""Imports of customers from a spreadsheet: the run, and what became of its rows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_lazy

from customers.models.shared import FileFormat, optional_link


class ImportRun(models.Model):
    """One uploaded file and its import, from upload to the last row.

    `done_rows` is how many data rows (after the header) are written and counted; it
    moves only in the transaction that writes those rows, so after a crash the import
    goes on from there without writing any row twice.
    """

    Kind = FileFormat

    class Status(models.TextChoices):
        UPLOADED = "uploaded", gettext_lazy("Waiting for its mapping")
        QUEUED = "queued", gettext_lazy("Queued")
        RUNNING = "running", gettext_lazy("Running")
        DONE = "done", gettext_lazy("Done")
        FAILED = "failed", gettext_lazy("Failed")
        UNDOING = "undoing", gettext_lazy("Being undone")
        UNDONE = "undone", gettext_lazy("Undone")

    class Target(models.TextChoices):
        CUSTOMERS = "customers", gettext_lazy("Customers")
        CONTACTS = "contacts", gettext_lazy("Contacts")
        ACTIVITY = "activity", gettext_lazy("Activity")

    class OnDuplicate(models.TextChoices):
        SKIP = "skip", gettext_lazy("Skip the row")
        FILL = "fill", gettext_lazy("Fill the customer's empty fields")
        OVERWRITE = "overwrite", gettext_lazy("Overwrite the customer's fields")

    user = optional_link(settings.AUTH_USER_MODEL, gettext_lazy("user"), blank=False)
    file = models.FileField(gettext_lazy("file"), upload_to="imports/%Y/%m/")
    file_name = models.CharField(gettext_lazy("file name"), max_length=255)
    kind = models.CharField(gettext_lazy("kind"), max_length=4, choices=Kind)
    # What its rows become; runs from before there was a choice imported customers.
    target = models.CharField(
        gettext_lazy("brings in"), max_length=10, choices=Target, default=Target.CUSTOMERS
    )
    encoding = models.CharField(gettext_lazy("encoding"), max_length=20, blank=True)  # CSV only
    delimiter = models.CharField(gettext_lazy("delimiter"), max_length=1, blank=True)  # CSV only
    sheet = models.CharField(gettext_lazy("sheet"), max_length=100, blank=True)  # XLSX only
    headers = models.JSONField(gettext_lazy("headers"), default=list)
    # The folded headers, to find the mapping last used for the same columns.
    headers_key = models.CharField(max_length=64, db_index=False)
    mapping = models.JSONField(
        gettext_lazy("mapping"), default=list
    )  # a field name (or "") per column
    on_duplicate = models.CharField(
        gettext_lazy("duplicates"), max_length=10, choices=OnDuplicate, default=OnDuplicate.SKIP
    )
    status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=Status, default=Status.UPLOADED
    )
    task_id = models.CharField(max_length=64, blank=True)
    # Counted by the worker.
    total_rows = models.PositiveIntegerField(gettext_lazy("rows"), null=True, blank=True)
    done_rows = models.PositiveIntegerField(gettext_lazy("rows done"), default=0)
    created_count = models.PositiveIntegerField(gettext_lazy("created"), default=0)
    updated_count = models.PositiveIntegerField(gettext_lazy("updated"), default=0)
    skipped_count = models.PositiveIntegerField(gettext_lazy("skipped"), default=0)
    failed_count = models.PositiveIntegerField(gettext_lazy("failed"), default=0)
    # Why the whole import stopped, if it did.
    failure = models.TextField(gettext_lazy("failure"), blank=True)
    created_at = models.DateTimeField(gettext_lazy("uploaded"), auto_now_add=True)
    started_at = models.DateTimeField(gettext_lazy("started"), null=True, blank=True)
    finished_at = models.DateTimeField(gettext_lazy("finished"), null=True, blank=True)
    updated_at = models.DateTimeField(gettext_lazy("updated"), auto_now=True)
    # What undoing it did: customers moved to the trash, restored, and those left as
    # they are because someone edited them after the import ({"kept": [names]}).
    undo_report = models.JSONField(gettext_lazy("undo report"), default=dict, blank=True)

    class Meta:
        verbose_name = gettext_lazy("import")
        verbose_name_plural = gettext_lazy("imports")
        indexes = [
            # "Imports", newest first.
            models.Index(fields=["-created_at", "-id"], name="import_newest_idx"),
            # The mapping a user last chose for these columns.
            models.Index(fields=["user", "headers_key", "-id"], name="import_mapping_idx"),
        ]

    def __str__(self):
        return self.file_name

    def get_policy_display(self) -> str:
        """The duplicate policy in the words of what the import brings in."""
        if self.target == self.Target.CONTACTS:
            return str(CONTACT_POLICIES[self.on_duplicate])
        return self.get_on_duplicate_display()

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING, self.Status.UNDOING)


# What the policies do to a contact its customer already has (a contacts import).
CONTACT_POLICIES = {
    ImportRun.OnDuplicate.SKIP: gettext_lazy("Skip the row"),
    ImportRun.OnDuplicate.FILL: gettext_lazy("Fill the contact's empty fields"),
    ImportRun.OnDuplicate.OVERWRITE: gettext_lazy("Overwrite the contact's fields"),
}


class ImportRow(models.Model):
    """What became of one row of an import: the customer it created or updated (and
    what it overwrote), or why it was skipped or failed. Failed rows keep their
    original cells for the report."""

    class Outcome(models.TextChoices):
        CREATED = "created", gettext_lazy("Created")
        UPDATED = "updated", gettext_lazy("Updated")
        SKIPPED = "skipped", gettext_lazy("Skipped")
        FAILED = "failed", gettext_lazy("Failed")

    run = models.ForeignKey(
        ImportRun,
        on_delete=models.CASCADE,
        related_name="rows",
        verbose_name=gettext_lazy("import"),
    )
    # The row's line in the file, header = 1.
    number = models.PositiveIntegerField(gettext_lazy("row"))
    outcome = models.CharField(gettext_lazy("outcome"), max_length=10, choices=Outcome)
    customer = optional_link("customers.Customer", gettext_lazy("customer"))
    # The contact or activity entry the row created or updated (contact and activity
    # imports; `customer` is then the one it belongs to), for the undo.
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    # Lower-cased, to find duplicates.
    email = models.CharField(gettext_lazy("email"), max_length=254, blank=True)
    cells = models.JSONField(gettext_lazy("cells"), default=list, blank=True)  # failed rows only
    # An updated customer's fields before the import changed them (to undo it).
    previous = models.JSONField(gettext_lazy("previous values"), default=dict, blank=True)
    message = models.TextField(gettext_lazy("message"), blank=True)

    class Meta:
        verbose_name = gettext_lazy("import row")
        verbose_name_plural = gettext_lazy("import rows")
        ordering = ["run", "number"]
        indexes = [
            models.Index(fields=["run", "outcome", "number"], name="import_row_outcome_idx"),
            models.Index(fields=["run", "email"], name="import_row_email_idx"),
        ]

    def __str__(self):
        return gettext("Row {number}: {outcome}").format(
            number=self.number, outcome=self.get_outcome_display()
        )
