from django.urls import path

from customers.imports import views

urlpatterns = [
    path("customers/import/", views.ImportUploadView.as_view(), name="customer_import"),
    path("customers/imports/", views.ImportListView.as_view(), name="import_list"),
    path("customers/imports/<int:pk>/", views.ImportDetailView.as_view(), name="import_detail"),
    path("customers/imports/<int:pk>/map/", views.ImportMapView.as_view(), name="import_map"),
    path("customers/imports/<int:pk>/undo/", views.ImportUndoView.as_view(), name="import_undo"),
    path(
        "customers/imports/<int:pk>/errors.csv",
        views.ImportErrorsView.as_view(),
        name="import_errors",
    ),
]
