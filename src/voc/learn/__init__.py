"""Learning from the user's own labels (`voc learn`, `voc sample`, `--model`): a step of its own after tag/."""
