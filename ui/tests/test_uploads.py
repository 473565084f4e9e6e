"""CappedUploadHandler: a file past MAX_UPLOAD_BYTES is not kept, and the request says so."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from ui.uploads import upload_too_large


def post_file(size: int):
    request = RequestFactory().post(
        "/upload/",
        {"note": "kept", "file": SimpleUploadedFile("big.csv", b"x" * size)},
    )
    files = request.FILES  # parses the body through the settings' upload handlers
    return request, files


def test_a_file_within_the_cap_arrives(settings):
    settings.MAX_UPLOAD_BYTES = 10_000
    request, files = post_file(10_000)
    assert files["file"].size == 10_000
    assert not upload_too_large(request)


def test_a_file_past_the_cap_is_dropped_and_the_fields_before_it_kept(settings):
    settings.MAX_UPLOAD_BYTES = 10_000
    request, files = post_file(10_001)
    assert "file" not in files
    assert upload_too_large(request)
    assert request.POST["note"] == "kept"


def test_a_body_far_past_the_cap_is_refused_before_the_file_is_read(settings):
    settings.MAX_UPLOAD_BYTES = 1_000
    request, files = post_file(200_000)
    assert "file" not in files and upload_too_large(request)
