"""Redwood: an open-source strength coach for combined back-and-leg training."""

__version__ = "0.1.0"
