from django.urls import path

from customers.printing import views

urlpatterns = [
    path("customers/print/", views.CustomerListPrintView.as_view(), name="customer_print"),
    path("customers/<int:pk>/print/", views.CustomerRecordPrintView.as_view(), name="record_print"),
]
