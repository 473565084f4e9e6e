from django.urls import path

from customers.notifications import views

urlpatterns = [
    path("notifications/", views.NotificationListView.as_view(), name="notification_list"),
    path(
        "notifications/settings/",
        views.ReminderSettingsView.as_view(),
        name="notification_settings",
    ),
    path("notifications/read/", views.NotificationsReadView.as_view(), name="notifications_read"),
]
