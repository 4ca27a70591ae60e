"""Canonical column names: the only way steps talk to each other.

The reader turns an export into a *working frame* holding only the columns
below (never the user's own columns, so no stage can clash with them). Each
stage reads some of these columns and adds others; the writer puts the user's
columns back in front of the output columns.
"""

# -- working columns, filled by read/ -------------------------------------
VOC_ID = "voc_id"          # the row's id (from --id-col, else file:row)
TEXT = "text"              # the text to analyse (--text-col, joined)
LANG_HINT = "lang_hint"    # ISO 639-1 code from --lang-col, or null
SOURCE_FILE = "source_file"
DATE = "voc_date"          # parsed --date-col (local wall-clock time)
SCORE = "voc_score"        # parsed --score-col
SCORE_SCALE = "voc_score_scale"  # "0-10", "1-5", "1-10" or "0-100"
CHANNEL = "channel"        # --channel-col as text (for the history store and reports; not an output column)

# -- private working columns, filled by clean/ (never written) ---------------
REMOVED = "_removed"       # what the clean step took out of `text` ("markup", "sign-off"...), or null
UNCLEANED = "_uncleaned"   # `text` as read, where the clean step changed it; else null

# -- private working column of `--discover --jobs N`: features made in a worker (voc.parallel)
DISCOVERY_FEATURES = "_features"

# -- contract columns (see README "Output columns") ------------------------
LANGUAGE = "language"
LANGUAGE_CONFIDENCE = "language_confidence"
SENTIMENT = "sentiment"
SENTIMENT_SCORE = "sentiment_score"
TOPICS = "topics"
TOPIC_SENTIMENTS = "topic_sentiments"
SCOPE = "scope"
EVIDENCE = "evidence"
SCORE_TEXT_DISAGREEMENT = "score_text_disagreement"  # extension: text vs --score-col
DISCOVERED_TOPIC = "discovered_topic"  # extension: voc analyze --discover (-1: outlier)
DISCOVERED_TOPIC_LABEL = "discovered_topic_label"
SENTIMENT_CONFIDENCE = "sentiment_confidence"  # extension: voc analyze --model (learn/stage.py)
SCOPE_CONFIDENCE = "scope_confidence"
CATEGORIES = "categories"  # the user's own categories, learned from their labels
INTENT = "intent"  # extension: what the writer wants (voc.signals)
EMOTION = "emotion"
CHURN_RISK = "churn_risk"
EFFORT = "effort"
DUPLICATE_OF = "duplicate_of"  # extension: the voc_id of the earlier row this one nearly repeats (voc.dedupe)

CONTRACT = (
    VOC_ID,
    LANGUAGE,
    LANGUAGE_CONFIDENCE,
    SENTIMENT,
    SENTIMENT_SCORE,
    TOPICS,
    TOPIC_SENTIMENTS,
    SCOPE,
    EVIDENCE,
)

# Columns voc adds beyond the contract (the contract may only grow by adding).
EXTENSIONS = (
    SCORE_TEXT_DISAGREEMENT, DISCOVERED_TOPIC, DISCOVERED_TOPIC_LABEL,
    SENTIMENT_CONFIDENCE, SCOPE_CONFIDENCE, CATEGORIES,
    INTENT, EMOTION, CHURN_RISK, EFFORT, DUPLICATE_OF,
    SOURCE_FILE, DATE, SCORE, SCORE_SCALE,
)

# The order output columns appear in, after the input columns. A column is
# written only when some step filled it.
OUTPUT = CONTRACT + EXTENSIONS

# Columns that hold lists: ";"-joined in CSV/TSV/XLSX, lists in JSONL/Parquet.
LIST_COLUMNS = frozenset({TOPICS, TOPIC_SENTIMENTS, CATEGORIES})

# The values of the signal columns (voc.signals; the contract lists them), in the order tables show them.
INTENTS = ("complaint", "question", "request", "suggestion", "praise", "other")
EMOTIONS = ("anger", "disappointment", "worry", "joy", "gratitude", "none")

UNDETERMINED = "und"
ANALYSED_LANGUAGES = ("it", "pl", "ru", "en")
