"""Step 2 of the flow: strip what is not the customer's words (markup, quoted replies, greetings, sign-offs, signatures) before any analysis."""
