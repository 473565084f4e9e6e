from django.urls import path

from customers.timeline import views

urlpatterns = [
    path(
        "customers/<int:pk>/activity/",
        views.InteractionListView.as_view(),
        name="interaction_list",
    ),
    path(
        "customers/<int:pk>/activity/add/",
        views.InteractionCreateView.as_view(),
        name="interaction_create",
    ),
    path(
        "customers/<int:pk>/activity/contacts/",
        views.InteractionContactFieldView.as_view(),
        name="interaction_contact_field",
    ),
    path(
        "activity/<int:pk>/status/",
        views.InteractionStatusView.as_view(),
        name="interaction_status",
    ),
]
