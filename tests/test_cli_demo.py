"""`flask demo load`, which `make run` calls: links on the port actually served, and the demo
pupils' recovery codes still shown on a second run."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask


def test_demo_links_use_the_port_make_run_serves_and_codes_survive_a_second_run(
    app: Flask, tmp_path: Path
) -> None:
    app.instance_path = str(tmp_path)
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "load", "--base-url", "http://127.0.0.1:5101"])
    assert first.exit_code == 0, first.output
    assert "http://127.0.0.1:5101/en/account/login" in first.output
    assert "5000" not in first.output
    codes = re.findall(
        r"[A-Z0-9]{4}-[A-Z0-9]{4}(?:-[A-Z0-9]{4})*", first.output.split("recovery codes")[1]
    )
    assert len(codes) >= 4, first.output

    second = runner.invoke(args=["demo", "load", "--base-url", "http://127.0.0.1:5202"])
    assert second.exit_code == 0, second.output
    assert "already loaded" in second.output
    assert "http://127.0.0.1:5202/en/continue" in second.output
    for code in codes:
        assert code in second.output
    # Kept for the developer only: not readable by other users of the machine.
    assert (tmp_path / "demo-credentials.txt").stat().st_mode & 0o077 == 0
