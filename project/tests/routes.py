"""The project's named URLs, for tests that must cover every one of them."""

from django.urls import URLPattern, URLResolver, get_resolver


def named_url_patterns(resolver=None, namespace=""):
    """(name as `reverse()` knows it, its URLPattern) for every named URL of the
    project; the admin's own are left to Django."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_url_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry
