"""MNIST in about 30 lines, step by step as in 'Künstliche Intelligenz selbst gemacht'.

Run from the repository root:  python examples/mnist.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # use purenn without installing it

from purenn import Network
from purenn.io.mnist import load_embedded, label_of

# 1. Daten laden: 4.500 Ziffern zum Training, 500 zum Testen (784 Pixel in [0, 1], Ziel one-hot)
train, test = load_embedded()

# 2. Netz anlegen: 784 Eingänge, 30 Neuronen mit ReLU, 10 Ausgänge mit Softmax
net = Network.create([784, 30, 10], hidden="relu", output="softmax", init="he", seed=1)

# 3. Trainieren mit Mini-Batches zu 10: W ← W − η/N · ∂C/∂W nach jedem Mini-Batch
def show(progress):
    if progress.result:  # after each epoch
        print(f"Epoche {progress.result.epoch}: Test {100 * progress.result.test_accuracy:.1f} %")


net.train(train, epochs=3, batch_size=10, eta=0.05, seed=1, test_data=test, callback=show)

# 4. Speichern und wieder laden, damit das Training nicht wiederholt werden muss
net.save("mnist-model.json")
net = Network.load("mnist-model.json")

# 5. Vorhersagen: die Ziffer ist das Ausgabeneuron mit der größten Aktivierung a^L
for x, y in test[:5]:
    a = net.predict(x).flat()
    print(f"wahr {label_of(y)}, vorhergesagt {a.index(max(a))} (mit {100 * max(a):.0f} %)")
