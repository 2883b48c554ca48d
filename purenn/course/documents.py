"""The five course documents purenn follows, each title written once.

Everything that names a document as data — the errata, the worked examples,
the index conventions of the Rechenweg — takes its title from here.

>>> SOURCES[3]
'Matrizen in Neuronalen Netzen'
"""

from typing import Tuple

__all__ = ["PARAMETER", "TRAINING", "WOCHE10", "MATRIZEN", "KI", "SOURCES"]

PARAMETER = "Parameter in neuronalen Netzen"
TRAINING = "Training von neuronalen Netzen"
WOCHE10 = "Woche 10 Theorie: Neuronale Netzwerke & die Mathe"
MATRIZEN = "Matrizen in Neuronalen Netzen"
KI = "Künstliche Intelligenz selbst gemacht"

#: The five course documents, in course order.
SOURCES: Tuple[str, ...] = (PARAMETER, TRAINING, WOCHE10, MATRIZEN, KI)
