"""Serving many users: nginx in front of several app processes, systemd units, health, backup and restore."""
