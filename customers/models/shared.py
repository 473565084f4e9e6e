"""Model pieces that several kinds of record share."""

from django.db import models


def optional_link(to, verbose_name, *, related_name="+", **options) -> models.ForeignKey:
    """A link that may be empty, and is emptied when what it points at is deleted: losing
    a user, a deal or a contact never takes this row with it. Blank unless said not, so
    a form may leave it empty; no way back from the other row unless named."""
    options.setdefault("blank", True)
    return models.ForeignKey(
        to,
        on_delete=models.SET_NULL,
        null=True,
        related_name=related_name,
        verbose_name=verbose_name,
        **options,
    )


class FileFormat(models.TextChoices):
    """The spreadsheet files the CRM reads and writes."""

    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"
