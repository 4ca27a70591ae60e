"""Dedupe step: which rows nearly repeat an earlier row (duplicate_of)."""
