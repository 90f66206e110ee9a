"""Pelican plugin: Belde press items, their terms, and the archive built from them."""

from .press import register

__all__ = ["register"]
