"""The browser tests' server answers requests that arrive together, as a browser sends
them (a live search still running when Enter sends the same search again)."""

from concurrent.futures import ThreadPoolExecutor
from urllib.request import Request, urlopen

from django.conf import settings

REQUESTS = 60


def test_requests_at_once_are_all_answered(live_server, transactional_db, client, user):
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    url = f"{live_server.url}/customers/?q=smith"

    def fetch(_) -> int:
        request = Request(url, headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"})
        with urlopen(request, timeout=30) as response:
            return response.status

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(fetch, range(REQUESTS)))

    assert statuses == [200] * REQUESTS
