"""A FilterSet whose form class is made once (ui/filters.py): it must behave as
django-filter's own does, request after request."""

import django_filters
import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured

from ui.filters import FilterSet

pytestmark = pytest.mark.django_db


class GroupFilter(FilterSet):
    name = django_filters.CharFilter(lookup_expr="icontains", max_length=5)
    permission = django_filters.ModelChoiceFilter(
        field_name="permissions", queryset=Permission.objects.filter(codename__startswith="x_")
    )

    class Meta:
        model = Group
        fields = ["name", "permission"]


@pytest.fixture
def permission(db):
    return Permission.objects.create(
        codename="x_read", name="Read", content_type=Permission.objects.first().content_type
    )


def test_filters_and_validates_as_django_filter_does(permission):
    readers = Group.objects.create(name="readers")
    readers.permissions.add(permission)
    Group.objects.create(name="writers")

    by_name = GroupFilter({"name": "writ"}, queryset=Group.objects.all())
    by_permission = GroupFilter({"permission": permission.pk}, queryset=Group.objects.all())
    too_long = GroupFilter({"name": "readers"}, queryset=Group.objects.all())

    assert [g.name for g in by_name.qs] == ["writers"]
    assert [g.name for g in by_permission.qs] == ["readers"]
    assert not too_long.is_valid()
    assert "at most 5 characters" in str(too_long.errors["name"])


def test_every_form_has_fields_of_its_own():
    first, second = GroupFilter({}).form, GroupFilter({}).form
    first.fields["name"].widget.attrs["class"] = "changed"

    assert type(first) is type(second)
    assert "class" not in second.fields["name"].widget.attrs


def test_a_choice_added_later_is_offered_and_accepted(permission):
    assert GroupFilter({}).form.is_valid()  # the form class is made before the choice exists
    later = Permission.objects.create(
        codename="x_write", name="Write", content_type=permission.content_type
    )

    form = GroupFilter({"permission": later.pk}).form

    assert form.is_valid()
    assert later in form.fields["permission"].queryset


def test_a_queryset_taken_from_the_request_is_refused():
    class PerUserFilter(FilterSet):
        permission = django_filters.ModelChoiceFilter(
            field_name="permissions", queryset=lambda request: request.user.user_permissions.all()
        )

        class Meta:
            model = Group
            fields = ["permission"]

    with pytest.raises(ImproperlyConfigured, match="PerUserFilter.permission"):
        PerUserFilter({}).form  # noqa: B018
