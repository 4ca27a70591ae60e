"""Step 2 of the flow: detect each item's language (reads `text`, `lang_hint`)."""
