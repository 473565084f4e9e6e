from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy
from simple_history.models import HistoricalRecords

from customers.core.search import indexed_text
from customers.models.shared import optional_link
from customers.models.trash import OfKeptCustomerManager
from customers.models.versioned import VersionedModel


class Stage(models.Model):
    """A column of the pipeline board. Admins may rename, reorder and add them."""

    class Outcome(models.TextChoices):
        OPEN = "open", gettext_lazy("Open")
        WON = "won", gettext_lazy("Won")
        LOST = "lost", gettext_lazy("Lost")

    name = models.CharField(gettext_lazy("name"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(gettext_lazy("position"), default=0)
    outcome = models.CharField(
        gettext_lazy("outcome"), max_length=4, choices=Outcome, default=Outcome.OPEN
    )
    # How likely a deal in this stage is to be won: the pipeline report weighs the open
    # deals' amounts by it.
    probability = models.PositiveSmallIntegerField(
        gettext_lazy("win probability (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
        help_text=gettext_lazy("From 0 to 100: how likely a deal in this stage is to be won."),
    )

    class Meta:
        verbose_name = gettext_lazy("stage")
        verbose_name_plural = gettext_lazy("stages")
        ordering = ["position", "id"]

    def __str__(self):
        return self.name

    @property
    def is_lost(self) -> bool:
        return self.outcome == self.Outcome.LOST

    @property
    def is_closed(self) -> bool:
        return self.outcome != self.Outcome.OPEN


class ListItem(models.Model):
    """An entry of a short list that admins keep in order."""

    name = models.CharField(gettext_lazy("name"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(gettext_lazy("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class ClosingReason(ListItem):
    """Why a deal was lost."""

    class Meta(ListItem.Meta):
        verbose_name = gettext_lazy("reason lost")
        verbose_name_plural = gettext_lazy("reasons lost")


class LeadSource(ListItem):
    """Where a deal came from."""

    class Meta(ListItem.Meta):
        verbose_name = gettext_lazy("lead source")
        verbose_name_plural = gettext_lazy("lead sources")


class Currency(models.TextChoices):
    USD = "USD", gettext_lazy("USD – US dollar")
    EUR = "EUR", gettext_lazy("EUR – Euro")
    GBP = "GBP", gettext_lazy("GBP – Pound sterling")
    CHF = "CHF", gettext_lazy("CHF – Swiss franc")
    CAD = "CAD", gettext_lazy("CAD – Canadian dollar")
    AUD = "AUD", gettext_lazy("AUD – Australian dollar")
    JPY = "JPY", gettext_lazy("JPY – Japanese yen")
    SEK = "SEK", gettext_lazy("SEK – Swedish krona")


class Deal(VersionedModel):
    customer = models.ForeignKey(
        "customers.Customer",
        on_delete=models.CASCADE,
        related_name="deals",
        verbose_name=gettext_lazy("customer"),
    )
    title = models.CharField(gettext_lazy("title"), max_length=200)
    amount = models.DecimalField(
        gettext_lazy("amount"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(
        gettext_lazy("currency"), max_length=3, choices=Currency, default=Currency.USD
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="deals", verbose_name=gettext_lazy("stage")
    )
    expected_close = models.DateField(gettext_lazy("expected close"), null=True, blank=True)
    owner = optional_link(
        settings.AUTH_USER_MODEL, gettext_lazy("owner"), related_name="owned_deals"
    )
    closing_reason = models.ForeignKey(
        ClosingReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deals",
        verbose_name=gettext_lazy("reason lost"),
    )
    lead_source = optional_link(LeadSource, gettext_lazy("lead source"), related_name="deals")
    created_at = models.DateTimeField(gettext_lazy("created"), auto_now_add=True)
    updated_at = models.DateTimeField(gettext_lazy("updated"), auto_now=True)
    # When the deal was won or lost: set as it moves into a won or lost stage (again
    # when it goes from won to lost or back), cleared when it is reopened. The reports'
    # won and lost per month count by it; `updated_at` moves with every later edit.
    closed_at = models.DateTimeField(gettext_lazy("closed"), null=True, blank=True, editable=False)
    # The folded title (customers/core/search.py), kept in step by save(), so `cafe` finds
    # "Café fit-out".
    search_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)  # see VersionedModel
    derived_from = {"search_text": frozenset({"title"}), "closed_at": frozenset({"stage"})}

    # Derived fields stay out: the history shows the stage move that set them.
    history = HistoricalRecords(excluded_fields=["search_text", "closed_at"])
    objects = OfKeptCustomerManager()

    class Meta:
        verbose_name = gettext_lazy("deal")
        verbose_name_plural = gettext_lazy("deals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["stage", "id"], name="deal_stage_idx"),
            # The board's cards: each column's most recently updated deals first (with
            # the customer, to leave out those in the trash without reading the deal).
            models.Index(fields=["stage", "-updated_at", "-id", "customer"], name="deal_board_idx"),
            # The list narrowed to a stage and a currency (its capped count read from the
            # index alone, with the customer to leave out those in the trash), and a
            # searched board's totals grouped in its order. The board's own totals are
            # kept by the database (customers/deals/totals.py).
            models.Index(
                fields=["stage", "currency", "amount", "customer"], name="deal_totals_idx"
            ),
            models.Index(fields=["title", "id"], name="deal_title_idx"),
            models.Index(fields=["amount", "id"], name="deal_amount_idx"),
            models.Index(fields=["expected_close", "id"], name="deal_close_idx"),
            models.Index(fields=["created_at", "id"], name="deal_created_idx"),
            # Won and lost per month: the closed deals of a period, from the index alone.
            models.Index(
                fields=["closed_at", "stage", "currency", "amount", "owner", "created_at"],
                name="deal_closed_idx",
                condition=models.Q(closed_at__isnull=False),
            ),
            # The pipeline open at a moment (the reports: at the period's start and end):
            # the deals made before it and not closed by then, from the index alone.
            models.Index(
                fields=["created_at", "closed_at", "currency", "amount", "customer"],
                name="deal_open_at_idx",
            ),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values, *args, **kwargs):
        deal = super().from_db(db, field_names, values, *args, **kwargs)
        deal._stored_stage_id = deal.__dict__.get("stage_id")
        return deal

    def derive(self):
        self.search_text = indexed_text(self.title)
        self._derive_closed_at()

    def _derive_closed_at(self):
        if not self.stage_id:
            return
        if not self.stage.is_closed:
            self.closed_at = None
            return
        # The stage it was loaded in (None: not loaded, or a new deal).
        stored = getattr(self, "_stored_stage_id", None)
        moved = stored is not None and stored != self.stage_id
        if self.closed_at is None or (moved and self._outcome_changed(stored)):
            self.closed_at = timezone.now()
        self._stored_stage_id = self.stage_id

    def _outcome_changed(self, stored_stage_id: int) -> bool:
        """Whether the stage the deal was loaded in had another outcome (won, now lost)."""
        stored = Stage.objects.filter(pk=stored_stage_id).values_list("outcome", flat=True)
        return stored.first() != self.stage.outcome

    def clean(self):
        if not self.stage_id:
            return
        if self.stage.is_lost:
            if not self.closing_reason_id:
                raise ValidationError(
                    {"closing_reason": gettext_lazy("Choose why the deal was lost.")}
                )
        else:
            # A reason belongs to a lost deal only; reopening one clears it.
            self.closing_reason = None
