#!/usr/bin/env sh
# Rebuild docs/sample-report/ (the report shown in README) from sample_data/:
# analyse the four exports into a fresh history store, then report on 2026-W47.
set -eu
cd "$(dirname "$0")/.."
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
uv run voc analyze sample_data/it_survey_nps.csv --id-col "ID risposta" --date-col "Data invio" --score-col "NPS (0-10)" --channel-col "Canale acquisto" --store "$store" -o /dev/null --format csv -q
uv run voc analyze sample_data/pl_helpdesk_tickets.xlsx --id-col "Nr zgłoszenia" --date-col "Data utworzenia" --score-col "Ocena CSAT" --channel-col "Kanał" --store "$store" -o /dev/null --format csv -q
uv run voc analyze sample_data/ru_reviews.jsonl --id-col review_id --date-col created_at --score-col rating --store "$store" -o /dev/null --format csv -q
uv run voc analyze sample_data/en_feedback_mixed.csv --id-col feedback_id --date-col received_at --score-col rating --channel-col source --store "$store" -o /dev/null --format csv -q
uv run voc report --store "$store" --week 2026-W47 -o docs/sample-report -q 2>/dev/null || true
# The store's temporary path is not part of the sample.
sed -i "s|history store $store|history store history/|" docs/sample-report/summary.md docs/sample-report/summary.html
