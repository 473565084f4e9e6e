from django.urls import path

from customers.emails import views

urlpatterns = [
    path(
        "customers/<int:pk>/emails/add/",
        views.EmailComposeView.as_view(),
        name="customer_email_create",
    ),
    path("emails/<int:pk>/status/", views.EmailStatusView.as_view(), name="email_status"),
    path("emails/<int:pk>/retry/", views.EmailRetryView.as_view(), name="email_retry"),
    path("emails/templates/", views.EmailTemplateListView.as_view(), name="email_template_list"),
    path(
        "emails/templates/create/",
        views.EmailTemplateCreateView.as_view(),
        name="email_template_create",
    ),
    path(
        "emails/templates/<int:pk>/",
        views.EmailTemplateUpdateView.as_view(),
        name="email_template_update",
    ),
    path(
        "emails/templates/<int:pk>/delete/",
        views.EmailTemplateDeleteView.as_view(),
        name="email_template_delete",
    ),
]
