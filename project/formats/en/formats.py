"""The date formats of settings.py, for English.

Localization is always on, so Django takes a format from the active locale's format
module first and falls back to settings.py only when the locale has none; English has
them all ("N j, Y", "m/d/Y", ...). This module, found through FORMAT_MODULE_PATH, comes
before Django's own, so `|date`, `|date:"DATETIME_FORMAT"` and `date_format(value)`
show what settings.py says. The formats are kept there, in one place.
"""

from django.conf import settings

DATE_FORMAT = settings.DATE_FORMAT
SHORT_DATE_FORMAT = settings.SHORT_DATE_FORMAT
DATETIME_FORMAT = settings.DATETIME_FORMAT
