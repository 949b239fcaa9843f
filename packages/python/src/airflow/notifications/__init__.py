"""Airflow's notifications: ``BaseNotifier``, the base of notifier classes."""
