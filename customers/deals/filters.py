"""What the board and the deal list can be narrowed to: a search, an owner, a stage."""

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.core.narrowing import from_lead_source, of_team
from customers.core.owners import UserChoiceField, members_of
from customers.deals.selectors import OwnerScope, deal_owners, deal_search
from customers.grid.filters import SENSIBLE_DATES, start_of_day
from customers.models import ClosingReason, Currency, Customer, Deal, Stage, Tag
from ui.filters import HiddenIdFilter, Narrowing


class OwnerChoiceFilter(django_filters.ModelChoiceFilter):
    """Users who own deals, by their full name where they have one."""

    field_class = UserChoiceField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, queryset=lambda request: deal_owners(), **kwargs)


class DealBoardFilter(django_filters.FilterSet):
    """The board's filters; the list adds the stage and the currency."""

    q = django_filters.CharFilter(
        label=gettext_lazy("Search deals"),
        method="search",
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": gettext_lazy("Title or customer")}
        ),
    )
    owner = OwnerChoiceFilter(label=gettext_lazy("Owner"), empty_label=gettext_lazy("Anyone"))
    mine = django_filters.BooleanFilter(
        label=gettext_lazy("My deals"),
        method="only_mine",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Deal
        fields = ["q", "owner", "mine"]

    def search(self, queryset, name, value):
        return deal_search(queryset=queryset, query=value)

    def only_mine(self, queryset, name, value):
        if not value or self.request is None:
            return queryset
        return queryset.filter(owner=self.request.user.pk)

    @property
    def owner_scope(self) -> OwnerScope | None:
        """Whose deals the valid filters leave, when they narrow them by owner alone (or
        not at all): the board reads those deals' totals ready-made. None when anything
        else narrows them too (a search; the list's stage), or an owner and gettext_lazy("My deals")
        disagree."""
        chosen = self.form.cleaned_data if self.is_bound else {}
        if any(value for name, value in chosen.items() if name not in ("owner", "mine")):
            return None
        owners = {chosen["owner"].pk} if chosen.get("owner") else set()
        if chosen.get("mine") and self.request is not None:
            owners.add(self.request.user.pk)
        if len(owners) > 1:
            return None
        return OwnerScope(owner_id=next(iter(owners), None))

    @property
    def query_string(self) -> str:
        """The filters as chosen, for links that keep them; empty ones left out."""
        if not self.is_bound:
            return ""
        data = self.data.copy()
        for key in list(data):
            if key not in self.filters or not any(data.getlist(key)):
                del data[key]
        return data.urlencode()


class DealFilter(Narrowing, DealBoardFilter):
    stage = django_filters.ModelChoiceFilter(
        queryset=Stage.objects.all(),
        empty_label=gettext_lazy("Any stage"),
        label=gettext_lazy("Stage"),
    )
    currency = django_filters.ChoiceFilter(
        choices=Currency.choices,
        label=gettext_lazy("Currency"),
        empty_label=gettext_lazy("Any currency"),
    )
    # Set by the customer record's "See all deals" link; carried along as a hidden input.
    customer = HiddenIdFilter(field_name="customer")

    # Set by the reports' links (a figure's deals); carried along as hidden inputs.
    lead_source = HiddenIdFilter(field_name="lead_source")
    team = HiddenIdFilter(method="owned_by_team")
    tag = HiddenIdFilter(method="tagged")
    outcome = django_filters.ChoiceFilter(
        field_name="stage__outcome", choices=Stage.Outcome.choices, widget=forms.HiddenInput
    )
    closing_reason = HiddenIdFilter(field_name="closing_reason")
    closed_from = django_filters.DateFilter(
        method="closed_on_or_after", widget=forms.HiddenInput, validators=SENSIBLE_DATES
    )
    closed_to = django_filters.DateFilter(
        method="closed_on_or_before", widget=forms.HiddenInput, validators=SENSIBLE_DATES
    )

    class Meta(DealBoardFilter.Meta):
        fields = [
            *("q", "stage", "owner", "mine", "currency", "customer"),
            *("lead_source", "team", "tag", "outcome", "closing_reason"),
            *("closed_from", "closed_to"),
        ]

    # The customer, also hidden, is named beside the count instead.
    HIDDEN = ("lead_source", "team", "tag", "outcome", "closing_reason", "closed_from", "closed_to")

    def narrowed_by(self) -> list[str]:
        chosen = self.chosen_hidden()
        words = []
        if "outcome" in chosen:
            words.append(str(Stage.Outcome(chosen["outcome"]).label).lower())
        if "closed_from" in chosen or "closed_to" in chosen:
            words.append(
                _("closed %(from)s – %(to)s")
                % {
                    "from": date_format(chosen["closed_from"]) if "closed_from" in chosen else "…",
                    "to": date_format(chosen["closed_to"]) if "closed_to" in chosen else "…",
                }
            )
        if "closing_reason" in chosen:
            reason = ClosingReason.objects.filter(pk=chosen["closing_reason"]).first()
            words.append(_("lost for %(reason)s") % {"reason": reason or "—"})
        if "lead_source" in chosen:
            words.append(from_lead_source(chosen["lead_source"]))
        if "team" in chosen:
            words.append(of_team(chosen["team"]))
        if "tag" in chosen:
            tag = Tag.objects.filter(pk=chosen["tag"]).first()
            words.append(_("of customers tagged %(tag)s") % {"tag": tag or "—"})
        return words

    def owned_by_team(self, queryset, name, value):
        return queryset.filter(owner__in=members_of(value))

    def tagged(self, queryset, name, value):
        tagged = Customer.tags.through.objects.filter(customer=OuterRef("customer"), tag=value)
        return queryset.filter(Exists(tagged))

    # Whole days of the site's time zone, as the reports count them.
    def closed_on_or_after(self, queryset, name, value):
        return queryset.filter(closed_at__gte=start_of_day(value))

    def closed_on_or_before(self, queryset, name, value):
        return queryset.filter(closed_at__lt=start_of_day(value + datetime.timedelta(days=1)))

    @property
    def board_query_string(self) -> str:
        """The filters the board shares with the list, for the link to the board."""
        board = DealBoardFilter(self.data if self.is_bound else None)
        return board.query_string
