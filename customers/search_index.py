from contextlib import contextmanager


@contextmanager
def bulk_loading():
    """Placeholder: the lead's version pauses the search index and rebuilds it at the end."""
    yield
