"""Networks typed on the command line: --W<k> "rows", --b<k> "values", --act names."""

import argparse
from fractions import Fraction

import pytest

from purenn import Layer, Matrix, Network
from purenn.cli.netspec import (
    InlineNetParser,
    build_network,
    install,
    network_from_args,
    parse_matrix,
    parse_vector,
    read_vector,
    take_inline_args,
)

F = Fraction
EXERCISE = [("W", 1, "2,1;1,2;0.5,3"), ("b", 1, "-1,0,-0.25"), ("W", 2, "0,1,0;1,-1,1"), ("b", 2, "-1,0")]


# -- matrices and vectors ------------------------------------------------------------


@pytest.mark.parametrize("text", ["2,1;1,2;0.5,3", "2 1; 1 2; 0.5 3", " 2, 1 ;1 ,2;0.5   3 ", "2,1;1,2;0.5,3;"])
def test_parse_matrix_accepts_commas_spaces_and_a_trailing_semicolon(text):
    assert parse_matrix(text, "--W1") == [[2, 1], [1, 2], [0.5, 3]]


def test_parse_matrix_exact_and_fractions():
    rows = parse_matrix("0.2, 1/3; -1, \u22120.5", "--W1", exact=True)
    assert rows == [[F(1, 5), F(1, 3)], [F(-1), F(-1, 2)]]
    assert all(type(v) is Fraction for row in rows for v in row)


@pytest.mark.parametrize("text, message", [
    ("0,1,0;1,-1", "--W2: row 2 has 2 entries, row 1 has 3"),
    ("1;1,2", "--W2: row 2 has 2 entries, row 1 has 1"),
    ("1,2;3", "--W2: row 2 has 1 entry, row 1 has 2"),
    ("1,2;;3,4", "--W2: row 2 is empty"),
    ("", "--W2 is empty"),
    ("  ", "--W2 is empty"),
    ("1,2;3,x", "--W2: row 2, entry 2: 'x' is not a number"),
    ("1,zwei", "--W2: entry 2: 'zwei' is not a number"),
    ("1,2;3,4/0", "--W2: row 2, entry 2: '4/0' divides by zero"),
])
def test_parse_matrix_errors_say_where(text, message):
    with pytest.raises(ValueError) as info:
        parse_matrix(text, "--W2")
    assert str(info.value) == message


def test_parse_vector_as_row_or_column():
    assert parse_vector("-1,0,-0.25", "--b1") == [-1, 0, -0.25]
    assert parse_vector("-1;0;-0.25", "--b1") == [-1, 0, -0.25]
    assert parse_vector("1/4", "--b1", exact=True) == [F(1, 4)]
    with pytest.raises(ValueError, match=r"^--b1 is one list of numbers, separated by ',' — got 2 rows"):
        parse_vector("1,2;3,4", "--b1")


def test_read_vector_checks_the_length():
    assert read_vector("1.3 0.8", "--input", 2, False, "x") == [1.3, 0.8]
    with pytest.raises(ValueError, match="^--target has 1 value, but the output layer has 2 neurons$"):
        read_vector("1", "--target", 2, False, "the output layer has 2 neurons")


# -- --W<k> and --b<k> out of the arguments ---------------------------------------------------


def test_take_inline_args_keeps_order_and_the_rest():
    inline, rest = take_inline_args(
        ["--W1", "2,1", "--input", "1,2", "--b1=-1", "--w2", "1", "--B2", "-0.5", "--exact"]
    )
    assert inline == [("W", 1, "2,1"), ("b", 1, "-1"), ("W", 2, "1"), ("b", 2, "-0.5")]
    assert rest == ["--input", "1,2", "--exact"]


def test_take_inline_args_marks_a_missing_value():
    inline, rest = take_inline_args(["--W1", "--b1", "0", "--W2"])
    assert inline == [("W", 1, None), ("b", 1, "0"), ("W", 2, None)]
    with pytest.raises(ValueError, match='^--W1 needs a value, e.g. --W1 "2,1;1,2;0.5,3"$'):
        build_network(inline, "sigmoid")


def _parser():
    parser = argparse.ArgumentParser(prog="purenn forward", formatter_class=argparse.RawDescriptionHelpFormatter)
    install(parser, "--input VALUES")
    parser.add_argument("--input")
    parser.add_argument("--exact", action="store_true")
    return parser


def test_the_parser_takes_inline_matrices_and_negative_values():
    parser = _parser()
    assert isinstance(parser, InlineNetParser)
    args = parser.parse_args(
        ["--W1", "2,1;1,2", "--b1", "-1,0", "--act", "relu", "--input", "-0.5,2", "--exact"]
    )
    assert args.inline == [("W", 1, "2,1;1,2"), ("b", 1, "-1,0")]
    assert args.input == "-0.5,2" and args.exact and args.act == "relu"
    assert args.net is None and args.net_path is None
    help_text = parser.format_help()
    assert "--W<k> ROWS" in help_text and "--b<k> VALUES" in help_text
    assert "--W1 ROWS --b1 VALUES" in parser.format_usage()


def test_the_parser_reads_a_positional_network_file():
    args = _parser().parse_args(["netz.json", "--input", "1,2"])
    assert args.net_path == "netz.json" and args.inline == []


# -- building the network ------------------------------------------------------------------------


def test_build_the_parameter_exercise():
    net = build_network(EXERCISE, "sigmoid,softmax")
    assert net.structure == [2, 3, 2]
    assert net.W(1).tolist() == [[2, 1], [1, 2], [0.5, 3]] and net.b(2).flat() == [-1, 0]
    assert [net.activation(l).name for l in (1, 2)] == ["sigmoid", "softmax"]


def test_one_activation_for_all_layers_and_exact_entries():
    net = build_network(EXERCISE, "relu", exact=True)
    assert [net.activation(l).name for l in (1, 2)] == ["relu", "relu"]
    assert net.b(1).flat() == [F(-1), F(0), F(-1, 4)]


@pytest.mark.parametrize("inline, act, message", [
    (EXERCISE[:3], "sigmoid,softmax", "--W2 is given but --b2 is missing: every layer needs its bias"),
    (EXERCISE[1:], "sigmoid,softmax", "--b1 is given but --W1 is missing: every layer needs its weights"),
    (EXERCISE[2:], "softmax", "--W2 is given but --W1 is missing: number the layers 1, 2, …, L"),
    (EXERCISE + [("W", 1, "1")], "sigmoid", "--W1 is given twice"),
    ([("W", 0, "1"), ("b", 0, "1")], "relu", "--W0: layers are numbered from 1 (layer 0 is the input and has no weights)"),
    ([("W", 1, "2,1;1,2;0.5,3"), ("b", 1, "-1,0")], "relu",
     "--b1 has 2 entries, but --W1 has 3 rows: one bias per neuron of layer 1"),
    (EXERCISE[:2] + [("W", 2, "0,1;1,-1"), ("b", 2, "-1,0")], "relu",
     "--W2 has 2 columns, but --W1 has 3 rows: W^2 needs one column per neuron of layer 1"),
    (EXERCISE, "sigmoid,softmax,relu",
     "--act names 3 activations, but there are 2 layers (--W1 … --W2): give one per layer, or one for all"),
    (EXERCISE, "sigmoid,softmx", "--act, layer 2: unknown activation 'softmx'"),
    (EXERCISE, None, "--act is missing: name the activation of each layer, e.g. --act sigmoid,softmax"),
    (EXERCISE[:1] + [("b", 1, "1,2,x")], "relu", "--b1: entry 3: 'x' is not a number"),
])
def test_build_errors_say_what_and_where(inline, act, message):
    with pytest.raises(ValueError) as info:
        build_network(inline, act)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


# -- network from the parsed arguments --------------------------------------------------------------


def _args(**kw):
    defaults = dict(inline=[], net=None, net_path=None, act=None, exact=False)
    defaults.update(kw)
    return argparse.Namespace(**defaults)


@pytest.fixture
def net_file(tmp_path):
    net = Network([Layer(Matrix([[2, 1], [0.5, 3]]), Matrix.column([-1, -0.25]), "sigmoid")])
    return str(net.save(tmp_path / "netz.json"))


def test_network_from_a_file_float_and_exact(net_file):
    assert network_from_args(_args(net=net_file)).b(1).flat() == [-1, -0.25]
    exact = network_from_args(_args(net_path=net_file, exact=True))
    assert exact.b(1).flat() == [F(-1), F(-1, 4)] and exact.W(1)[1, 0] == F(1, 2)


@pytest.mark.parametrize("kw, message", [
    (dict(), "no network given: name a file (--net netz.json) or type the matrices"),
    (dict(net="nope.json"), "network file not found: nope.json"),
    (dict(net="FILE", inline=EXERCISE), "give the network once: either FILE or --W1 … --b1 …, not both"),
    (dict(net="a.json", net_path="b.json"), "give the network file once: b.json or --net a.json"),
    (dict(net="FILE", act="relu"), "--act goes with matrices typed inline"),
])
def test_network_from_args_errors(kw, message, net_file):
    kw = {k: (net_file if v == "FILE" else v) for k, v in kw.items()}
    message = message.replace("FILE", net_file)
    with pytest.raises(ValueError) as info:
        network_from_args(_args(**kw))
    assert str(info.value).startswith(message)
