"""``python -m treatycheck``: the same as the ``treatycheck`` command."""

from __future__ import annotations

from .cli import run

if __name__ == "__main__":
    run()
