"""Publishing: links that work from disk, sitemap.xml, robots.txt and pre-compressed files."""

from .publish import register

__all__ = ["register"]
