"""Deals: the pipeline board, the list, and their forms."""

from django.views.generic import TemplateView

from ui.access import PermissionRequiredMixin


class DealBoardView(PermissionRequiredMixin, TemplateView):
    permission_required = "customers.view_deal"
    template_name = "deals/deal_board.html"


def customer_deals_context(request, customer) -> dict:
    """What templates/deals/customer_deals.html needs, for the record page."""
    return {}
