from django.urls import path

from customers.views import deals

urlpatterns = [
    path("", deals.DealBoardView.as_view(), name="deal_board"),
]
