"""Demo data: its vocabulary, shared by `manage.py demo`'s two roads (through the
services for a few hundred customers, in bulk for up to millions)."""
