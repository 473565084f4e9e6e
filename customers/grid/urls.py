from django.urls import path

from customers.grid import views

urlpatterns = [
    path("customers/", views.CustomerListView.as_view(), name="customer_list"),
    path("customers/create/", views.CustomerCreateView.as_view(), name="customer_create"),
    path("customers/update/<int:pk>/", views.CustomerUpdateView.as_view(), name="customer_update"),
    path("customers/delete/<int:pk>/", views.CustomerDeleteView.as_view(), name="customer_delete"),
    path("customers/<int:pk>/row/", views.CustomerRowView.as_view(), name="customer_row"),
    path("customers/bulk/", views.CustomerBulkView.as_view(), name="customer_bulk"),
    path("customers/columns/", views.GridColumnsView.as_view(), name="grid_columns"),
]
