from collections.abc import Callable

import pytest

from tests.unit.dashboard_fakes import FakeServices, services_installer


@pytest.fixture
def services(monkeypatch: pytest.MonkeyPatch) -> Callable[..., FakeServices]:
    return services_installer(monkeypatch)
