"""An expected refusal (a 403 for a role) is logged once at INFO, saying who, what and
why, with no traceback, and not again as a warning by Django's request logger."""

import logging

import pytest

pytestmark = pytest.mark.django_db

HX = {"HX-Request": "true"}


def refusals(caplog):
    return [r for r in caplog.records if getattr(r, "status_code", None) == 403]


def test_a_refusal_is_one_info_line_with_who_what_and_why(client, role_user, caplog):
    client.force_login(role_user("Support agent", "sue"))

    with caplog.at_level(logging.INFO):
        response = client.get("/customers/create/?from=grid")

    assert response.status_code == 403
    (record,) = refusals(caplog)
    assert record.levelno == logging.INFO
    assert record.exc_info is None  # no traceback on the console
    assert record.getMessage() == (
        "Refused sue: GET /customers/create/?from=grid"
        " (Your role does not allow you to add customers.)"
    )
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_a_refused_htmx_request_and_an_object_refusal_are_logged_alike(
    client, role_user, make_customer, manager, caplog
):
    theirs = make_customer(name="Kept Ltd", owner=manager)
    client.force_login(role_user("Sales rep", "rita"))

    with caplog.at_level(logging.INFO):
        response = client.post(f"/customers/delete/{theirs.pk}/", headers=HX)

    assert response.status_code == 403
    (record,) = refusals(caplog)
    assert record.levelno == logging.INFO and record.exc_info is None
    assert "Refused rita: POST /customers/delete/" in record.getMessage()
    assert "Only the owner or a manager can delete “Kept Ltd”." in record.getMessage()


def test_a_user_without_a_role_is_logged_too(client, user_without_permissions, caplog):
    client.force_login(user_without_permissions)

    with caplog.at_level(logging.INFO):
        assert client.get("/customers/").status_code == 403

    (record,) = refusals(caplog)
    assert record.getMessage() == "Refused nobody: GET /customers/ (You don't have access yet.)"
