"""Story: a rep writes to a customer from the record, starting from a template; the
email is on the timeline at once as "Sending", and turns "Sent" once the worker has
sent it, without a reload."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from customers.models import EmailTemplate
from customers.tests.imports.helpers import run_worker_once
from e2e.conftest import grant


@pytest.fixture
def user(user):
    return grant(user, "view_interaction", "add_interaction", "view_emailtemplate")


def test_write_from_a_template_and_see_it_sent(logged_in_page, make_customer):
    page = logged_in_page
    ann = make_customer("Ann Lee", email="ann@example.com", company="Acme")
    EmailTemplate.objects.create(
        name="Quote", subject="Your quote from {{ company }}", body="Hello {{ first_name }},"
    )
    page.goto(f"/customers/{ann.pk}/")

    page.get_by_role("link", name="Write email to Ann Lee").click()
    expect(page.get_by_role("heading", name="Email Ann Lee")).to_be_visible()
    expect(page.get_by_label("To")).to_have_value("ann@example.com")
    page.get_by_label("Template").select_option(label="Quote")
    page.get_by_role("button", name="Use template").click()
    expect(page.get_by_label("Subject")).to_have_value("Your quote from {{ company }}")
    page.get_by_label("Body").fill("Hello {{ first_name }},\n\nThe quote is attached.")
    page.get_by_role("button", name="Send").click()

    expect(page).to_have_url(re.compile(rf"/customers/{ann.pk}/#interaction-\d+$"))
    toast = "Your email to ann@example.com is on its way."
    expect(page.get_by_role("status")).to_contain_text(toast)
    entry = page.locator(".timeline__item--email").first
    expect(entry).to_contain_text("Your quote from Acme")
    expect(entry).to_contain_text("Sending")
    assert mail.outbox == []  # the request only queued it

    run_worker_once()

    expect(entry).to_contain_text("Sent")  # the entry asked again by itself
    (email,) = mail.outbox
    assert email.subject == "Your quote from Acme"
    assert email.body == "Hello Ann,\n\nThe quote is attached."
