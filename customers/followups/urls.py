from django.urls import path

from customers.followups import task_edit, views

urlpatterns = [
    path("tasks/", views.TaskListView.as_view(), name="task_list"),
    path("tasks/create/", views.TaskCreateView.as_view(), name="task_create"),
    path("tasks/badge/", views.TaskBadgeView.as_view(), name="task_badge"),
    path("tasks/<int:pk>/", task_edit.TaskUpdateView.as_view(), name="task_update"),
    path("tasks/<int:pk>/delete/", task_edit.TaskDeleteView.as_view(), name="task_delete"),
    path("tasks/<int:pk>/complete/", views.TaskCompleteView.as_view(), name="task_complete"),
    path("tasks/<int:pk>/reopen/", views.TaskReopenView.as_view(), name="task_reopen"),
    path("tasks/<int:pk>/snooze/", views.TaskSnoozeView.as_view(), name="task_snooze"),
    path(
        "customers/<int:pk>/tasks/add/",
        views.CustomerTaskCreateView.as_view(),
        name="customer_task_create",
    ),
    # The calendar feed: no sign-in, the token is the key.
    path("tasks/calendar/<str:token>.ics", views.CalendarFeedView.as_view(), name="task_calendar"),
    path("tasks/calendar/reset/", views.CalendarResetView.as_view(), name="task_calendar_reset"),
]
