from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_lazy

from customers.models.shared import FileFormat, optional_link


class ExportLog(models.Model):
    """Who took which records out of the CRM, and when: a whole database leaving in a
    file is an event an administrator wants to be able to see afterwards.

    Written when the export starts (so a download broken off halfway is still on
    record) and completed with the number of rows once the last one has left.
    """

    class Kind(models.TextChoices):
        CUSTOMERS = "customers", gettext_lazy("Customers")
        CONTACTS = "contacts", gettext_lazy("Contacts")
        ACTIVITY = "activity", gettext_lazy("Activity")
        DEALS = "deals", gettext_lazy("Deals")
        RECORD = "record", gettext_lazy("Customer record")

    Format = FileFormat

    user = optional_link(settings.AUTH_USER_MODEL, gettext_lazy("user"), blank=False)
    kind = models.CharField(gettext_lazy("kind"), max_length=10, choices=Kind)
    # The list's search, filters and sort as they were in the URL (or the customer's id).
    query = models.TextField(gettext_lazy("filters"), blank=True)
    columns = models.CharField(gettext_lazy("columns"), max_length=10, blank=True)
    format = models.CharField(gettext_lazy("format"), max_length=4, choices=Format)
    # None until the export has finished: broken off, or still running.
    row_count = models.PositiveIntegerField(gettext_lazy("rows"), null=True, blank=True)
    created_at = models.DateTimeField(gettext_lazy("started"), auto_now_add=True)
    finished_at = models.DateTimeField(gettext_lazy("finished"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("export")
        verbose_name_plural = gettext_lazy("export log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_at", "id"], name="exportlog_created_idx")]

    def __str__(self):
        return gettext("{kind} ({format}), {started}").format(
            kind=self.get_kind_display(),
            format=self.get_format_display(),
            started=f"{self.created_at:%Y-%m-%d %H:%M}",
        )

    @property
    def finished(self) -> bool:
        return self.finished_at is not None
