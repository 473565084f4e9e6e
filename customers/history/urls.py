from django.urls import path

from customers.history import views

urlpatterns = [
    path(
        "customers/<int:pk>/history/",
        views.CustomerHistoryView.as_view(),
        name="customer_history",
    ),
]
