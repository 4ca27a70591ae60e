"""Step 3 of the flow: per-language NLP, sentiment, taxonomy topics (reads `text`, `language`)."""
