"""Views: each is a full page, or the fragment htmx asked for. One module per page."""
