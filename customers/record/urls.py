from django.urls import path

from customers.record.views import contacts, merge, page, tags

urlpatterns = [
    path("customers/<int:pk>/", page.CustomerDetailView.as_view(), name="customer_detail"),
    path("customers/<int:pk>/header/", page.CustomerHeaderView.as_view(), name="customer_header"),
    path(
        "customers/<int:pk>/edit/",
        page.CustomerHeaderUpdateView.as_view(),
        name="customer_header_update",
    ),
    path(
        "customers/<int:pk>/merge/<int:other_pk>/",
        merge.CustomerMergeView.as_view(),
        name="customer_merge",
    ),
    # Contacts
    path(
        "customers/<int:pk>/contacts/add/",
        contacts.ContactCreateView.as_view(),
        name="contact_create",
    ),
    path("contacts/<int:pk>/", contacts.ContactRowView.as_view(), name="contact_row"),
    path("contacts/<int:pk>/edit/", contacts.ContactUpdateView.as_view(), name="contact_update"),
    path("contacts/<int:pk>/delete/", contacts.ContactDeleteView.as_view(), name="contact_delete"),
    # Tags
    path(
        "customers/<int:pk>/tags/add/", tags.CustomerTagAddView.as_view(), name="customer_tag_add"
    ),
    path(
        "customers/<int:pk>/tags/<int:tag_pk>/remove/",
        tags.CustomerTagRemoveView.as_view(),
        name="customer_tag_remove",
    ),
    path("tags/suggest/", tags.TagSuggestView.as_view(), name="tag_suggest"),
]
