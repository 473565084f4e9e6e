from django.urls import path

from customers.views import timeline

urlpatterns = [
    path("<int:pk>/activity/", timeline.InteractionListView.as_view(), name="interaction_list"),
    path(
        "<int:pk>/activity/add/",
        timeline.InteractionCreateView.as_view(),
        name="interaction_create",
    ),
    path(
        "activity/<int:pk>/status/",
        timeline.InteractionStatusView.as_view(),
        name="interaction_status",
    ),
]
