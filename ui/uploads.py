"""Refuse an uploaded file past settings.MAX_UPLOAD_BYTES while it arrives, not after.

Django would otherwise spool a 2 GB upload to disk before any view could look at its
size. The handler stops reading (the rest of the body is drained, so the browser gets
an answer, not a reset connection) and marks the request, so the view can say why the
file is missing: `upload_too_large(request)`. Fields sent before the file (the CSRF
token, say) are kept, so forms put their file input last.
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

TOO_LARGE = "_upload_too_large"


def upload_too_large(request) -> bool:
    return getattr(request, TOO_LARGE, False)


class CappedUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.request_length = content_length or 0
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        # A body longer than the cap (and its form fields' little overhead) cannot hold
        # a file within it: stop before reading a byte of it.
        if self.request_length > settings.MAX_UPLOAD_BYTES + 64 * 1024:
            self._refuse()

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.MAX_UPLOAD_BYTES:
            self._refuse()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers keep the file

    def _refuse(self):
        setattr(self.request, TOO_LARGE, True)
        raise StopUpload(connection_reset=False)
