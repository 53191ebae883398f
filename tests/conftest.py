"""Shared test configuration: hypothesis profiles.

``HYPOTHESIS_PROFILE=ci`` (set by .ci/run) keeps solver property tests short; the default
profile explores more examples locally.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
