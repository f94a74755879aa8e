"""``python -m atodds``."""

from .cli import main

main()
