"""Files built in the tests, uploads kept in a temporary folder, and the real worker."""

import pytest

from customers.tests.imports.helpers import csv_bytes, finished, run_worker_once


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def write_file(tmp_path):
    def write(data: bytes, name: str = "customers.csv"):
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


@pytest.fixture
def run_worker(transactional_db):
    """Run django-tasks-db's worker (our `worker` command) until the queue is empty.

    On a database the test commits to, as in production: the worker closes a
    connection it finds inside a transaction (close_old_connections), which would end
    the test's own transaction on PostgreSQL.
    """

    def run():
        run_worker_once()

    return run


@pytest.fixture
def start_import(write_file):
    """start_import(user, rows, on_duplicate="skip", mapping=None, target="customers"):
    upload the rows as a CSV, map them (guessed unless given) and queue the import, as
    the pages do."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from customers.imports.mapping import guess_mapping
    from customers.imports.parsing import inspect_file
    from customers.imports.services import import_configure, import_upload
    from customers.imports.tasks import import_enqueue

    def start(
        user,
        rows,
        *,
        on_duplicate="skip",
        mapping=None,
        batch_limit=None,
        data=None,
        target="customers",
    ):
        data = data if data is not None else csv_bytes(rows)
        shape = inspect_file(write_file(data))
        upload = SimpleUploadedFile(f"{target}.csv", data, content_type="text/csv")
        run = import_upload(user=user, upload=upload, shape=shape, target=target)
        run = import_configure(
            run=run,
            mapping=mapping or guess_mapping(shape.headers, target=target),
            on_duplicate=on_duplicate,
        )
        return import_enqueue(run=run, batch_limit=batch_limit)

    return start


@pytest.fixture
def run_import(start_import, run_worker):
    """run_import(user, rows, **options): `start_import`'s import, run to its end by the
    worker; the run as the worker left it."""

    def run(user, rows, **options):
        started = start_import(user, rows, **options)
        run_worker()
        return finished(started)

    return run
