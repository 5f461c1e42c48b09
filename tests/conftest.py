"""Shared test configuration.

Hypothesis profiles: ``ci`` (the default, quick) and ``long`` (a thorough
run); pick one with ``HYPOTHESIS_PROFILE=long``.
"""

import os

from hypothesis import settings

settings.register_profile("ci", max_examples=100, deadline=None)
settings.register_profile("long", max_examples=5000, deadline=None)
# For mutmut (docs/testing.md): few, fixed examples, so that each mutant runs fast
# and the same mutant is always killed or always survives.
settings.register_profile(
    "mutation", max_examples=25, deadline=None, derandomize=True, database=None
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
