"""The customer record page and what is edited on it: header, contacts, tags."""

from django.urls import path

from customers.views import contacts, history, record, tags

urlpatterns = [
    path("<int:pk>/", record.CustomerDetailView.as_view(), name="customer_detail"),
    path("<int:pk>/header/", record.CustomerHeaderView.as_view(), name="customer_header"),
    path(
        "<int:pk>/edit/", record.CustomerHeaderUpdateView.as_view(), name="customer_header_update"
    ),
    path("<int:pk>/history/", history.CustomerHistoryView.as_view(), name="customer_history"),
    # Contacts
    path("<int:pk>/contacts/add/", contacts.ContactCreateView.as_view(), name="contact_create"),
    path("contacts/<int:pk>/", contacts.ContactRowView.as_view(), name="contact_row"),
    path("contacts/<int:pk>/edit/", contacts.ContactUpdateView.as_view(), name="contact_update"),
    path("contacts/<int:pk>/delete/", contacts.ContactDeleteView.as_view(), name="contact_delete"),
    # Tags
    path("<int:pk>/tags/add/", tags.CustomerTagAddView.as_view(), name="customer_tag_add"),
    path(
        "<int:pk>/tags/<int:tag_pk>/remove/",
        tags.CustomerTagRemoveView.as_view(),
        name="customer_tag_remove",
    ),
    path("tags/suggest/", tags.TagSuggestView.as_view(), name="tag_suggest"),
]
