from django.urls import path

from customers.reports import views

urlpatterns = [
    path("reports/", views.DashboardView.as_view(), name="report_dashboard"),
    path("reports/<slug:table>.csv", views.ReportDownloadView.as_view(), name="report_download"),
]
