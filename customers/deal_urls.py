from django.urls import path

from customers.views import deals

urlpatterns = [
    path("", deals.DealBoardView.as_view(), name="deal_board"),
    path("list/", deals.DealListView.as_view(), name="deal_list"),
    path("create/", deals.DealCreateView.as_view(), name="deal_create"),
    path("<int:pk>/edit/", deals.DealUpdateView.as_view(), name="deal_update"),
    path("<int:pk>/delete/", deals.DealDeleteView.as_view(), name="deal_delete"),
    path(
        "customers/",
        deals.DealCustomerSuggestionsView.as_view(),
        name="deal_customer_suggestions",
    ),
    path("<int:pk>/move/", deals.DealMoveView.as_view(), name="deal_move"),
]
