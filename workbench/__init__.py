"""Cohesion Early-Warning Workbench: the headless core (no Qt here, ever)."""

from workbench.memory import avoid_stalling_huge_pages

__version__ = "0.1.0"

avoid_stalling_huge_pages()  # before numpy is imported, where possible (workbench/memory.py)
