"""A network typed on the command line: ``--W1 "2,1;1,2;0.5,3" --b1 "-1,0,-0.25" … --act sigmoid,softmax``.

An exercise sheet gives its network as matrices; this module lets them be
typed in as they stand there, layer by layer, with the slides' layer numbers:

* ``--W<k> ROWS`` is W^k: rows separated by ``;``, the entries of a row by
  ``,`` or spaces — ``"2,1;1,2;0.5,3"`` and ``"2 1; 1 2; 0.5 3"`` are the
  same 3×2 matrix (row i = neuron i of layer k);
* ``--b<k> VALUES`` is b^k, one entry per neuron (``"-1,0,-0.25"``);
* ``--act NAMES`` names σ^1, …, σ^L, comma-separated (one name = all layers).

A number may be a decimal or a fraction ("1/3"); with ``exact`` every entry
becomes a ``Fraction`` ("0.2" is exactly 1/5, see ``purenn.rechenweg.exact``).

Everything that can be wrong is reported in one line that says where:

>>> parse_matrix("2,1;1,2;0.5", "--W1")
Traceback (most recent call last):
...
ValueError: --W1: row 3 has 1 entry, row 1 has 2

argparse cannot declare ``--W7`` in advance, so ``InlineNetParser`` takes
the ``--W<k>``/``--b<k>`` pairs out of the arguments before argparse sees
them (``install`` turns a subcommand's parser into one). It also keeps a
value that starts with a minus (``--b1 -1,0``, ``--input -0.5,2``) with its
option, where argparse alone would take it for an option of its own.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from purenn import activations, validation
from purenn.cli.parser import Parser
from purenn.rechenweg.exact import exact_network, parse_matrix, parse_scalar, parse_vector
from purenn.layer import Layer
from purenn.matrix import Matrix
from purenn.network import Network
from purenn.scalars import Scalar

__all__ = [
    "parse_matrix",
    "parse_vector",
    "take_inline_args",
    "build_network",
    "network_from_args",
    "InlineNetParser",
    "install",
    "read_vector",
    "read_scalar",
    "INLINE_HELP",
]

#: "--W3", "--b12", also "--w3"/"--B3" and the "--W3=…" form.
_INLINE_FLAG = re.compile(r"^--([WwBb])(\d+)(?:=(.*))?$", re.DOTALL)
#: A value that starts like a negative number: "-1", "-0.25,1", "-.5", "−1/3".
_NEGATIVE_VALUE = re.compile(r"^[-−]\.?\d")

#: One typed matrix or vector: ("W" or "b", layer k, the text after --W<k>/--b<k>, None if missing).
Inline = Tuple[str, int, Optional[str]]

#: What ``--help`` says about the inline matrices.
INLINE_HELP = (
    "--W<k> ROWS    weight matrix W^k: rows separated by ';', entries by ',' or spaces\n"
    "--b<k> VALUES  bias b^k: one entry per neuron (row of W^k)\n"
    "               layers k = 1..L; numbers as decimals or fractions (1/3)"
)


# -- taking --W<k>/--b<k> out of the arguments -------------------------------------------


def parse_sizes(words: Sequence[str], at_least: int = 2) -> List[int]:
    """The layer sizes typed as ``5 8 1``, ``5,8,1`` or ``5-8-1``; ``at_least`` of them.

    >>> parse_sizes(["5", "8", "1"]), parse_sizes(["300-1000", "1000,128"])
    ([5, 8, 1], [300, 1000, 1000, 128])
    """
    # "-" between two sizes separates them (5-8-1); in front of a number it is a minus sign (-3)
    pieces = [p for w in words for p in re.split(r"[,\s]+|(?<=[^,\s-])-", w.strip().replace("\u2212", "-")) if p]
    sizes = []
    for k, p in enumerate(pieces):
        if not (p.isascii() and p.isdigit()) or int(p) < 1:
            raise ValueError(f"layer size {k + 1} is {p!r}: it must be a whole number of neurons, at least 1")
        sizes.append(int(p))
    if len(sizes) < at_least:
        raise ValueError(
            "give at least two layer sizes, input layer first, e.g. purenn params 5 8 1" if at_least == 2
            else f"give at least {at_least} layer size(s), e.g. 30 or 64,32"
        )
    return sizes


def take_inline_args(argv: Sequence[str]) -> Tuple[List[Inline], List[str]]:
    """Split off the ``--W<k> VALUE`` and ``--b<k> VALUE`` pairs: ([(kind, k, value)], the rest).

    ``kind`` is "W" or "b"; the pairs keep their order. A flag without a
    value gets the value None, for ``build_network`` to report.

    >>> take_inline_args(["--W1", "2,1", "--input", "1,2", "--b1=-1"])
    ([('W', 1, '2,1'), ('b', 1, '-1')], ['--input', '1,2'])
    """
    inline: List[Inline] = []
    rest: List[str] = []
    args = list(argv)
    k = 0
    while k < len(args):
        match = _INLINE_FLAG.match(args[k])
        if match is None:
            rest.append(args[k])
            k += 1
            continue
        letter, number, value = match.groups()
        kind = "W" if letter in "Ww" else "b"
        if value is None and k + 1 < len(args) and not _looks_like_option(args[k + 1]):
            value = args[k + 1]
            k += 1
        inline.append((kind, int(number), value))
        k += 1
    return inline, rest


_EXAMPLES = {"W": "2,1;1,2;0.5,3", "b": "-1,0,-0.25"}


def _looks_like_option(arg: str) -> bool:
    return arg.startswith("-") and not _NEGATIVE_VALUE.match(arg)


def _join_negative_values(argv: Sequence[str], flags: Sequence[str]) -> List[str]:
    """``--input -0.5,2`` → ``--input=-0.5,2``, so argparse does not take the value for an option."""
    out: List[str] = []
    args = list(argv)
    k = 0
    while k < len(args):
        arg = args[k]
        takes_value = arg.startswith("--") and "=" not in arg and arg not in flags
        if takes_value and k + 1 < len(args) and _NEGATIVE_VALUE.match(args[k + 1]):
            out.append(f"{arg}={args[k + 1]}")
            k += 2
            continue
        out.append(arg)
        k += 1
    return out


# -- the network ------------------------------------------------------------------------


def build_network(inline: Sequence[Inline], act: Optional[str], exact: bool = False) -> Network:
    """The network of ``--W1 … --b1 … --act …``, checked layer by layer.

    >>> net = build_network([("W", 1, "2,1;1,2;0.5,3"), ("b", 1, "-1,0,-0.25"),
    ...                      ("W", 2, "0,1,0;1,-1,1"), ("b", 2, "-1,0")], "sigmoid,softmax")
    >>> net.structure, net.activation(2).name
    ([2, 3, 2], 'softmax')
    """
    texts = _by_layer(inline)
    L = _check_numbering(texts)
    names = _activation_names(act, L)
    layers: List[Layer] = []
    for l in range(1, L + 1):
        W = Matrix(parse_matrix(texts[("W", l)], f"--W{l}", exact))
        b = parse_vector(texts[("b", l)], f"--b{l}", exact)
        _check_shapes(l, W, b, layers)
        layers.append(Layer(W, Matrix.column(b), _activation(names[l - 1], l)))
    return Network(layers)


def _by_layer(inline: Sequence[Inline]) -> Dict[Tuple[str, int], str]:
    texts: Dict[Tuple[str, int], str] = {}
    for kind, l, value in inline:
        flag = f"--{kind}{l}"
        if value is None:
            raise ValueError(f'{flag} needs a value, e.g. {flag} "{_EXAMPLES[kind]}"')
        if l < 1:
            raise ValueError(f"{flag}: layers are numbered from 1 (layer 0 is the input and has no weights)")
        if (kind, l) in texts:
            raise ValueError(f"{flag} is given twice")
        texts[(kind, l)] = value
    return texts


def _check_numbering(texts: Dict[Tuple[str, int], str]) -> int:
    layers = sorted({l for _, l in texts})
    L = layers[-1]
    for l in range(1, L + 1):
        if ("W", l) not in texts and ("b", l) not in texts:
            raise ValueError(f"--W{L} is given but --W{l} is missing: number the layers 1, 2, …, L")
        if ("W", l) not in texts:
            raise ValueError(f"--b{l} is given but --W{l} is missing: every layer needs its weights")
        if ("b", l) not in texts:
            raise ValueError(f"--W{l} is given but --b{l} is missing: every layer needs its bias")
    return L


def _activation_names(act: Optional[str], L: int) -> List[str]:
    if act is None or not act.strip():
        example = ",".join(["sigmoid"] * (L - 1) + ["softmax"]) if L > 1 else "sigmoid"
        raise ValueError(f"--act is missing: name the activation of each layer, e.g. --act {example}")
    names = [n.strip() for n in act.split(",")]
    if len(names) == 1:
        return names * L
    if len(names) != L:
        flags = "--W1" if L == 1 else f"--W1 … --W{L}"
        raise ValueError(
            f"--act names {len(names)} activations, but there {'is' if L == 1 else 'are'} {L} "
            f"layer{'' if L == 1 else 's'} ({flags}): give one per layer, or one for all"
        )
    return names


def _activation(name: str, l: int) -> activations.Activation:
    try:
        return activations.get(name)
    except ValueError as e:
        raise ValueError(f"--act, layer {l}: {e}") from None


def _check_shapes(l: int, W: Matrix, b: Sequence[Scalar], below: Sequence[Layer]) -> None:
    n, m = W.shape
    if len(b) != n:
        raise ValueError(
            f"--b{l} has {len(b)} entr{'y' if len(b) == 1 else 'ies'}, but --W{l} has {n} "
            f"row{'' if n == 1 else 's'}: one bias per neuron of layer {l}"
        )
    if below and m != below[-1].n_neurons:
        k = below[-1].n_neurons
        raise ValueError(
            f"--W{l} has {m} column{'' if m == 1 else 's'}, but --W{l - 1} has {k} "
            f"row{'' if k == 1 else 's'}: W^{l} needs one column per neuron of layer {l - 1}"
        )


def network_from_args(args: argparse.Namespace) -> Network:
    """The network a subcommand was given: a JSON file (``--net``/``NET``) or inline matrices.

    In exact mode (``args.exact``) its entries become Fractions.
    """
    inline: List[Inline] = getattr(args, "inline", [])
    path = _net_path(args)
    act: Optional[str] = getattr(args, "act", None)
    exact = bool(getattr(args, "exact", False))
    if path is not None and inline:
        raise ValueError(f"give the network once: either {path} or --W1 … --b1 …, not both")
    if path is not None:
        if act is not None:
            raise ValueError("--act goes with matrices typed inline (--W1 …); a network file names its activations")
        p = Path(path)
        if p.is_dir():
            raise ValueError(f"{path} is a folder, not a network file")
        if not p.is_file():
            raise ValueError(f"network file not found: {path}")
        net = Network.load(p)
        return exact_network(net) if exact else net
    if not inline:
        raise ValueError(
            'no network given: name a file (--net netz.json) or type the matrices, '
            'e.g. --W1 "2,1;1,2;0.5,3" --b1 "-1,0,-0.25" --act sigmoid'
        )
    return build_network(inline, act, exact)


def _net_path(args: argparse.Namespace) -> Optional[str]:
    positional: Optional[str] = getattr(args, "net_path", None)
    option: Optional[str] = getattr(args, "net", None)
    if positional is not None and option is not None:
        raise ValueError(f"give the network file once: {positional} or --net {option}")
    return positional if positional is not None else option


def read_vector(text: str, flag: str, n: int, exact: bool, expected: str) -> List[Scalar]:
    """A vector option such as ``--input`` with ``n`` entries; ``expected`` ends the error message.

    >>> read_vector("1,2,3", "--input", 2, False, "the network has 2 inputs")
    Traceback (most recent call last):
    ...
    ValueError: --input has 3 values, but the network has 2 inputs
    """
    return list(validation.vector(parse_vector(text, flag, exact), n, flag, expected))


def read_scalar(text: str, flag: str, exact: bool) -> Scalar:
    """A single number option such as ``--eta``."""
    return parse_scalar(text, exact, flag)


# -- the parser ----------------------------------------------------------------------------


class InlineNetParser(Parser):
    """An ArgumentParser that first takes out ``--W<k>``/``--b<k>`` (into ``args.inline``).

    It also joins an option with a value that starts with a minus sign
    (``--input -1,2`` → ``--input=-1,2``); ``flags`` are the options that
    take no value, whose next argument is never joined to them.
    """

    flags: Tuple[str, ...] = ("-h", "--help", "--exact")

    def parse_known_args(  # type: ignore[override]
        self, args: Optional[Sequence[str]] = None, namespace: Optional[argparse.Namespace] = None
    ) -> Tuple[argparse.Namespace, List[str]]:
        inline, rest = take_inline_args(sys.argv[1:] if args is None else args)
        ns, extras = super().parse_known_args(_join_negative_values(rest, self.flags), namespace)
        ns.inline = inline
        return ns, extras


def install(parser: argparse.ArgumentParser, usage_tail: str = "[options]") -> None:
    """Give ``parser`` the network options: ``NET``/``--net FILE``, ``--W<k>``, ``--b<k>``, ``--act``.

    ``parser`` is a subcommand's parser made by ``purenn.cli``; it becomes an
    ``InlineNetParser`` so that the ``--W<k>``/``--b<k>`` pairs reach the
    command in ``args.inline`` instead of being refused as unknown options.
    ``usage_tail`` follows the network in the usage line.
    """
    parser.__class__ = InlineNetParser
    parser.usage = (
        "%(prog)s (NET | --net FILE | --W1 ROWS --b1 VALUES [--W2 ROWS --b2 VALUES …] --act NAMES)\n"
        "       " + " " * len(parser.prog) + " " + usage_tail
    )
    group = parser.add_argument_group(
        "network", "a network file (NET or --net FILE), or the matrices typed in:\n" + INLINE_HELP
    )
    group.add_argument("net_path", nargs="?", metavar="NET", help="network file (JSON, as written by Network.save)")
    group.add_argument("--net", metavar="FILE", help="network file (JSON), the same as NET")
    group.add_argument(
        "--act", metavar="NAMES",
        help="activation of each layer, comma-separated, e.g. sigmoid,softmax "
        f"(known: {', '.join(activations.NAMES)})",
    )
