"""`planpulse bench` runs end to end and prints every row beside its baseline."""

import re

from planpulse_cli.bench import main


def test_bench_prints_each_rate_beside_a_raw_baseline(capsys):
    assert main(events=300) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "---" not in line]
    measured = rows[1:]  # after the header row
    names = [row.split("|")[1].strip() for row in measured]
    assert [name.split(",")[0] for name in names][:4] == [
        "append",
        "append",
        "activity.log command",
        "rebuild",
    ]
    for row in measured:
        product, raw = (float(cell.replace(",", "")) for cell in row.split("|")[2:4])
        assert product > 0 and raw > 0
    assert re.search(r"; 0 failed", out)
