from django.urls import path

from customers.views import trash

urlpatterns = [
    path("", trash.TrashListView.as_view(), name="trash"),
    path("restore/", trash.TrashRestoreView.as_view(), name="trash_restore"),
    path("purge/<int:pk>/", trash.TrashPurgeView.as_view(), name="trash_purge"),
]
