"""Tags: one per name whatever its case, made on first use, put on and taken off."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from customers.core.selectors import tag_find
from customers.core.services import customer_tag_add, customer_tag_remove, tag_get_or_create
from customers.models import Tag
from customers.record.selectors import tag_suggestions

pytestmark = pytest.mark.django_db


def test_a_new_name_makes_a_tag_with_a_colour_from_the_palette():
    tag = tag_get_or_create(name="  Key   account ")

    assert tag.name == "Key account"
    assert tag.colour in Tag.Colour.values
    assert tag.colour == Tag.colour_for("Key account")


def test_an_existing_name_in_another_case_is_the_same_tag():
    vip = tag_get_or_create(name="VIP")

    assert tag_get_or_create(name="vip") == vip
    assert Tag.objects.count() == 1


def test_an_empty_name_is_refused():
    with pytest.raises(ValidationError):
        tag_get_or_create(name="   ")


def test_an_over_long_name_is_refused():
    with pytest.raises(ValidationError):
        tag_get_or_create(name="x" * 51)
    assert not Tag.objects.exists()


def test_the_database_refuses_a_name_differing_only_in_case():
    Tag.objects.create(name="VIP")

    with pytest.raises(IntegrityError), transaction.atomic():
        Tag.objects.create(name="vip")


def test_add_and_remove_on_a_customer(make_customer):
    ann = make_customer(name="Ann")
    vip = tag_get_or_create(name="VIP")

    customer_tag_add(customer=ann, tag=vip)
    customer_tag_add(customer=ann, tag=vip)  # twice is still once
    assert list(ann.tags.all()) == [vip]

    customer_tag_remove(customer=ann, tag=vip)
    assert not ann.tags.exists()
    assert Tag.objects.filter(pk=vip.pk).exists()  # the tag itself stays


def test_find_ignores_case_and_spacing():
    vip = Tag.objects.create(name="Very important")

    assert tag_find(name="  very   IMPORTANT ") == vip
    assert tag_find(name="very") is None
    assert tag_find(name="  ") is None


def test_suggestions_contain_the_text_in_name_order_and_at_most_ten():
    for name in ["Zebra", "alpha", "Beta", "gamma"] + [f"Extra {n:02}" for n in range(12)]:
        Tag.objects.create(name=name)

    assert [tag.name for tag in tag_suggestions(text="A")][:4] == [
        "alpha",
        "Beta",
        "Extra 00",
        "Extra 01",
    ]
    assert len(tag_suggestions(text="a")) == 10
    assert [tag.name for tag in tag_suggestions(text="EBR")] == ["Zebra"]
    assert list(tag_suggestions(text="nothing")) == []
