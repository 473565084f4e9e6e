from django.urls import path

from customers.trash import views

urlpatterns = [
    path("trash/", views.TrashListView.as_view(), name="trash"),
    path("trash/restore/", views.TrashRestoreView.as_view(), name="trash_restore"),
    path("trash/<int:pk>/purge/", views.TrashPurgeView.as_view(), name="trash_purge"),
]
