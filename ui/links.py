"""Row and card links at the cost of string formatting."""

from functools import lru_cache

from django.urls import get_script_prefix, get_urlconf, reverse

PK_MARKER = 9_182_736_455_463_728_190  # a primary key that no URL holds but in its place


def pk_url_maker(name: str):
    """`reverse(name, args=[pk])` as a function of pk, for a URL whose one argument is
    a primary key.

    A reverse takes tens of microseconds, and a page of rows or cards asks for several
    each: this reverses the name once and fills each key in after. The script prefix
    and urlconf (thread-local reads) are looked up once too.
    """
    prefix, suffix = _around_pk(name, get_script_prefix(), get_urlconf())
    return lambda pk: f"{prefix}{int(pk)}{suffix}"


@lru_cache(maxsize=512)
def _around_pk(name: str, script_prefix: str, urlconf) -> tuple[str, str]:
    prefix, suffix = reverse(name, args=[PK_MARKER], urlconf=urlconf).split(str(PK_MARKER))
    return prefix, suffix
