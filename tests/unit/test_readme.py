"""The README is a promise: its first commands, and a line for every setting."""

from pathlib import Path

from shared.settings import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")


def test_the_readme_starts_with_make_up_and_make_test():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in first_block.strip().splitlines()] == [
        ["make", "up"],
        ["make", "test"],
    ]


def test_every_setting_is_documented():
    missing = [
        name for name in Settings.model_fields if f"`PLANPULSE_{name.upper()}`" not in README
    ]
    assert missing == []
