"""The CLI imports a topic module only when one of its commands runs, and --help still lists every command."""

from __future__ import annotations

import subprocess
import sys

import typer
from typer.testing import CliRunner

from equipoise import cli


def test_table_lists_every_command_with_its_own_help():
    cli.load()
    group = typer.main.get_group(cli.app)
    assert set(group.commands) == set(cli.COMMANDS)
    for name, cmd in group.commands.items():
        assert cli.COMMANDS[name][1] == cmd.get_short_help_str(1000), name


def test_help_lists_all_commands_and_a_command_still_runs():
    res = CliRunner().invoke(cli.app, ["--help"])
    assert res.exit_code == 0
    for name in cli.COMMANDS:
        assert name in res.output
    res = CliRunner().invoke(cli.app, ["case", "show", "--format", "json"])
    assert res.exit_code == 0 and '"counts"' in res.output


def test_help_and_case_show_do_not_import_heavy_modules():
    probe = ("import sys\nfrom equipoise.cli import main\nsys.argv = ['equipoise'] + sys.argv[1:]\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "heavy = [m for m in ('numpy', 'pandas', 'scipy', 'sqlalchemy', 'networkx', 'pygambit') if m in sys.modules]\n"
             "print('HEAVY', heavy, file=sys.stderr)\n")
    # `case show` validates payoff expressions (the hardening of issue 17), whose evaluator is numpy-based:
    # numpy is allowed there, nothing heavier.
    for args, allowed in ((["--help"], "HEAVY []"), (["case", "show"], "HEAVY ['numpy']")):
        out = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120)
        assert out.stderr.strip().endswith(allowed) or "HEAVY []" in out.stderr, (args, out.stderr[-500:])
