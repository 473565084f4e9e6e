"""What a load balancer and an orchestrator ask: is this process up, and can it work?

`/healthz` answers "ok" as long as the process serves requests: no login, no data, no
database, so a busy or briefly unreachable database never gets a live host killed.
`/readyz` also asks the database a trivial question; 503 says "send no traffic here
for now" while it cannot be reached.
"""

import logging

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _plain(text: str, status: int = 200) -> HttpResponse:
    return HttpResponse(text, content_type="text/plain; charset=utf-8", status=status)


@login_not_required
@never_cache
@require_safe
def healthz(request):
    return _plain("ok")


@login_not_required
@never_cache
@require_safe
def readyz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # The reason goes to the log, not to whoever asks: it may name hosts and users.
        logger.warning("Not ready: the database cannot be reached", exc_info=True)
        return _plain("database unreachable", status=503)
    return _plain("ok")
