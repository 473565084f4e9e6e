"""A deal list reached from a report's figure says what the figure's hidden filters
narrow it to, and links back to the whole list."""

import pytest
from django.urls import reverse

from ui.testing import narrowed_text as narrowed

pytestmark = pytest.mark.django_db


def test_the_deal_list_says_its_figures_filters_too(client, manager):
    client.force_login(manager)
    query = "?outcome=lost&closed_from=2026-01-01&closed_to=2026-01-31"
    html = client.get(reverse("deal_list") + query).content.decode()
    assert narrowed(html) == "Only lost · closed Jan 1, 2026 – Jan 31, 2026 · Show all"
    assert 'href="/deals/list/">Show all</a>' in html
