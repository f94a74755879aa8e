"""The served UI and JSON API (``atodds serve``): read-only views of an atodds database."""

from atodds.web.app import create_app

__all__ = ["create_app"]
