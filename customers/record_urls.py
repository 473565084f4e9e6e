from django.urls import path

from customers.views import record

urlpatterns = [
    path("<int:pk>/", record.CustomerDetailView.as_view(), name="customer_detail"),
]
