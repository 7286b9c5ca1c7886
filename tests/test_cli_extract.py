from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.backends.jsontext import extract_json_text, strip_think
from summarizer.cli import commands as cli

from .conftest import EXAMPLES

WENKU = EXAMPLES / "qinghe-edz-2025h1-summary-wenku.txt"


def test_dry_run_writes_a_valid_summary_atomically(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The example with one figure's subject left elliptical (新增236户: new what?), so the rules must
    # ask and the dry-run backend answers a real call.
    source = tmp_path / "in" / WENKU.name
    source.parent.mkdir()
    text = WENKU.read_text(encoding="utf-8")
    assert "新增市场主体236户" in text
    source.write_text(text.replace("新增市场主体236户", "市场主体持续壮大，新增236户"), encoding="utf-8")
    out_dir = tmp_path / "out"
    code = cli.main(["extract", str(source), "--dry-run", "-o", str(out_dir)])
    out, err = capsys.readouterr()
    assert code == 0, err
    written = out_dir / "qinghe-edz-2025h1-summary-wenku.summary.json"
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["backend"] == "fake" and data["calls"] >= 1
    # the title line gives the metadata by rule, without a model call
    assert data["meta"]["issuer"] == "青禾经济开发区"
    assert data["meta"]["doc_type"] == "summary_with_next_steps"
    assert [p.name for p in out_dir.iterdir()] == [written.name]  # no temp files left behind
    assert "抽取结果" in out


def test_one_bad_file_is_reported_and_the_rest_complete(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "缺失的报告.txt"
    code = cli.main(["extract", str(missing), str(WENKU), "--dry-run", "-o", str(tmp_path / "out"), "--json"])
    out, err = capsys.readouterr()
    assert code == 3
    assert str(missing) in err or str(missing) in out
    assert json.loads(out)["source"] == str(WENKU)
    assert (tmp_path / "out" / "qinghe-edz-2025h1-summary-wenku.summary.json").exists()
    assert not (tmp_path / "out" / "缺失的报告.summary.json").exists()


def test_models_command_reports_backend_without_secrets(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-SECRET-123456")
    code = cli.main(["models", "--backend", "openai", "--base-url", "http://127.0.0.1:9/v1", "--model", "m"])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "openai" in out and "http://127.0.0.1:9/v1" in out and "已设置" in out
    assert "SECRET" not in out
    assert "内置模型" in out and "json_schema" in out


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ('{"a": 1}', '{"a": 1}'),
        ('<think>先想想 {"x": 0}</think>\n{"a": "}"}', '{"a": "}"}'),
        ('好的，结果如下：\n```json\n{"a": {"b": [1, 2]}}\n```\n以上。', '{"a": {"b": [1, 2]}}'),
        ('{"a": "引号\\"{"}', '{"a": "引号\\"{"}'),
        ("<think>没想完", ""),
    ],
)
def test_json_is_pulled_out_of_model_chatter(reply: str, expected: str) -> None:
    assert extract_json_text(reply) == expected


def test_strip_think_with_a_lost_opening_tag() -> None:
    assert strip_think('推理过程</think>{"a": 1}') == '{"a": 1}'


def test_an_offices_own_indicator_is_named_and_headlined_by_its_configuration(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "月报.txt"
    report.write_text(
        "桐川经济开发区2025年1-10月工作情况\n"
        "1-10月，开发区实现技工贸收入58.6亿元，同比增长9.1%；亩均税收贡献32.5万元。\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)

    def indicators() -> dict[str, dict[str, object]]:
        assert cli.main(["extract", str(report), "--dry-run", "-o", "out", "--force"]) == 0
        data = json.loads((tmp_path / "out" / "月报.summary.json").read_text(encoding="utf-8"))
        return {i["value"]: i for i in data["indicators"]}

    before = indicators()
    assert not before["58.6亿元"]["headline"]
    (tmp_path / "summarizer.toml").write_text(
        '[summarizer.indicators]\n"技工贸总收入" = ["技工贸收入"]\n"亩均税收" = ["亩均税收贡献"]\n',
        encoding="utf-8",
    )
    after = indicators()
    assert after["58.6亿元"]["name"] == "技工贸总收入" and after["58.6亿元"]["headline"]
    assert after["32.5万元"]["name"] == "亩均税收" and after["32.5万元"]["headline"]
    assert after["58.6亿元"]["grounding_status"] == "verified"  # grounding reads the same table
    capsys.readouterr()
