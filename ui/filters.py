"""django-filter pieces."""

import copy
from functools import cache

import django_filters
from django import forms
from django.core.exceptions import ImproperlyConfigured

from ui.forms import LARGEST_ID


class FilterSet(django_filters.FilterSet):
    """A FilterSet whose form class is made once, not on every request.

    django-filter makes a new Form class from fresh fields each time (a fifth of a
    millisecond for seven filters, on every keystroke of a live search). Each form
    still gets its own copies of the fields, as every Django form does. So no field
    may depend on the request: a filter whose queryset is a function of the request
    is refused.
    """

    def get_form_class(self):
        return _form_class(type(self))


@cache
def _form_class(filterset_class):
    filters = copy.deepcopy(filterset_class.base_filters)  # leave the class's own unbuilt
    for name, filter_ in filters.items():
        if callable(getattr(filter_, "queryset", None)):
            raise ImproperlyConfigured(
                f"{filterset_class.__name__}.{name} takes its queryset from the request; "
                "use django_filters.FilterSet for it."
            )
    fields = {name: filter_.field for name, filter_ in filters.items()}
    return type(f"{filterset_class.__name__}Form", (filterset_class._meta.form,), fields)


class HiddenIdFilter(django_filters.NumberFilter):
    """A record's id that a link from elsewhere sets (a report's figure, a record's "See
    all"): carried along as a hidden input, and refused beside the field, not by the
    database, when it is no id at all."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(*args, min_value=1, max_value=LARGEST_ID, **kwargs)


class Narrowing:
    """A filter set some of whose filters ride as hidden inputs (set by a link from
    elsewhere, a report's figure say): the list says in words what they narrow it to,
    with a way back to the whole list.

    `HIDDEN` names those filters; `narrowed_by()` says each one set, in words.
    """

    HIDDEN: tuple[str, ...] = ()

    def narrowed_by(self) -> list[str]:
        raise NotImplementedError

    def chosen_hidden(self) -> dict:
        """The hidden filters set, cleaned; none while the filters are invalid."""
        if not self.is_valid():
            return {}
        chosen = self.form.cleaned_data
        return {name: chosen[name] for name in self.HIDDEN if chosen.get(name) not in (None, "")}

    def query_without_hidden(self) -> str:
        """The query string of the same list without the hidden filters (and page)."""
        data = self.data.copy()
        for name in (*self.HIDDEN, "page"):
            data.pop(name, None)
        return data.urlencode()
