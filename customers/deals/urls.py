from django.urls import path

from customers.deals import views

urlpatterns = [
    path("deals/", views.DealBoardView.as_view(), name="deal_board"),
    path("deals/list/", views.DealListView.as_view(), name="deal_list"),
    path("deals/create/", views.DealCreateView.as_view(), name="deal_create"),
    path("deals/<int:pk>/edit/", views.DealUpdateView.as_view(), name="deal_update"),
    path("deals/<int:pk>/move/", views.DealMoveView.as_view(), name="deal_move"),
    path("deals/<int:pk>/delete/", views.DealDeleteView.as_view(), name="deal_delete"),
    # The deal form's customer field: customers matching what is typed.
    path(
        "deals/customers/suggest/",
        views.DealCustomerSuggestionsView.as_view(),
        name="deal_customer_suggestions",
    ),
]
