"""Numbers in URLs that Python reads one way and the database another are no 500s."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/customers/1/activity/?before=%C2%B2",
        "/deals/create/?customer=%C2%B2",
        "/deals/list/?customer=9223372036854775808",
        "/deals/list/?customer=1e19",
    ],
)
def test_odd_numbers_in_the_url_are_not_server_errors(user_client, make_customer, url):
    make_customer()

    assert user_client.get(url).status_code in (200, 400)
