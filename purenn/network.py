"""Network: layers 1..L on top of an input layer 0 — forward pass, backpropagation, SGD step.

The layer numbers are the slides' numbers: layer 0 is the input, layer L the
output, and ``net.W(l)``, ``net.b(l)`` are W^l and b^l for l = 1..L ('Parameter
in neuronalen Netzen'; 'Matrizen in Neuronalen Netzen' §2.1). Backpropagation
counts down from l = L to l = 1 with those same numbers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Union

from purenn import activations as act
from purenn import init as initialisation
from purenn import losses, validation
from purenn.activations import Activation, Softmax
from purenn.io import course_form, modelfile
from purenn.layer import Layer, check_chain
from purenn.losses import Loss
from purenn.matrix import Matrix
from purenn.records import ForwardPass, Gradients
from purenn.training import History, train
from purenn.scalars import Scalar


__all__ = ["Network", "Input"]

#: One example as a list of numbers or an n×1 column, or a batch with one example per column.
Input = Union[Matrix, Sequence[Scalar]]


@dataclass
class Network:
    """A fully connected feed-forward network: ``Network(layers)`` with layers 1..L.

    >>> net = Network.create([5, 8, 1], seed=0)
    >>> net.structure, net.n_params
    ([5, 8, 1], 57)
    """

    layers: List[Layer] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.layers = list(self.layers)
        check_chain(self.layers)

    # -- building ----------------------------------------------------------

    @classmethod
    def create(
        cls,
        structure: Sequence[int],
        hidden: "str | Activation" = "sigmoid",
        output: "str | Activation" = "sigmoid",
        init: str = "he",
        seed: Optional[int] = None,
    ) -> "Network":
        """A network with random weights for ``structure`` = [n^0, n^1, …, n^L].

        ``structure`` counts the neurons per layer as the course code's
        ``NeuralNetwork(structure=[3, 4, 2])`` does ('Künstliche Intelligenz
        selbst gemacht', Objektinstanz erzeugen). ``hidden`` is σ^1..σ^(L−1),
        ``output`` is σ^L; ``init`` is "he" (N(0, √(2/m)), as on the slides),
        "xavier" or "uniform" (U(−1, 1)); the same ``seed`` gives the same weights.
        """
        sizes = _checked_structure(structure)
        sampler = initialisation.get(init)
        hidden_f, output_f = act.get(hidden), act.get(output)
        rng = random.Random(seed)
        layers = []
        for l in range(1, len(sizes)):
            W, b = initialisation.draw(sampler, rng, sizes[l - 1], sizes[l])
            layers.append(Layer(W, b, output_f if l == len(sizes) - 1 else hidden_f))
        return cls(layers)

    # -- reading ----------------------------------------------------------

    @property
    def L(self) -> int:
        """The number of the output layer (= the number of weight matrices)."""
        return len(self.layers)

    @property
    def structure(self) -> List[int]:
        """[n^0, n^1, …, n^L]: the neurons per layer, input layer first.

        Slides: 'Künstliche Intelligenz selbst gemacht' — ``purenn formulas`` [structure_from_weights]
        """
        return [self.layers[0].n_inputs] + [layer.n_neurons for layer in self.layers]

    @property
    def n_params(self) -> int:
        """Σ_l (n^(l−1) + 1) · n^l ('Parameter in neuronalen Netzen', Anzahl der Parameter).

        Slides: 'Parameter', 'Training' — ``purenn formulas`` [param_count_total]
        """
        return sum(layer.n_params for layer in self.layers)

    def layer(self, l: int) -> Layer:
        """Layer l for l = 1..L (layer 0, the input, has no parameters)."""
        if not isinstance(l, int) or isinstance(l, bool) or not 1 <= l <= self.L:
            raise IndexError(
                f"layer {l!r} has no parameters: W^l, b^l and σ^l exist for "
                f"l = 1..{self.L} (layer 0 is the input layer)"
            )
        return self.layers[l - 1]

    def W(self, l: int) -> Matrix:
        """W^l: row i = neuron i of layer l, column j = neuron j of layer l−1.

        Slides: 'Parameter', 'Matrizen' §2.4, 'KI selbst gemacht' — ``purenn formulas`` [weight_matrix]
        """
        return self.layer(l).W

    def b(self, l: int) -> Matrix:
        """b^l, a column with one bias per neuron of layer l.

        Slides: 'Parameter in neuronalen Netzen' — ``purenn formulas`` [weight_matrix]
        """
        return self.layer(l).b

    def activation(self, l: int) -> Activation:
        """σ^l."""
        return self.layer(l).activation

    # -- forward -------------------------------------------------------------

    def forward(self, x: Input) -> ForwardPass:
        """The forward pass: a^0 = x, then z^l = W^l a^(l−1) + b^l and a^l = σ^l(z^l).

        'Parameter in neuronalen Netzen' (Anwendung des Netzwerkes: der Forward
        Pass); for a batch, one example per column ('Matrizen' §3.7).

        Slides: Parameter, KI, Woche 10, Matrizen — ``purenn formulas`` [forward, neuron, batch_forward]
        """
        a = [self.as_input(x)]  # a^0 = x
        z: List[Optional[Matrix]] = [None]  # layer 0 has no z
        for W, b, sigma in self.layers:
            z_l = W @ a[-1] + b  # z^l = W^l a^(l−1) + b^l
            a.append(sigma(z_l))  # a^l = σ^l(z^l)
            z.append(z_l)
        return ForwardPass(a, z)

    def predict(self, x: Input) -> Matrix:
        """a^L for input x: y = σ(W^L … σ(W^1 x + b^1) … + b^L).

        Slides: 'Parameter in neuronalen Netzen' — ``purenn formulas`` [forward]
        """
        return self.forward(x).output

    # -- backward -------------------------------------------------------------

    def default_loss(self) -> Loss:
        """Cross-entropy after a softmax output, squared error otherwise — as the course code does."""
        return losses.cross_entropy if isinstance(self.activation(self.L), Softmax) else losses.squared_error

    def backward(self, x: Input, y: Input, loss: "str | Loss | None" = None) -> Gradients:
        """Backpropagation: δ^l for l = L..1 and the gradients ∂C/∂W^l, ∂C/∂b^l.

        'Matrizen in Neuronalen Netzen' §3.6 and §3.8, with C the chosen loss:

        * δ^L = ∂C/∂a^L ⊙ σ'(z^L)                      (output layer)
        * δ^l = (W^(l+1))ᵀ δ^(l+1) ⊙ σ'(z^l)            (l = L−1, …, 1)
        * ∂C/∂W^l = [δ^l] (A^(l−1))ᵀ,  ∂C/∂b^l = [δ^l] · 1  (sums over the batch)

        With a softmax output layer σ'(z^L) is not one number per neuron but
        the Jacobian ∂s_i/∂z_j (equation III of 'Künstliche Intelligenz selbst
        gemacht'); with cross-entropy it collapses to δ^L = s − y (equation IV).

        Slides: [backprop, delta, delta_hidden, batch_delta_hidden, grad_a, dz_da, dz_dw, grad_W, grad_b]
        """
        C = losses.get(loss) if loss is not None else self.default_loss()
        fp = self.forward(x)
        y = self.as_target(y, fp.N)
        validation.loss_targets(C, y.columns(), "target")
        L = self.L
        delta: Dict[int, Matrix] = {}
        # δ^L = ∂C/∂a^L ⊙ σ'(z^L); after softmax with cross-entropy s − y (Gleichung IV)
        delta[L] = C.output_delta(self.activation(L), fp.z(L), fp.a(L), y)
        for l in range(L - 1, 0, -1):
            # δ^l = (W^(l+1))ᵀ δ^(l+1) ⊙ σ'(z^l); softmax goes through its Jacobian
            delta[l] = self.activation(l).backward(fp.z(l), self.W(l + 1).T @ delta[l + 1])
        # ∂C/∂W^l = [δ^l](A^(l−1))ᵀ and ∂C/∂b^l = [δ^l]·1 follow from δ^l: Gradients.dW, .db
        return Gradients(fp, [None] + [delta[l] for l in range(1, L + 1)], C.cost(fp.a(L), y))

    # -- learning -------------------------------------------------------------

    def step(self, grads: Gradients, eta: Scalar) -> None:
        """One gradient-descent step: W^l ← W^l − η/N · ∂E/∂W^l, b^l likewise.

        'Matrizen in Neuronalen Netzen' §3.3, N = the batch size of ``grads``,
        ∂E/∂W^l = [δ^l](A^(l−1))ᵀ (``grads.dW(l)``), which is equation 8 of
        'Künstliche Intelligenz selbst gemacht', Δw_jk = −η · δ_j · a_k, summed
        over the batch. The layers are replaced all at once, after every check
        has passed. (Training runs the same step through ``purenn._engine``.)

        Slides: 'Matrizen', 'Training', 'KI selbst gemacht' — ``purenn formulas`` [sgd_update]
        """
        validation.eta(eta)
        if grads.L != self.L:
            raise ValueError(f"the gradients are for {grads.L} layers, this network has {self.L}")
        for l in range(1, self.L + 1):
            delta, A = grads.delta(l), grads.forward.a(l - 1)
            if (delta.n_rows, A.n_rows) != self.W(l).shape:
                raise ValueError(
                    f"the gradient for W^{l} is {delta.n_rows}×{A.n_rows} but W^{l} is "
                    f"{self.W(l).n_rows}×{self.W(l).n_cols}: gradients from another network?"
                )
        N = grads.N
        self.layers = [
            Layer._trusted(
                self.W(l) - eta / N * grads.dW(l),  # W^l − η/N · [δ^l](A^(l−1))ᵀ
                self.b(l) - eta / N * grads.db(l),  # b^l − η/N · [δ^l]·1
                self.activation(l),
            )
            for l in range(1, self.L + 1)
        ]

    def train(self, data: Sequence[Any], **options: Any) -> History:
        """Mini-batch stochastic gradient descent; see ``purenn.training.train``.

        ``net.train(data, epochs=30, batch_size=10, eta=3.0, seed=1)`` — keyword
        arguments: epochs, batch_size (0 = all data per step), eta, loss, seed,
        test_data, callback.
        """
        return train(self, data, **options)

    # -- files ------------------------------------------------------------------

    def save(self, path: "str | Path") -> Path:
        """Write the network as JSON (see ``purenn.io.modelfile``), atomically."""
        return modelfile.save(self, path)

    @classmethod
    def load(cls, path: "str | Path") -> "Network":
        """Read a network written by ``save``."""
        return cls(modelfile.read_layers(path))

    def save_npz(self, path: "str | Path") -> Path:
        """Write the weights as the course code's ``save_to_file`` does (``numpy.savez``).

        'Künstliche Intelligenz selbst gemacht', Speichern und Laden trainierter
        Gewichte: ``arr_0`` is an empty placeholder, ``arr_l`` is W^l with b^l
        as its first column. The activations are not in that file.
        """
        return course_form.save_npz(self, path)

    @classmethod
    def load_npz(cls, path: "str | Path", hidden: "str | Activation" = course_form.HIDDEN_DEFAULT,
                 output: "str | Activation" = course_form.OUTPUT_DEFAULT) -> "Network":
        """Read a file the course code's ``save_to_file`` wrote; give the activations it used.

        The defaults are the course constructor's (sigmoid hidden, ReLU output).
        """
        return cls(course_form.read_npz_layers(path, hidden=hidden, output=output))

    @classmethod
    def from_course_weights(cls, weights: Sequence[Any], hidden: "str | Activation" = course_form.HIDDEN_DEFAULT,
                            output: "str | Activation" = course_form.OUTPUT_DEFAULT) -> "Network":
        """The network of the course code's ``self.weights`` list ``[[], [b¹ | W¹], …]``.

        'Künstliche Intelligenz selbst gemacht', Gewichte initialisieren: column 0
        of each matrix is the bias neuron's weights, b^l; the rest is W^l.
        """
        return cls(course_form.course_layers(weights, hidden=hidden, output=output))

    # -- checking what comes in ------------------------------------------------------

    def as_input(self, x: Input) -> Matrix:
        """x as a matrix with one example per column, checked against layer 0."""
        n = self.structure[0]
        return validation.columns(x, n, "input", f"layer 0 has {n} neurons", "Input-Werten")

    def as_target(self, y: Input, N: int) -> Matrix:
        """y as a matrix with one target per column, checked against layer L."""
        n = self.structure[-1]
        Y = validation.columns(y, n, "target", f"layer {self.L} has {n} neurons", "erwarteten Output-Werten")
        if Y.n_cols != N:
            raise ValueError(f"got {N} inputs but {Y.n_cols} targets: one target per example")
        return Y


def _checked_structure(structure: Sequence[int]) -> List[int]:
    sizes = list(structure)
    if len(sizes) < 2:
        raise ValueError(
            f"structure needs at least two layers (input and output), got {sizes!r}"
        )
    for l, n in enumerate(sizes):
        if not isinstance(n, int) or isinstance(n, bool) or n < 1:
            raise ValueError(
                f"structure[{l}] must be a positive whole number of neurons, got {n!r}"
            )
    return sizes

