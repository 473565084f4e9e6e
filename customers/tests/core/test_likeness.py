"""The likeness key: what a name and company are compared by to find duplicates."""

import pytest

from customers.core.likeness import likeness_key
from customers.models import Customer


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (("José Núñez", "Café Müller GmbH"), ("JOSE NUNEZ", "cafe muller gmbh")),  # case, accents
        (("Ann Lee", "ACME, Inc."), ("ann-lee", "Acme Inc")),  # punctuation and spaces
        (("O'Brien", "A.B.C. Ltd."), ("OBrien", "ABC Ltd")),
        (
            ("王伟", "李娜贸易（北京）"),
            ("王 伟", "李娜贸易(北京)"),
        ),  # CJK kept, full-width punctuation gone
    ],
)
def test_names_and_companies_that_differ_only_in_form_are_alike(one, other):
    assert likeness_key(name=one[0], company=one[1]) == likeness_key(
        name=other[0], company=other[1]
    )


def test_cjk_characters_are_kept():
    assert likeness_key(name="王伟", company="") == "王伟|"
    assert likeness_key(name="王伟", company="") != likeness_key(name="王芳", company="")


def test_the_name_and_the_company_are_not_run_together():
    assert likeness_key(name="Ann", company="Lee") != likeness_key(name="Ann Lee", company="")


def test_a_name_of_only_punctuation_is_like_nothing():
    assert likeness_key(name="—?!", company="Acme") is None


@pytest.mark.django_db
def test_saving_keeps_the_key_in_step(make_customer):
    customer = make_customer(name="Zoë Ng", company="Acme")
    assert customer.likeness_key == "zoeng|acme"

    customer.company = "Acme, Ltd."
    customer.save(update_fields=["company"])

    assert Customer.objects.get(pk=customer.pk).likeness_key == "zoeng|acmeltd"


@pytest.mark.django_db
def test_bulk_update_keeps_the_key_in_step(make_customer):
    customer = make_customer(name="Zoë Ng")
    customer.name = "Zoe N.G."

    Customer.objects.bulk_update([customer], ["name"])

    assert Customer.objects.get(pk=customer.pk).likeness_key == "zoeng|"
