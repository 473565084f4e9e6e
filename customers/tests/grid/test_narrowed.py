"""A grid reached from a report's figure says what the figure's hidden filters narrow it
to, and links back to the whole list, keeping what the user searched."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from customers.models import LeadSource
from ui.testing import narrowed_text as narrowed

pytestmark = pytest.mark.django_db


def test_the_hidden_filters_are_said_in_words_with_a_way_back(
    client, manager, sales_rep, make_customer
):
    team = Group.objects.create(name="Key <accounts>")
    source = LeadSource.objects.get(name="Website")
    make_customer(name="Acme", owner=sales_rep)
    client.force_login(manager)
    query = f"?q=acme&owner={sales_rep.pk}&team={team.pk}&lead_source={source.pk}&quiet=30"

    html = client.get(reverse("customer_list") + query).content.decode()

    assert narrowed(html) == (
        "Only owned by rita · of the team Key <accounts> · from the lead source Website"
        " · no activity for 30 days · Show all"
    )
    assert "Key &lt;accounts&gt;" in html  # a team's name is the admin's text: escaped
    assert 'href="/customers/?q=acme">Show all</a>' in html


def test_a_list_without_hidden_filters_says_nothing_more(client, manager):
    client.force_login(manager)
    html = client.get(reverse("customer_list") + "?q=acme&status=active").content.decode()
    assert narrowed(html) == ""


def test_an_unknown_id_reads_as_a_dash_not_an_error(client, manager):
    client.force_login(manager)
    response = client.get(reverse("customer_list") + "?owner=999999&team=999999")
    assert response.status_code == 200
    assert narrowed(response.content.decode()) == "Only owned by — · of the team — · Show all"
