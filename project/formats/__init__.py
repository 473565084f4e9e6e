"""The app's display formats, over Django's locale formats (see FORMAT_MODULE_PATH)."""
