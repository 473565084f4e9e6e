"""The headers htmx sends, for tests that play the browser."""

HX = {"HX-Request": "true"}
HISTORY_RESTORE = {**HX, "HX-History-Restore-Request": "true"}
