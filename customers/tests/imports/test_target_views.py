"""The pages for contacts and activity imports: the choice on the upload page (offered
only as far as the role allows), the mapping and preview of each, and the list."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from customers.models import Contact, ImportRun
from customers.record.services import contact_create
from customers.tests.imports.helpers import csv_bytes

UPLOAD = reverse("customer_import")
CONTACTS = [
    ["Contact name", "Email", "Phone", "Role", "Customer email"],
    ["Ann Lee", "ann@acme.example", "(415) 555-0100", "Buyer", "OFFICE@acme.example"],
    ["Bo Chen", "bo@acme.example", "", "", "nobody@example.com"],
]
ACTIVITY = [
    ["类型", "主题", "日期", "客户邮箱"],
    ["电话", "续约", "2023-05-02 14:30", "office@acme.example"],
    ["Fax", "Old", "2023-05-02", "office@acme.example"],
]


def upload(client, rows, target=None):
    data = {"file": SimpleUploadedFile("file.csv", csv_bytes(rows))}
    if target:
        data["target"] = target
    return client.post(UPLOAD, data)


def map_url(run):
    return reverse("import_map", args=[run.pk])


def test_the_upload_page_offers_what_the_role_may_add(client, make_user, user):
    client.force_login(user)
    html = client.get(UPLOAD).content.decode()
    for value in ("customers", "contacts", "activity"):
        assert f'value="{value}"' in html
    agent = make_user("agent", perms=("view_customer", "add_contact", "add_interaction"))
    client.force_login(agent)
    html = client.get(UPLOAD + "?target=activity").content.decode()
    assert 'value="customers"' not in html
    assert page_checked(html) == "activity"  # as the link asked
    menu = client.get(reverse("customer_list")).content.decode()
    assert f'href="{reverse("import_list")}"' in menu  # "Imports" in the menu
    # Asking for customers anyway is refused beside the choice, nothing else lost.
    response = upload(client, CONTACTS, target="customers")
    assert response.status_code == 422
    assert "Select a valid choice." in response.content.decode()
    assert not ImportRun.objects.exists()


def test_a_contacts_file_is_mapped_and_previewed_as_contacts(client, user, make_customer):
    acme = make_customer(name="Acme", email="office@acme.example")
    contact_create(customer=acme, name="Ann Lee", email="ann@acme.example")
    client.force_login(user)
    response = upload(client, CONTACTS, target="contacts")
    run = ImportRun.objects.get()
    assert response.status_code == 302 and run.target == "contacts"
    page = client.get(map_url(run))
    form = page.context["form"]
    assert [form[f"column_{i}"].initial for i in range(5)] == [
        "name",
        "email",
        "phone",
        "title",
        "customer_email",
    ]
    html = page.content.decode()
    assert "+1 415-555-0100" in html and "Acme" in html  # as stored, with its customer
    assert "“Acme” already has a contact with this email: the row will be skipped." in html
    assert "No customer has the email “nobody@example.com”." in html
    assert "Overwrite the contact&#x27;s fields" in html
    response = client.post(
        map_url(run),
        {"column_0": "name", "column_1": "email", "start": "1", "on_duplicate": "skip"},
    )
    assert response.status_code == 422
    assert (
        "Choose the column that holds the customer&#x27;s email or ID." in response.content.decode()
    )


def test_an_activity_file_is_previewed_and_started_without_a_duplicate_policy(
    client, user, make_customer
):
    make_customer(name="Acme", email="office@acme.example")
    client.force_login(user)
    upload(client, ACTIVITY, target="activity")
    run = ImportRun.objects.get()
    page = client.get(map_url(run))
    html = page.content.decode()
    assert [page.context["form"][f"column_{i}"].initial for i in range(4)] == [
        "kind",
        "subject",
        "happened_at",
        "customer_email",
    ]
    assert "Call" in html and "续约" in html and "Acme" in html
    assert "“Fax” is not a kind of activity" in html
    assert 'name="on_duplicate"' not in html
    mapping = {
        "column_0": "kind",
        "column_1": "subject",
        "column_2": "happened_at",
        "column_3": "customer_email",
    }
    response = client.post(map_url(run), {**mapping, "start": "1"})
    assert response.status_code == 302
    run.refresh_from_db()
    assert (run.status, run.target) == ("queued", "activity")


def test_the_remembered_mapping_is_per_kind_of_import(client, user):
    client.force_login(user)
    upload(client, CONTACTS, target="contacts")
    first = ImportRun.objects.get()
    chosen = ["name", "", "", "title", "customer_email"]
    data = {f"column_{i}": f for i, f in enumerate(chosen)}
    client.post(map_url(first), {**data, "on_duplicate": "skip", "start": "1"})
    upload(client, CONTACTS, target="contacts")
    again = ImportRun.objects.latest("id")
    form = client.get(map_url(again)).context["form"]
    assert [form[f"column_{i}"].initial for i in range(5)] == chosen
    # The same headers as a customers import: guessed for customers, not remembered.
    upload(client, CONTACTS)
    customers = ImportRun.objects.latest("id")
    assert customers.target == "customers"
    form = client.get(map_url(customers)).context["form"]
    assert [form[f"column_{i}"].initial for i in range(5)] == ["name", "email", "phone", "", ""]


def test_each_import_needs_the_right_to_add_what_it_brings_in(
    client, make_user, user, start_import
):
    run = start_import(user, CONTACTS, target="contacts")
    adder = make_user("adder", perms=("view_customer", "add_customer"))
    client.force_login(adder)
    for name in ("import_detail", "import_errors"):
        assert client.get(reverse(name, args=[run.pk])).status_code == 403
    fragment = client.get(reverse("import_detail", args=[run.pk]), headers={"HX-Request": "true"})
    assert fragment.status_code == 403
    assert client.post(reverse("import_undo", args=[run.pk])).status_code == 403
    assert Contact.objects.count() == 0


def test_the_list_says_what_each_import_brings_in(client, user, start_import):
    start_import(user, CONTACTS, target="contacts")
    start_import(user, ACTIVITY, target="activity")
    client.force_login(user)
    html = client.get(reverse("import_list")).content.decode()
    assert "Brings in" in html
    assert '<td data-label="Brings in">Contacts</td>' in html
    assert '<td data-label="Brings in">Activity</td>' in html


def page_checked(html: str) -> str:
    """The value of the checked target radio."""
    import re

    return re.search(r'<input type="radio" name="target" value="(\w+)"[^>]*checked', html)[1]
