from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from customers.models.shared import optional_link


class MergeRecord(models.Model):
    """One customer merged into another: what moved, and what it overwrote, so the merge
    can be undone exactly (customers/core/merge.py). The merged customer is in the trash
    while its record is here: the trash says "merged into" the survivor by it, and
    undoing the merge deletes it. Purging either customer takes it along.

    `moved` holds the ids of what went from the merged customer to the survivor, by kind
    ("contacts", "interactions", "deals", "followups"), the tags the survivor gained, and
    the contacts that lost their primary mark on the way. `overwritten` holds the
    survivor's values the merge replaced, and `picked` the values it put there: undoing
    puts back only those still as the merge left them, never a later edit.
    """

    survivor = models.ForeignKey(
        "customers.Customer",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=gettext_lazy("survivor"),
    )
    merged = models.ForeignKey(
        "customers.Customer",
        on_delete=models.CASCADE,
        related_name="merge_records",
        verbose_name=gettext_lazy("merged customer"),
    )
    merged_at = models.DateTimeField(gettext_lazy("merged"), auto_now_add=True)
    merged_by = optional_link(settings.AUTH_USER_MODEL, gettext_lazy("merged by"))
    moved = models.JSONField(default=dict)
    overwritten = models.JSONField(default=dict)
    picked = models.JSONField(default=dict)

    class Meta:
        verbose_name = gettext_lazy("merge")
        verbose_name_plural = gettext_lazy("merges")

    def __str__(self):
        return f"{self.merged_id} → {self.survivor_id}"
