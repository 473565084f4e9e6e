from django.urls import path

from customers import views

urlpatterns = [
    path("", views.CustomerListView.as_view(), name="customer_list"),
    path("create/", views.CustomerCreateView.as_view(), name="customer_create"),
    path("update/<int:pk>/", views.CustomerUpdateView.as_view(), name="customer_update"),
    path("delete/<int:pk>/", views.CustomerDeleteView.as_view(), name="customer_delete"),
    path("row/<int:pk>/", views.CustomerRowView.as_view(), name="customer_row"),
]
