"""Alerts: rules, episodes, lifecycle, history, backtesting (no Qt here, ever)."""
