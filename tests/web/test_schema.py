"""The OpenAPI schema exercised with schemathesis against the running server: requests
generated for every operation (bounded in number) never get a server error.

Hypothesis drives each operation's strategy here directly: schemathesis' pytest plugin does
not run under this pytest."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.web.conftest import Server

pytestmark = pytest.mark.seeds
EXAMPLES = 25


def exercise(strategy: Any, base: str, failures: list[str]) -> int:
    """Up to ``EXAMPLES`` generated requests of one operation; server errors are collected.
    Returns how many requests were sent."""
    sent = 0

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def run(data: Any) -> None:
        nonlocal sent
        case = data.draw(strategy)
        sent += 1
        response = case.call(base_url=base, timeout=60)
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.formatted_path}: {response.text[:300]}")

    run()
    return sent


def test_no_operation_gets_a_server_error(server: Server) -> None:
    schema = schemathesis.openapi.from_url(server.base + "/api/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    failures: list[str] = []
    sent = [exercise(op.as_strategy(), server.base, failures) for op in operations]
    assert failures == []
    assert min(sent) >= 1 and sum(sent) >= 5 * len(operations), sent
