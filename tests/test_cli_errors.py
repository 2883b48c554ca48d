"""The command line's errors: one line and a non-zero exit for what a user can cause, a traceback for a bug."""

import errno
import urllib.error
import urllib.request

import pytest

from purenn import Network
import importlib

cli_main = importlib.import_module("purenn.cli.main")
from purenn.cli.commands import params

from cli_run import run_main

EXERCISE = ["--W1", "2,1;1,2;0.5,3", "--b1", "-1,0,-0.25", "--W2", "0,1,0;1,-1,1", "--b2", "-1,0",
            "--act", "sigmoid,softmax"]


def _one_line(result, code, text):
    assert result.returncode == code, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert text in result.stderr, result.stderr


def test_a_model_path_that_is_a_folder(tmp_path):
    _one_line(run_main("mnist", "--model", str(tmp_path), "--epochs", "0"), 1, f"{tmp_path} is a folder, not a file")


def test_a_json_file_nested_too_deeply(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    _one_line(run_main("forward", str(path), "--input", "1"), 2, "nested far too deeply")


def test_a_json_number_with_too_many_digits(tmp_path):
    path = tmp_path / "big.json"
    path.write_text('{"format": "purenn-network", "version": 1, "layers": [{"W": [[1' + "0" * 5000 + ']]}]}')
    result = run_main("forward", str(path), "--input", "1")
    assert result.returncode == 2 and "Traceback" not in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize("error, text", [
    (PermissionError(errno.EACCES, "Permission denied", "netz.json"), "netz.json: permission denied"),
    (OSError(errno.EROFS, "Read-only file system", "netz.json"), "netz.json: the file system is read-only"),
    (OSError(errno.ENOSPC, "No space left on device", "netz.json"), "netz.json: no space left on the disk"),
    (IsADirectoryError(errno.EISDIR, "Is a directory", "netz.json"), "netz.json is a folder, not a file"),
    (MemoryError(), "not enough memory"),
    (RecursionError("maximum recursion depth exceeded"), "nested too deeply"),
    (OverflowError("math range error"), "too large for a float"),
])
def test_faults_of_the_machine_are_one_line_and_exit_code_1(monkeypatch, error, text):
    def fail(path):
        raise error

    monkeypatch.setattr(Network, "load", staticmethod(fail))
    _one_line(run_main("forward", "--net", __file__, "--input", "1"), 1, text)


def test_eta_too_large_for_a_float():
    _one_line(run_main("backprop", *EXERCISE, "--input", "1.3,0.8", "--target", "0,1", "--eta", "1e400"), 2,
              "--eta: '1e400' is too large for a float")


def test_download_without_a_network(monkeypatch, tmp_path):
    def offline(*args, **kwargs):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    _one_line(run_main("mnist", "--download", str(tmp_path / "mnist")), 1, "could not download train-images")


def test_ctrl_c_is_one_line_and_exit_code_130(monkeypatch):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(params, "parse_sizes", interrupted)
    _one_line(run_main("params", "5", "8", "1"), 130, "abgebrochen (Strg-C) / interrupted (Ctrl-C)")


def test_a_bug_inside_purenn_keeps_its_traceback(monkeypatch):
    # The sizes handed on as strings: param_count then adds "5" + 1 — Python's TypeError, not a check of purenn.
    monkeypatch.setattr(params, "parse_sizes", lambda words: list(words))
    with pytest.raises(TypeError) as e:
        cli_main.main(["params", "5", "8", "1"])
    tb = e.tb
    while tb.tb_next is not None:
        tb = tb.tb_next
    assert tb.tb_frame.f_globals["__name__"] == "purenn.layer"  # it reaches the user with its traceback


def test_raised_by_purenn_tells_a_check_from_an_operation():
    from purenn.layer import param_count
    from purenn.scalars import argmax

    with pytest.raises(ValueError) as check:
        argmax([])
    with pytest.raises(TypeError) as operation:
        param_count("5", 8)  # type: ignore[arg-type]
    assert cli_main.raised_by_purenn(check.value)
    assert not cli_main.raised_by_purenn(operation.value)
    assert cli_main.user_error(operation.value) is None


def test_a_network_path_that_is_a_folder(tmp_path):
    _one_line(run_main("forward", str(tmp_path), "--input", "1"), 2, f"{tmp_path} is a folder, not a network file")


def test_a_network_file_larger_than_the_limit_is_refused_before_reading(monkeypatch, tmp_path):
    from purenn.io import modelfile

    path = Network.create([2, 1], seed=0).save(tmp_path / "m.json")
    monkeypatch.setattr(modelfile, "MAX_FILE_BYTES", 10)
    _one_line(run_main("forward", str(path), "--input", "1,2"), 2, "a purenn network file may be at most 10 bytes")
