"""Saving and loading networks as JSON: round trips, atomic writes, and broken files."""

import json
import os

import pytest

from purenn import Layer, Matrix, Network, activations
from purenn.io.modelfile import FORMAT


def _net():
    return Network([
        Layer(Matrix([[2, 1], [1, 2], [0.5, 3]]), Matrix.column([-1, 0, -0.25]), activations.sigmoid),
        Layer(Matrix([[0.1, 1e-17, -3.3], [1, -1, 1]]), Matrix.column([-1, 0.30000000000000004]), activations.softmax),
    ])


def test_round_trip_is_exact(tmp_path):
    net = Network.create([4, 5, 3, 2], hidden="leaky_relu(0.2)", output="softmax", seed=11)
    path = net.save(tmp_path / "net.json")
    back = Network.load(path)
    assert back.structure == net.structure
    for l in (1, 2, 3):
        assert back.W(l) == net.W(l) and back.b(l) == net.b(l)
        assert back.activation(l).name == net.activation(l).name
    assert back.predict([0.1, 0.2, 0.3, 0.4]) == net.predict([0.1, 0.2, 0.3, 0.4])


def test_file_format_is_as_documented(tmp_path):
    path = _net().save(tmp_path / "net.json")
    doc = json.loads(path.read_text())
    assert doc["format"] == FORMAT and doc["version"] == 1 and doc["structure"] == [2, 3, 2]
    assert doc["layers"][0] == {"l": 1, "activation": "sigmoid", "W": [[2, 1], [1, 2], [0.5, 3]], "b": [-1, 0, -0.25]}


def test_save_replaces_atomically_and_leaves_no_temporary_files(tmp_path):
    path = tmp_path / "net.json"
    path.write_text("old")
    _net().save(path)
    assert Network.load(path).structure == [2, 3, 2]
    assert os.listdir(tmp_path) == ["net.json"]


def test_failed_save_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "net.json"
    _net().save(path)
    old = path.read_bytes()
    import purenn.io.modelfile as mf

    def broken_dumps(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(mf.json, "dumps", broken_dumps)
    with pytest.raises(OSError):
        Network.create([2, 2], seed=0).save(path)
    assert path.read_bytes() == old and os.listdir(tmp_path) == ["net.json"]


def test_crash_during_write_keeps_the_old_file(tmp_path):
    from purenn.io.atomic import atomic_write

    path = tmp_path / "net.json"
    path.write_text("complete")

    def half_then_crash(f):
        f.write(b"{\"half\": ")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(path, half_then_crash)
    assert path.read_text() == "complete" and os.listdir(tmp_path) == ["net.json"]


def _broken(tmp_path, text):
    p = tmp_path / "bad.json"
    p.write_text(text)
    return p


@pytest.mark.parametrize("mutate, text", [
    (lambda s: s[: len(s) // 2], "JSON error.*truncated"),
    (lambda s: "not json", "JSON error"),
    (lambda s: s.replace('"purenn-network"', '"something"'), "format"),
    (lambda s: s.replace('"version": 1', '"version": 7'), "version 7"),
    (lambda s: s.replace('"b": [\n    -1,\n    0,\n    -0.25\n   ]', '"b": [-1, 0]'), "W has 3 rows but b has 2"),
    (lambda s: s.replace('"sigmoid"', '"sigmood"'), "unknown activation 'sigmood'"),
    (lambda s: s.replace('"structure": [\n  2,\n  3,\n  2\n ]', '"structure": [2, 4, 2]'), "structure"),
    (lambda s: s.replace('[\n     2,\n     1\n    ]', '[2]'), "row 1 of the matrix has 2 entries, but row 0 has 1"),
    (lambda s: s.replace('0.5', '"x"'), "must be a number"),
])
def test_broken_files_raise_a_value_error_naming_the_problem(tmp_path, mutate, text):
    good = _net().save(tmp_path / "good.json").read_text()
    bad = mutate(good)
    assert bad != good
    with pytest.raises(ValueError, match=text):
        Network.load(_broken(tmp_path, bad))


def test_shape_mismatch_between_layers(tmp_path):
    doc = json.loads(_net().save(tmp_path / "good.json").read_text())
    doc["layers"][1]["W"] = [[1, 2], [3, 4]]
    doc.pop("structure")
    with pytest.raises(ValueError, match="W\\^2 has 2 columns, but layer 1 has 3 neurons"):
        Network.load(_broken(tmp_path, json.dumps(doc)))


def test_save_refuses_nan(tmp_path):
    # A Layer refuses NaN; only a step's own result (Layer._trusted) could hold one.
    with pytest.raises(ValueError, match=r"W entry \[0, 0\] is nan"):
        Layer(Matrix([[float("nan")]]), Matrix.column([0.0]), "identity")
    net = Network([Layer._trusted(Matrix([[float("nan")]]), Matrix.column([0.0]), activations.get("identity"))])
    with pytest.raises(ValueError, match=r"NaN.*W\^1 entry \[0, 0\] is nan"):
        net.save(tmp_path / "n.json")
    assert not (tmp_path / "n.json").exists()


@pytest.mark.skipif(os.name != "posix", reason="file modes and symbolic links as on POSIX")
def test_save_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    path = _net().save(tmp_path / "m.json")
    os.chmod(path, 0o640)
    _net().save(path)
    assert (os.stat(path).st_mode & 0o777) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="file modes and symbolic links as on POSIX")
def test_a_new_file_gets_the_mode_of_open(tmp_path):
    umask = os.umask(0o022)
    try:
        path = _net().save(tmp_path / "new.json")
    finally:
        os.umask(umask)
    assert (os.stat(path).st_mode & 0o777) == 0o644  # 0666 minus the umask, not mkstemp's 0600


@pytest.mark.skipif(os.name != "posix", reason="file modes and symbolic links as on POSIX")
def test_save_writes_through_a_symbolic_link(tmp_path):
    (tmp_path / "models").mkdir()
    real = _net().save(tmp_path / "models" / "real.json")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    bigger = Network.create([2, 5, 2], seed=1)
    bigger.save(link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert Network.load(real).structure == [2, 5, 2]
    assert sorted(os.listdir(tmp_path / "models")) == ["real.json"]
