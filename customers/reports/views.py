"""The reports dashboard, and each of its tables as a CSV file.

Everyone who may see customers may see reports: managers and admins every owner's
figures, others their own or everyone's added up, with only their own name shown
(customers/reports/tables.py). The filters ride in the URL, as on the grid.
"""

from functools import cached_property

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from customers.core.permissions import ACT_FOR_ANY_OWNER
from customers.reports.forms import ReportFilterForm
from customers.reports.selectors import Scope
from customers.reports.tables import TABLES, Dashboard
from ui.access import PermissionRequiredMixin
from ui.canonical_urls import CanonicalListUrlMixin
from ui.spreadsheets import Sheet, csv_response
from ui.views import PartialTemplateMixin


class ReportMixin(PermissionRequiredMixin):
    permission_required = "customers.view_customer"

    @cached_property
    def sees_everyone(self) -> bool:
        return self.request.user.has_perm(ACT_FOR_ANY_OWNER)

    @cached_property
    def form(self) -> ReportFilterForm:
        return ReportFilterForm(
            self.request.GET, viewer=self.request.user, sees_everyone=self.sees_everyone
        )

    def dashboard(self) -> Dashboard | None:
        """The figures the filters ask for; None while they are invalid."""
        if not self.form.is_valid():
            return None
        chosen = self.form.cleaned_data
        scope = Scope(
            owner_id=chosen["owner"].pk if chosen["owner"] else None,
            team_id=chosen["team"].pk if chosen["team"] else None,
            source_id=chosen["source"].pk if chosen["source"] else None,
            tag_id=chosen["tag"].pk if chosen["tag"] else None,
        )
        return Dashboard(
            scope=scope,
            period=self.form.chosen_period(),
            step=self.form.chosen_step(),
            viewer=self.request.user,
            names_shown=self.sees_everyone or settings.REPORTS_SHOW_NAMES,
            now=timezone.now(),
        )


class DashboardView(ReportMixin, CanonicalListUrlMixin, PartialTemplateMixin, TemplateView):
    """The filter form swaps only the figures; without JavaScript it reloads the page."""

    template_name = "customers/reports/dashboard.html"
    partial_name = "results"

    def get_context_data(self, **kwargs):
        dashboard = self.dashboard()
        return super().get_context_data(
            form=self.form,
            dashboard=dashboard,
            sections=dashboard.sections() if dashboard else [],
            query=self.request.GET.urlencode(),
            sees_everyone=self.sees_everyone,
            **kwargs,
        )


class ReportDownloadView(ReportMixin, View):
    """One table of the dashboard, with the same filters, as CSV."""

    http_method_names = ["get", "options"]

    def get(self, request, table: str):
        if table not in TABLES:
            raise Http404("No such report.")
        dashboard = self.dashboard()
        if dashboard is None:  # the dashboard says what is wrong with the filters
            query = request.GET.urlencode()
            return redirect(
                f"{reverse('report_dashboard')}?{query}" if query else "report_dashboard"
            )
        found = dashboard.table(table)
        if found is None:  # deals' figures, to someone who may not see deals
            raise Http404("No such report.")
        period = dashboard.period
        sheet = Sheet(
            title=found.caption,
            headers=found.headers,
            rows=([cell.value for cell in row] for row in found.rows),
        )
        return csv_response(sheet, filename=f"{table}-{period.first}-to-{period.last}.csv")
