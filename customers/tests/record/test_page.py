"""The record page: everything about one customer, as a page and as fragments."""

import pytest
from django.contrib.auth.models import User

from customers.core.services import customer_tag_add, tag_get_or_create
from customers.models import Contact, Tag
from customers.record.services import contact_create
from ui.testing import HX, count_queries

pytestmark = pytest.mark.django_db

# Session, user, permissions, customer with owner, its tags, its contacts: 6; the
# deals and timeline sections bring a few fixed queries of their own.
MOST_QUERIES = 14


@pytest.fixture
def ann(make_customer, user):
    user.first_name, user.last_name = "Carla", "Clerk"
    user.save()
    return make_customer(
        name="Ann Lee",
        email="ann@example.com",
        phone="+442079460958",
        company="Acme",
        status="active",
        owner=user,
    )


def url(customer):
    return f"/customers/{customer.pk}/"


def test_page_shows_the_header(user_client, ann):
    response = user_client.get(url(ann))
    body = response.content.decode()

    assert response.status_code == 200
    assert "<title>Ann Lee · CRM</title>" in body
    assert '<h1 id="customer-heading">Ann Lee</h1>' in body
    assert '<a href="mailto:ann@example.com">ann@example.com</a>' in body
    assert '<a href="tel:+442079460958">+44 20 7946 0958</a>' in body
    assert "Acme" in body
    assert '<span class="badge badge-active">Active</span>' in body
    assert "Carla Clerk" in body
    assert ann.created_at.strftime("%b") in body
    assert f'href="/customers/{ann.pk}/edit/"' in body
    assert response["Vary"].count("HX-Request") == 1


def test_page_has_a_heading_for_every_section(user_client, ann):
    body = user_client.get(url(ann)).content.decode()

    for heading in ("Tags", "Contacts", "Add contact"):
        assert f">{heading}</h" in body
    assert 'id="customer-deals"' in body  # the deals section, from its own template
    assert 'id="activity"' in body  # the timeline, from its own template


def test_owner_without_full_name_shows_the_username_and_none_says_so(
    user_client, make_customer, make_user
):
    owner = make_user("rep")
    owned = make_customer(name="Owned", owner=owner)
    orphan = make_customer(name="Orphan")

    assert "<dd>rep</dd>" in user_client.get(url(owned)).content.decode()
    assert "<dd>No owner</dd>" in user_client.get(url(orphan)).content.decode()


def test_unknown_customer_is_not_found(user_client):
    assert user_client.get("/customers/999999/").status_code == 404
    assert user_client.get("/customers/999999/", headers=HX).status_code == 404


def test_htmx_gets_the_record_without_the_page(user_client, ann):
    response = user_client.get(url(ann), headers=HX)
    body = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in body
    assert '<h1 id="customer-heading">Ann Lee</h1>' in body
    assert 'id="contacts"' in body
    assert "Vary" in response and "HX-Request" in response["Vary"]


@pytest.mark.parametrize(
    ("target", "starts_with"),
    [
        ("customer-header", '<section id="customer-header"'),
        ("customer-tags", '<section id="customer-tags"'),
        ("contacts", '<section id="contacts"'),
    ],
)
def test_htmx_gets_the_region_it_targets(user_client, ann, target, starts_with):
    response = user_client.get(url(ann), headers={**HX, "HX-Target": target})
    body = response.content.decode().strip()

    assert response.status_code == 200
    assert body.startswith(starts_with)
    assert body.count("<section") == 1


def test_history_restore_gets_the_full_page(user_client, ann):
    headers = {**HX, "HX-History-Restore-Request": "true"}
    body = user_client.get(url(ann), headers=headers).content.decode()

    assert "<html" in body


def test_a_viewer_sees_no_edit_controls(client, make_user, ann):
    client.force_login(make_user("viewer", perms=("view_customer", "view_contact", "view_tag")))
    bob = contact_create(customer=ann, name="Bob")
    customer_tag_add(customer=ann, tag=tag_get_or_create(name="VIP"))

    body = client.get(url(ann)).content.decode()

    assert "Bob" in body and "VIP" in body
    assert f"/customers/{ann.pk}/edit/" not in body
    assert "Add tag" not in body
    assert "Remove tag" not in body
    assert "Add contact" not in body
    assert f"/contacts/{bob.pk}/" not in body  # no Edit or Delete on the contact


def test_contacts_stay_hidden_from_a_user_who_may_not_see_them(client, make_user, ann):
    client.force_login(make_user("viewer", perms=("view_customer",)))
    contact_create(customer=ann, name="Bob Secret")

    body = client.get(url(ann)).content.decode()

    assert "Bob Secret" not in body
    assert 'id="contacts"' not in body


def test_user_text_is_escaped_everywhere(user_client, make_customer):
    script = "<script>alert(1)</script>"
    customer = make_customer(name=f"Evil {script}", company=script)
    contact_create(customer=customer, name=f"Mal {script}", title=script)
    customer_tag_add(customer=customer, tag=tag_get_or_create(name=f"t {script}"))

    body = user_client.get(url(customer)).content.decode()

    assert script not in body
    assert "Evil &lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert 'aria-label="Remove tag t &lt;script&gt;alert(1)&lt;/script&gt;"' in body


# --- Query budget -------------------------------------------------------------------


def add_contacts_and_tags(customer, contacts: int, tags: int) -> None:
    start = customer.contacts.count()
    Contact.objects.bulk_create(
        Contact(customer=customer, name=f"Person {n}", email=f"p{n}@example.com")
        for n in range(start, contacts)
    )
    made = Tag.objects.bulk_create(
        Tag(name=f"tag {customer.pk}-{n}") for n in range(customer.tags.count(), tags)
    )
    customer.tags.add(*made)


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "htmx"])
def test_record_queries_do_not_grow_with_contacts_or_tags(user_client, ann, headers):
    add_contacts_and_tags(ann, contacts=1, tags=1)
    with_one, _ = count_queries(user_client, url(ann), headers)

    add_contacts_and_tags(ann, contacts=30, tags=15)
    with_many, body = count_queries(user_client, url(ann), headers)

    assert body.count('<tr id="contact-') == 30
    assert body.count('class="tag-chip ') == 15
    assert with_one == with_many
    assert with_many <= MOST_QUERIES


def test_record_queries_stay_the_same_whoever_owns_the_customer(client, make_customer):
    clerk = User.objects.create_superuser("boss", "boss@example.com", "x")
    client.force_login(clerk)
    owned = make_customer(name="Owned", owner=clerk)
    orphan = make_customer(name="Orphan")

    owned_count, _ = count_queries(client, url(owned))
    orphan_count, _ = count_queries(client, url(orphan))

    assert owned_count == orphan_count
