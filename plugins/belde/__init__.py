"""Belde: a Pelican archive of local-government press items, indexed by district and person."""

__version__ = "0.1.0"
