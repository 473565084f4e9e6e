"""Reading the grid as a user does: which customers it shows, in what order."""

import re


def shown(client, headers=None, **query) -> list[str]:
    """The names in the grid, in order, for the filters in `query` (sorted by name
    unless `query` says otherwise)."""
    response = client.get("/customers/", {"sort": "name", **query}, headers=headers or {})
    assert response.status_code == 200
    return re.findall(
        r'data-label="Name"><a href="/customers/\d+/">(.*?)</a>', response.content.decode()
    )
