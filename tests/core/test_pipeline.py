"""Pipelines load from TOML, check their chain before data, and every stage keeps the contract."""

from __future__ import annotations

import polars as pl
import pytest

from voc.core import columns as C
from voc.core.errors import PipelineError
from voc.core.pipeline import available_pipelines, load_pipeline
from voc.core.stages import registered

READER_COLUMNS = [C.VOC_ID, C.TEXT, C.LANG_HINT, C.SOURCE_FILE]


def working_frame() -> pl.DataFrame:
    texts = ["Ottimo servizio", "Kurier się spóźnił", "Оператор нагрубил", "Great app", "", "Die Lieferung war spät"]
    return pl.DataFrame(
        {
            C.VOC_ID: [f"x:{i}" for i in range(len(texts))],
            C.TEXT: texts,
            C.LANG_HINT: [None, "pl", None, None, None, None],
            C.SOURCE_FILE: ["x"] * len(texts),
            C.SCORE: [9.0, 2.0, None, 10.0, None, 5.0],
            C.SCORE_SCALE: ["0-10"] * len(texts),
        },
        schema={C.VOC_ID: pl.String, C.TEXT: pl.String, C.LANG_HINT: pl.String, C.SOURCE_FILE: pl.String,
                C.SCORE: pl.Float64, C.SCORE_SCALE: pl.String},
    )  # fmt: skip


def frame_for(stage) -> pl.DataFrame:
    """A working frame with every column ``stage`` requires, made by the default pipeline's earlier stages."""
    frame = working_frame()
    for earlier in load_pipeline("default").stages:
        if set(stage.requires) <= set(frame.columns):
            return frame
        frame = earlier(frame)
    assert set(stage.requires) <= set(frame.columns), f"no stage of the default pipeline provides {stage.requires}"
    return frame


@pytest.fixture(scope="module")
def learned_model(tmp_path_factory):
    """A model folder for the stage that needs one (voc.learned.v1), trained on written rows."""
    from tests.learn.data import trained_model

    return trained_model(tmp_path_factory.mktemp("learned"))


# Stages that cannot run without a parameter: name -> fixture giving it.
NEEDS = {"voc.learned.v1": ("model", "learned_model")}


@pytest.mark.parametrize("name", sorted(registered()))
def test_every_registered_stage_keeps_rows_and_columns_and_adds_what_it_declares(name, request):
    params = {NEEDS[name][0]: str(request.getfixturevalue(NEEDS[name][1]))} if name in NEEDS else {}
    stage = registered()[name](**params)
    frame = frame_for(stage)
    out = stage(frame)
    assert out.height == frame.height
    assert out.columns[: frame.width] == frame.columns  # input columns kept, in order
    for name, dtype in frame.schema.items():  # ... and untouched (Object columns: the very same objects)
        if name in stage.rewrites:  # declared: the clean stage rewrites text
            assert out.schema[name] == dtype, name
        elif dtype == pl.Object:
            assert all(a is b for a, b in zip(out[name].to_list(), frame[name].to_list()))
        else:
            assert out[name].equals(frame[name]), name
    assert set(stage.provides) <= set(out.columns)
    assert set(out.columns) - set(frame.columns) == set(stage.provides)


@pytest.mark.parametrize("name", available_pipelines())
def test_shipped_pipelines_load_and_chain(name):
    pipeline = load_pipeline(name)
    pipeline = pipeline.bind(READER_COLUMNS)
    out = pipeline(working_frame())
    assert set(pipeline.provides) <= set(out.columns)


def test_default_pipeline_provides_the_contract_columns():
    provided = set(load_pipeline("default").provides)
    assert set(C.CONTRACT) - {C.VOC_ID} <= provided


def test_score_check_is_skipped_without_a_score_and_kept_with_one():
    pipeline = load_pipeline("default")
    assert C.SCORE_TEXT_DISAGREEMENT not in pipeline.bind(READER_COLUMNS).provides
    assert C.SCORE_TEXT_DISAGREEMENT in pipeline.bind(READER_COLUMNS + [C.SCORE, C.SCORE_SCALE]).provides


def test_overrides_reach_the_stage_by_role():
    pipeline = load_pipeline("default", {"language": {"force": "pl"}})
    assert set(pipeline(working_frame())[C.LANGUAGE].to_list()) == {"pl", "und"}


def toml(tmp_path, text):
    path = tmp_path / "p.toml"
    path.write_text(text)
    return str(path)


def test_unknown_factory_suggests_the_close_one(tmp_path):
    path = toml(tmp_path, '[pipeline]\nstages = ["l"]\n[stages.l]\nfactory = "voc.language.lingua.v2"\n')
    with pytest.raises(PipelineError, match=r"unknown factory 'voc.language.lingua.v2' \(did you mean 'voc.language.lingua.v1'\?\)"):
        load_pipeline(path)


def test_unknown_parameter_lists_the_accepted_ones(tmp_path):
    path = toml(tmp_path, '[pipeline]\nstages = ["l"]\n[stages.l]\nfactory = "voc.language.lingua.v1"\npriors = 3\n')
    with pytest.raises(PipelineError, match=r"no parameter\(s\) priors: it takes languages, preferred, prior"):
        load_pipeline(path)


def test_bad_parameter_value(tmp_path):
    path = toml(tmp_path, '[pipeline]\nstages = ["l"]\n[stages.l]\nfactory = "voc.language.lingua.v1"\nlanguages = ["it", "qq"]\n')
    with pytest.raises(PipelineError, match="unknown language code"):
        load_pipeline(path)


def test_missing_required_column_fails_before_data(tmp_path):
    pipeline = load_pipeline("default")
    with pytest.raises(PipelineError, match=r"needs column\(s\) text"):
        pipeline.bind([C.VOC_ID])


def test_broken_files(tmp_path):
    with pytest.raises(PipelineError, match="not valid TOML"):
        load_pipeline(toml(tmp_path, "[pipeline\n"))
    with pytest.raises(PipelineError, match="stages = "):
        load_pipeline(toml(tmp_path, "[pipeline]\n"))
    with pytest.raises(PipelineError, match="needs a \\[stages.x\\] table"):
        load_pipeline(toml(tmp_path, '[pipeline]\nstages = ["x"]\n'))
    with pytest.raises(PipelineError, match="unknown pipeline 'nope': use one of default"):
        load_pipeline("nope")


def test_split_runs_the_same_stages_in_two_parts():
    pipeline = load_pipeline("default").bind([C.VOC_ID, C.TEXT])
    head, tail = pipeline.split(["clean", "duplicates", "language"])
    assert [s.role for s in head.stages] == ["clean", "duplicates", "language"]
    assert [s.role for s in tail.stages] == [s.role for s in pipeline.stages[3:]]
    frame = pl.DataFrame({C.VOC_ID: ["a", "b", "c"],
                          C.TEXT: ["Il corriere è arrivato in ritardo", "great app", "<p>Hi,</p><p>the app crashes.</p><p>Thanks</p>"]})
    assert tail(head(frame)).drop(["_parsed", "_clause_scores", "_topic_hits"]).equals(
        pipeline(frame).drop(["_parsed", "_clause_scores", "_topic_hits"])
    )


def test_configured_sets_a_parameter_on_a_copy_of_the_stages_that_take_it():
    pipeline = load_pipeline("default")
    one = pipeline.configured(threads=1)
    language = [s.role for s in pipeline.stages].index("language")
    assert one.stages[language].threads == 1 and pipeline.stages[language].threads == 0
    assert one.stages[language + 1] is pipeline.stages[language + 1]  # the nlp stage has no such parameter
