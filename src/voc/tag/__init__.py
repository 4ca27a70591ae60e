"""Step 4 of the flow: tag each item as service, experience, both or none (scope.md)."""
