"""The topic model file is checked against the sha256 its card records, and it ships in the package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from nlp.errors import ModelIntegrityError
from nlp.topics import CARD_FILE, MODEL_DIR, MODEL_FILE, load, model_version
from tests.conftest import ROOT


@pytest.fixture
def model_copy(tmp_path):
    for name in (MODEL_FILE, CARD_FILE):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    return tmp_path


def test_the_shipped_model_matches_its_card():
    assert len(model_version()) == 8


@pytest.mark.parametrize("damage", ["truncate", "replace"])
def test_a_damaged_or_replaced_model_file_is_refused_naming_both_files(model_copy, damage):
    path = model_copy / MODEL_FILE
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if damage == "truncate" else data + b"\0")
    for check in (model_version, load):
        with pytest.raises(ModelIntegrityError) as raised:
            check(model_copy)
        message = str(raised.value)
        assert str(path) in message and str(model_copy / CARD_FILE) in message and "newsmon train" in message


def test_a_truncated_model_is_one_line_on_the_command_line(model_copy, tmp_path, monkeypatch):
    import nlp.analyzer
    from newsmon.cli import app

    (model_copy / MODEL_FILE).write_bytes((model_copy / MODEL_FILE).read_bytes()[:1000])
    real = nlp.analyzer.Analyzer
    monkeypatch.setattr(nlp.analyzer, "Analyzer", lambda: real(model_dir=model_copy))
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Steel."}\n')
    result = CliRunner().invoke(app, ["extract", "--input", str(src)])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("error: ") and f"{model_copy / MODEL_FILE}" in line and "`newsmon train`" in line


def test_a_non_editable_install_loads_its_model(tmp_path):
    """Build and install the package as a user would (no editable link to this checkout; no network:
    setuptools from the environment), then load the model from the installed copy."""
    source, target = tmp_path / "source", tmp_path / "site"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in ("flows", "newsmon", "nlp", "storage"):  # a copy, so the build leaves no build/ here
        shutil.copytree(ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(source)], check=True, capture_output=True, env=env, cwd=tmp_path)
    probe = ("import nlp.topics as t; from nlp.analyzer import pipeline_version; "
             "print(t.MODEL_DIR); print(t.load().version); print(pipeline_version())")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path,
                          env={**env, "PYTHONPATH": str(target)})
    model_dir, version, pipeline = done.stdout.split()
    assert model_dir == str(target / "nlp" / "models")
    assert version == model_version() and pipeline.endswith(f"+topics.{version}")
