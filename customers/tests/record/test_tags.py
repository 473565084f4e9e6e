"""Tags on the record page: add by name (suggested as you type; a new tag only by an
explicit "Create tag"), remove with a click."""

import json

import pytest

from customers.core.services import customer_tag_add, tag_get_or_create
from customers.models import Tag
from ui.testing import HX

pytestmark = pytest.mark.django_db


def add_url(customer):
    return f"/customers/{customer.pk}/tags/add/"


def remove_url(customer, tag):
    return f"/customers/{customer.pk}/tags/{tag.pk}/remove/"


def chips(body) -> list[str]:
    return [
        part.split("</span>")[0].split(">", 1)[1] for part in body.split('class="tag-chip ')[1:]
    ]


# --- Add ----------------------------------------------------------------------------


def create_button(name: str) -> str:
    return f'<button type="submit" name="create" value="{name}"'


@pytest.mark.parametrize("headers", [HX, {}], ids=["htmx", "page"])
def test_a_name_no_tag_has_is_not_made_but_offered(user_client, ann, headers):
    response = user_client.post(add_url(ann), {"name": "Hot lead 2027"}, headers=headers)
    body = response.content.decode()

    assert response.status_code == 422
    assert "There is no tag called “Hot lead 2027”." in body
    assert 'value="Hot lead 2027"' in body  # the typed text is kept
    assert create_button("Hot lead 2027") in body
    assert "Create tag “Hot lead 2027”" in body
    # After "Add", so that Enter in the field still adds rather than creates.
    assert body.index(">Add</button>") < body.index(create_button("Hot lead 2027"))
    if headers:
        assert body.strip().startswith('<section id="customer-tags"')
    else:
        assert "Add a tag to Ann Lee" in body
    assert not Tag.objects.exists()
    assert not ann.tags.exists()


def test_the_region_offers_no_creation_until_a_name_matches_nothing(user_client, ann):
    body = user_client.get(f"/customers/{ann.pk}/").content.decode()

    assert 'name="create"' not in body


def test_choosing_create_makes_the_tag_and_returns_the_region(user_client, ann):
    data = {"name": "Key account", "create": "Key account"}
    response = user_client.post(add_url(ann), data, headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in body
    assert body.strip().startswith('<section id="customer-tags"')
    tag = Tag.objects.get()
    assert tag.name == "Key account"
    assert list(ann.tags.all()) == [tag]
    assert f'<span class="tag-chip tag-chip--{tag.colour}">Key account</span>' in body
    assert 'aria-label="Remove tag Key account"' in body
    assert 'value="Key account"' not in body  # the form is cleared
    assert 'name="create"' not in body  # and the offer gone
    assert "Tag “Key account” added." in body
    assert "customers-changed" in json.loads(response["HX-Trigger"])


def test_choosing_create_without_javascript_redirects_to_the_record(user_client, ann):
    response = user_client.post(add_url(ann), {"name": "Partner", "create": "Partner"})

    assert response.status_code == 302
    assert response["Location"] == f"/customers/{ann.pk}/#customer-tags"
    assert [tag.name for tag in ann.tags.all()] == ["Partner"]


def test_a_name_changed_after_the_offer_is_offered_anew(user_client, ann):
    data = {"name": "Hot lead 2028", "create": "Hot lead 2027"}
    response = user_client.post(add_url(ann), data, headers=HX)
    body = response.content.decode()

    assert response.status_code == 422
    assert "There is no tag called “Hot lead 2028”." in body
    assert create_button("Hot lead 2028") in body
    assert not Tag.objects.exists()


def test_create_for_a_name_a_tag_has_uses_that_tag(user_client, ann):
    vip = tag_get_or_create(name="VIP")

    response = user_client.post(add_url(ann), {"name": "vip", "create": "vip"}, headers=HX)

    assert response.status_code == 200
    assert list(Tag.objects.all()) == [vip]
    assert list(ann.tags.all()) == [vip]


def test_adding_a_name_in_another_case_reuses_the_tag(user_client, ann):
    vip = tag_get_or_create(name="VIP")

    response = user_client.post(add_url(ann), {"name": "  vip "}, headers=HX)

    assert response.status_code == 200
    assert Tag.objects.count() == 1
    assert list(ann.tags.all()) == [vip]
    assert chips(response.content.decode()) == ["VIP"]
    assert "Tag “VIP” added." in response.content.decode()


def test_adding_a_tag_the_customer_has_says_so(user_client, ann):
    customer_tag_add(customer=ann, tag=tag_get_or_create(name="VIP"))

    response = user_client.post(add_url(ann), {"name": "VIP"}, headers=HX)

    assert response.status_code == 200
    assert ann.tags.count() == 1
    assert "Ann Lee already has the tag “VIP”." in response.content.decode()


def test_a_chinese_reader_is_told_so_in_chinese(user_client, ann):
    customer_tag_add(customer=ann, tag=tag_get_or_create(name="VIP"))

    response = user_client.post(
        add_url(ann), {"name": "VIP"}, headers={**HX, "Accept-Language": "zh-hans"}
    )

    assert "Ann Lee已有标签“VIP”。" in response.content.decode()


def test_chips_are_in_name_order(user_client, ann):
    for name in ("zeta", "Alpha", "beta"):
        customer_tag_add(customer=ann, tag=tag_get_or_create(name=name))

    body = user_client.get(f"/customers/{ann.pk}/").content.decode()

    assert chips(body) == ["Alpha", "beta", "zeta"]


@pytest.mark.parametrize("headers", [HX, {}], ids=["htmx", "page"])
@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter a tag name."),
        ("   ", "Enter a tag name."),
        ("x" * 51, "A tag name has at most 50 characters."),
    ],
    ids=["empty", "blank", "too-long"],
)
def test_invalid_name_is_refused_with_422_and_kept(user_client, ann, name, message, headers):
    response = user_client.post(add_url(ann), {"name": name}, headers=headers)
    body = response.content.decode()

    assert response.status_code == 422
    assert message in body
    assert 'aria-invalid="true"' in body
    if name.strip():
        assert f'value="{name}"' in body
    if headers:
        assert body.strip().startswith('<section id="customer-tags"')
    else:
        assert "<html" in body
        assert "Add a tag to Ann Lee" in body
    assert not Tag.objects.exists()
    assert not ann.tags.exists()


def test_plain_add_redirects_to_the_tags_on_the_record(user_client, ann):
    tag_get_or_create(name="VIP")

    response = user_client.post(add_url(ann), {"name": "VIP"})

    assert response.status_code == 302
    assert response["Location"] == f"/customers/{ann.pk}/#customer-tags"
    page = user_client.get(response["Location"]).content.decode()
    assert "Tag “VIP” added." in page
    assert chips(page) == ["VIP"]


def test_plain_get_is_a_page_with_the_form(user_client, ann):
    response = user_client.get(add_url(ann))
    body = response.content.decode()

    assert response.status_code == 200
    assert "<html" in body
    assert '<label for="new-tag-name">Add tag</label>' in body
    assert f'action="{add_url(ann)}"' in body


def test_htmx_get_is_the_tags_region(user_client, ann):
    response = user_client.get(add_url(ann), headers=HX)
    body = response.content.decode()

    assert body.strip().startswith('<section id="customer-tags"')
    assert "<html" not in body


def test_a_user_who_may_not_add_tags_can_use_existing_ones_only(client, make_user, ann):
    client.force_login(make_user("rep", perms=("view_customer", "change_customer", "view_tag")))
    vip = tag_get_or_create(name="VIP")

    refused = client.post(add_url(ann), {"name": "Brand new"}, headers=HX)
    # Nor by asking for it outright, as the button they are not shown would.
    forced = client.post(add_url(ann), {"name": "Brand new", "create": "Brand new"}, headers=HX)
    accepted = client.post(add_url(ann), {"name": "vip"}, headers=HX)

    for response in (refused, forced):
        body = response.content.decode()
        assert response.status_code == 422
        assert "There is no tag called “Brand new”, and you may not create new tags." in body
        assert 'value="Brand new"' in body
        assert 'name="create"' not in body  # no offer they could not take up
    assert accepted.status_code == 200
    assert list(Tag.objects.all()) == [vip]
    assert list(ann.tags.all()) == [vip]


def test_a_user_who_may_not_see_tags_gets_no_suggestions_asked_for(client, make_user, ann):
    client.force_login(make_user("rep", perms=("view_customer", "change_customer")))

    body = client.get(f"/customers/{ann.pk}/").content.decode()

    assert '<label for="new-tag-name">Add tag</label>' in body
    assert "/tags/suggest/" not in body


def test_the_field_asks_for_suggestions_as_the_user_types(user_client, ann):
    body = user_client.get(f"/customers/{ann.pk}/").content.decode()

    field = body.split('id="new-tag-name"')[0].rsplit("<input", 1)[1]
    assert 'list="tag-suggestions"' in field
    assert 'hx-get="/tags/suggest/"' in field
    assert 'hx-trigger="input changed delay:200ms"' in field
    assert 'hx-target="#tag-suggestions"' in field
    assert '<datalist id="tag-suggestions">' in body


# --- Remove -------------------------------------------------------------------------


def test_htmx_remove_takes_the_tag_off_and_returns_the_region(user_client, ann):
    vip, key = tag_get_or_create(name="VIP"), tag_get_or_create(name="Key")
    customer_tag_add(customer=ann, tag=vip)
    customer_tag_add(customer=ann, tag=key)

    response = user_client.post(remove_url(ann, vip), headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert body.strip().startswith('<section id="customer-tags"')
    assert chips(body) == ["Key"]
    assert "Tag “VIP” removed." in body
    assert "customers-changed" in json.loads(response["HX-Trigger"])
    assert list(ann.tags.all()) == [key]
    assert Tag.objects.filter(pk=vip.pk).exists()


def test_plain_remove_redirects_to_the_record(user_client, ann):
    vip = tag_get_or_create(name="VIP")
    customer_tag_add(customer=ann, tag=vip)

    response = user_client.post(remove_url(ann, vip))

    assert response.status_code == 302
    assert response["Location"] == f"/customers/{ann.pk}/#customer-tags"
    assert not ann.tags.exists()


def test_remove_is_a_post(user_client, ann):
    vip = tag_get_or_create(name="VIP")
    customer_tag_add(customer=ann, tag=vip)

    assert user_client.get(remove_url(ann, vip)).status_code == 405
    assert ann.tags.count() == 1


def test_removing_an_unknown_tag_is_not_found(user_client, ann):
    assert user_client.post(f"/customers/{ann.pk}/tags/999999/remove/").status_code == 404


# --- Suggestions --------------------------------------------------------------------


def test_suggestions_are_a_datalist_for_htmx(user_client):
    for name in ["Zebra", "alpha", "Beta", "gamma"] + [f"Extra {n:02}" for n in range(12)]:
        Tag.objects.create(name=name)

    response = user_client.get("/tags/suggest/", {"name": "a"}, headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert body.startswith('<datalist id="tag-suggestions">')
    assert "<html" not in body
    assert body.count("<option") == 10
    assert body.index('"alpha"') < body.index('"Beta"') < body.index('"Extra 00"')
    assert "HX-Request" in response["Vary"]


def test_suggestions_match_any_part_of_the_name_in_any_case(user_client):
    Tag.objects.create(name="Key account")
    Tag.objects.create(name="VIP")

    body = user_client.get("/tags/suggest/", {"name": "ACC"}, headers=HX)
    assert (
        body.content.decode()
        == '<datalist id="tag-suggestions"><option value="Key account"></option></datalist>'
    )


def test_suggestions_without_htmx_are_a_page(user_client):
    Tag.objects.create(name="VIP")

    body = user_client.get("/tags/suggest/", {"name": "vi"}).content.decode()

    assert "<html" in body
    assert '<span class="tag-chip tag-chip--' in body and ">VIP</span>" in body


def test_tag_names_are_escaped(user_client, ann):
    script = "<script>alert(1)</script>"
    offered = user_client.post(add_url(ann), {"name": script}, headers=HX)
    created = user_client.post(add_url(ann), {"name": script, "create": script}, headers=HX)
    suggestions = user_client.get("/tags/suggest/", {"name": "script"}, headers=HX)

    for response in (offered, created, suggestions):
        body = response.content.decode()
        assert script not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
