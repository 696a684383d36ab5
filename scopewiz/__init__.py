"""scopewiz: a terminal interview wizard for peer challenge scoping meetings."""

from __future__ import annotations

__version__ = "0.1.0"
