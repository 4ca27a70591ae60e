"""Signals step: what the customer wants and how they feel (intent, emotion, churn_risk, effort)."""
