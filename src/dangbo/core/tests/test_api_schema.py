"""The API against its own OpenAPI document (schemathesis): generated calls as an anonymous
caller, as a secretary whose reach is one cell (S1) and as the board officer. No call may
answer 5xx or break the document, and nothing outside the caller's reach may come back."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from dangbo.accounts.services import issue_token

OUTSIDE_S1 = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Đảng bộ Sở Tài chính",
              "Chi bộ Văn phòng", "Chi bộ Ngân sách", "Đảng bộ Khối A")


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI app closes "old" connections at each request's end, which on PostgreSQL is
    the test's own transaction; Django's test client disconnects this signal too."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _schema():
    from django.core.wsgi import get_wsgi_application

    loaded = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    # A NUL character (\u0000) is refused by the API with 422 before anything reads it (no text
    # column can store it; test_probe_findings tests that refusal): not data to try as valid.
    loaded.config.generation.update(allow_x00=False)
    return loaded


schema = _schema()
# Every documented check applies, but one: unknown query parameters are ignored, as on the pages,
# rather than refused (the check counts an extra `?x=1` as data that should have been rejected).
LENIENT = [negative_data_rejection]
# Creating a person or a candidate's file, voiding or correcting an event, are refused for
# reasons no schema can state (a birth date after today, a code already taken, a person already
# followed, a history that would no longer hold): a 422 with the reason is the right answer
# there, which the positive-data check counts as rejected valid input.
JUDGED = {"/api/persons", "/api/persons/{code}", "/api/candidates", "/api/member-events/{event_id}/void",
          "/api/member-events/{event_id}/correct", "/api/org-events/{event_id}/void"}
# A member's photo is judged by its content (an empty file, a file that is no picture), a work
# history's months by their order, a relative's birth year by today.
JUDGED |= {"/api/persons/{code}/photo", "/api/persons/{code}/work-history", "/api/persons/{code}/family"}
# Every record's void and correction likewise (a correction has the checks of a new record).
JUDGED |= {p for p in schema.raw_schema["paths"] if p.endswith(("{record_id}/void", "{record_id}/correct"))}


def _excluded(case):
    return LENIENT + [positive_data_acceptance] if case.path in JUDGED else LENIENT
FAST = settings(max_examples=15, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
# The void and correct operations of the work areas' records are one function each, registered
# for every kind (corrections/api.py): fewer examples each, the same three checks.
GENERATED = r"\{record_id\}/(void|correct)$"
FEW = settings(FAST, max_examples=4)
PARTS = ((schema.exclude(path_regex=GENERATED), FAST), (schema.include(path_regex=GENERATED), FEW))


def _anonymous_gets_nothing(part, speed):
    @part.parametrize()
    @speed
    def test(case, imported_bloc):
        response = case.call()
        if case.path != "/api/openapi.json":
            documented = case.method.lower() == case.operation.method.lower()
            assert response.status_code == (401 if documented else 405), (case.method, case.path, response.status_code)
    return test


def _out_of_scope_secretary_sees_nothing_outside(part, speed):
    @part.parametrize()
    @speed
    def test(case, people):
        key = issue_token(user=people["secretary_b"], name="schemathesis")
        response = case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, excluded_checks=_excluded(case))
        assert response.status_code < 500
        if response.status_code < 300 and case.method == "GET":
            for name in OUTSIDE_S1:
                assert name not in response.text, (case.path, name)
    return test


def _board_officer_never_meets_a_server_error(part, speed):
    @part.parametrize()
    @speed
    def test(case, people):
        key = issue_token(user=people["board"], name="schemathesis")
        response = case.call_and_validate(headers={"Authorization": f"Bearer {key}"}, excluded_checks=_excluded(case))
        assert response.status_code < 500
    return test


test_anonymous_gets_nothing = _anonymous_gets_nothing(*PARTS[0])
test_anonymous_gets_nothing_on_a_record_void_or_correction = _anonymous_gets_nothing(*PARTS[1])
test_out_of_scope_secretary_sees_nothing_outside = _out_of_scope_secretary_sees_nothing_outside(*PARTS[0])
test_out_of_scope_secretary_voids_or_corrects_nothing_outside = _out_of_scope_secretary_sees_nothing_outside(*PARTS[1])
test_board_officer_never_meets_a_server_error = _board_officer_never_meets_a_server_error(*PARTS[0])
test_board_officer_voids_and_corrects_without_a_server_error = _board_officer_never_meets_a_server_error(*PARTS[1])
