"""Which of the grid's columns a user sees: "Columns" above the grid, remembered per user.

The name, the row's checkbox and its actions are always there; the rest are optional.
By default the grid shows what fits a 1366 px laptop screen with long names, emails and
several tags: the columns that give way first are those a user looks at least often
(`GIVE_WAY`), and "Columns" brings any of them back.

The choice is kept on the user's preference (`UserPreference.grid_columns`) and copied
into their session at sign-in, in the same read as their language and time zone
(project/language.py), so a page of the grid costs no query for it. A session from
before the setting existed reads it once. Another browser the user is signed in on
keeps what it had until it signs in again, as with the language and the time zone.
"""

from customers.models import UserPreference

SESSION_KEY = "_grid_columns"

# The optional columns, by their names in CustomerTable, in the grid's order.
OPTIONAL = (
    *("email", "phone", "company", "owner", "tags", "status"),
    *("support", "last_activity", "next_step", "created"),
)
# What gives way first when a row is too wide for the commonest laptop screen, in that
# order: the day it was made (the grid's default sort, newest first, says it anyway),
# open support requests (a filter finds them) and the last activity (the next step is
# what to do about it).
GIVE_WAY = ("created", "support", "last_activity")
DEFAULT = tuple(name for name in OPTIONAL if name not in GIVE_WAY)


def in_order(names) -> tuple[str, ...]:
    """`names` that are optional columns, in the grid's order, each once; anything else
    (a column since removed, say) is dropped."""
    wanted = set(names)
    return tuple(name for name in OPTIONAL if name in wanted)


def from_stored(value) -> tuple[str, ...]:
    """The columns a stored choice shows: null (never chosen) is the defaults."""
    if value is None or not isinstance(value, list | tuple):
        return DEFAULT
    return in_order(value)


def shown_columns(request) -> tuple[str, ...]:
    """The optional columns the signed-in user shows, from their session."""
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    if session is None or user is None or not user.is_authenticated:
        return DEFAULT
    stored = session.get(SESSION_KEY, False)
    if stored is False:  # a session from before the setting existed: read it once
        found = UserPreference.objects.filter(user_id=user.pk).values_list(
            "grid_columns", flat=True
        )
        stored = found.first()
        remember(session, stored)
    return from_stored(stored)


def remember(session, value) -> None:
    """Keep the stored choice (a list, or None for the defaults) in the session."""
    session[SESSION_KEY] = list(value) if value is not None else None


def choose_columns(*, request, names) -> tuple[str, ...]:
    """Save `names` (optional columns, already checked) as the user's choice, for their
    every browser from their next sign-in and for this one at once. `None` goes back to
    the defaults."""
    stored = list(in_order(names)) if names is not None else None
    UserPreference.objects.update_or_create(user=request.user, defaults={"grid_columns": stored})
    remember(request.session, stored)
    return from_stored(stored)
