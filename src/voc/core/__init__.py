"""Shared foundations: column names, errors, resources, messages, the stage registry."""
