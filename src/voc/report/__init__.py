"""Weekly summaries (store -> summarise -> render). So far: PII redaction (redact.py)."""
