import pytest
from django.utils import timezone

from ui.testing import HX

pytestmark = pytest.mark.django_db


def test_pages_render(user_client, ann, make_task):
    task = make_task(due_date=timezone.localdate())
    page = user_client.get("/tasks/")
    assert page.status_code == 200, page.content.decode()[:3000]
    html = page.content.decode()
    assert "Call back" in html and 'aria-label="My work, 1 due"' in html
    record = user_client.get(f"/customers/{ann.pk}/")
    assert record.status_code == 200
    assert "Next steps" in record.content.decode()
    form = user_client.get(f"/tasks/create/?customer={ann.pk}")
    assert form.status_code == 200
    done = user_client.post(f"/tasks/{task.pk}/complete/", headers=HX)
    assert done.status_code == 200, done.content.decode()
    badge = user_client.get("/tasks/badge/", headers=HX)
    assert "My work" in badge.content.decode()
