"""The course's exercise networks, defined once for every test that uses them."""

from purenn import Layer, Matrix, Network


def parameter_exercise() -> Network:
    """'Parameter in neuronalen Netzen', Forward Pass an einem Beispiel: 2-3-2, sigmoid then softmax.

    W¹ = (2 1; 1 2; 0.5 3), b¹ = (−1, 0, −0.25), W² = (0 1 0; 1 −1 1), b² = (−1, 0);
    the input (1.3, 0.8) is the one of 'Training von neuronalen Netzen'.
    """
    return Network([
        Layer(Matrix([[2, 1], [1, 2], [0.5, 3]]), Matrix.column([-1, 0, -0.25]), "sigmoid"),
        Layer(Matrix([[0, 1, 0], [1, -1, 1]]), Matrix.column([-1, 0]), "softmax"),
    ])
