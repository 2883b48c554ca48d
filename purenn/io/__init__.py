"""Files: networks as model JSON, the course's .npz/.npy, IDX and MNIST, checked download, atomic writes.

Also the learning curves as SVG. Nothing here is needed to compute with a
network; these modules read and write what the core computes.
"""
