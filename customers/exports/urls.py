from django.urls import path

from customers.exports import views

urlpatterns = [
    path("customers/export/", views.CustomerExportView.as_view(), name="customer_export"),
    path("customers/exports/", views.ExportLogView.as_view(), name="export_log"),
    path("customers/<int:pk>/export/", views.RecordExportView.as_view(), name="record_export"),
    path(
        "customers/<int:pk>/export/contacts/",
        views.ContactExportView.as_view(),
        name="customer_contacts_export",
    ),
    path(
        "customers/<int:pk>/export/activity/",
        views.ActivityExportView.as_view(),
        name="customer_activity_export",
    ),
    path("contacts/export/", views.ContactExportView.as_view(), name="contact_export"),
    path("activity/export/", views.ActivityExportView.as_view(), name="activity_export"),
    path("deals/export/", views.DealExportView.as_view(), name="deal_export"),
]
