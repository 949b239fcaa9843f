"""Borda: only this provider's notifier, delivered by the control plane."""
