"""The one entry point of the CRM's URLs: each area's patterns, then the old URLs.

Every area names its routes in full, in one shape: `<things>/` a list,
`<things>/create/` a new one, `<things>/<pk>/` one thing, `<things>/<pk>/<verb>/` an
action on it, and `customers/<pk>/<things>/add/` what is added to a customer. The
grid's classic routes (`customers/create/`, `customers/update/<pk>/`,
`customers/delete/<pk>/`) stay as they have always been.
"""

from django.urls import include, path

from ui.redirects import moved

AREAS = (
    *("grid", "record", "timeline", "deals", "trash", "history"),
    *("followups", "notifications", "emails", "imports", "exports", "printing", "reports"),
)

urlpatterns = [path("", include(f"customers.{area}.urls")) for area in AREAS]

# Where routes used to be, before they took the shape above.
urlpatterns += [
    moved("customers/row/<int:pk>/", "customer_row"),
    moved("customers/contacts/<int:pk>/", "contact_row"),
    moved("customers/contacts/<int:pk>/edit/", "contact_update"),
    moved("customers/contacts/<int:pk>/delete/", "contact_delete"),
    moved("customers/tags/suggest/", "tag_suggest"),
    moved("customers/activity/<int:pk>/status/", "interaction_status"),
    moved("deals/customers/", "deal_customer_suggestions"),
    moved("trash/purge/<int:pk>/", "trash_purge"),
]
