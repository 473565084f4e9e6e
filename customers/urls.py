from django.urls import include, path

from customers.views import bulk, grid

urlpatterns = [
    path("", grid.CustomerListView.as_view(), name="customer_list"),
    path("create/", grid.CustomerCreateView.as_view(), name="customer_create"),
    path("update/<int:pk>/", grid.CustomerUpdateView.as_view(), name="customer_update"),
    path("delete/<int:pk>/", grid.CustomerDeleteView.as_view(), name="customer_delete"),
    path("row/<int:pk>/", grid.CustomerRowView.as_view(), name="customer_row"),
    path("bulk/", bulk.CustomerBulkView.as_view(), name="customer_bulk"),
    path("", include("customers.record_urls")),
    path("", include("customers.timeline_urls")),
]
