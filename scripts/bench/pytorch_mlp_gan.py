#!/usr/bin/python3
"""Reference: the seed's MLP GAN step in PyTorch (Debian's python3-torch), for a side-by-side
images/second comparison with the DL4J trainer on the same CPU. Not part of the product.

Same work per step as dev.digitgan.model.train.GanTrainer: one D step on 256 real + 256 fake
images, then one G step through D on 256 fresh z. G 100-150-300-784 (ReLU, tanh), D 784-300-150-1
(ReLU, sigmoid, dropout keep 0.7 on its input), Adam.

Usage: OMP_NUM_THREADS=1 /usr/bin/python3 scripts/bench/pytorch_mlp_gan.py [threads] [seconds]
"""
import os
import struct
import sys
import time

import numpy as np
import torch
from torch import nn

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 20.0
torch.set_num_threads(threads)
torch.manual_seed(42)

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
with open(os.path.join(root, "data/mnist/train-images-idx3-ubyte"), "rb") as f:
    magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
    assert magic == 0x803
    images = np.frombuffer(f.read(), dtype=np.uint8).reshape(n, rows * cols)
data = torch.from_numpy(images.astype(np.float32) / 127.5 - 1.0)

G = nn.Sequential(nn.Linear(100, 150), nn.ReLU(), nn.Linear(150, 300), nn.ReLU(), nn.Linear(300, 784), nn.Tanh())
D = nn.Sequential(nn.Dropout(0.3), nn.Linear(784, 300), nn.ReLU(), nn.Linear(300, 150), nn.ReLU(),
                  nn.Linear(150, 1), nn.Sigmoid())
opt_g = torch.optim.Adam(G.parameters(), lr=1e-3, betas=(0.5, 0.999))
opt_d = torch.optim.Adam(D.parameters(), lr=1e-3, betas=(0.5, 0.999))
bce = nn.BCELoss()
batch = 256
ones = torch.ones(batch, 1)
zeros = torch.zeros(batch, 1)


def step(real):
    z = torch.randn(batch, 100)
    fake = G(z)
    opt_d.zero_grad()
    d_loss = bce(D(real), ones) + bce(D(fake.detach()), zeros)
    d_loss.backward()
    opt_d.step()
    opt_g.zero_grad()
    g_loss = bce(D(G(torch.randn(batch, 100))), ones)
    g_loss.backward()
    opt_g.step()


perm = torch.randperm(data.shape[0])
i = 0
for _ in range(30):  # warm-up
    step(data[perm[i:i + batch]]); i += batch
steps = 0
start = time.perf_counter()
while time.perf_counter() - start < seconds:
    if i + batch > data.shape[0]:
        i = 0
    step(data[perm[i:i + batch]]); i += batch
    steps += 1
elapsed = time.perf_counter() - start
print(f"pytorch {torch.__version__} threads={threads}: {steps * batch / elapsed:.0f} images/s "
      f"({steps} steps of {batch} in {elapsed:.1f} s)")
