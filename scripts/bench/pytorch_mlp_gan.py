#!/usr/bin/python3
"""Reference: the trainer's MLP GAN step in PyTorch (Debian's python3-torch), for a side-by-side
images/second comparison with the DL4J trainer on the same CPU. Not part of the product.

The same work per step as dev.digitgan.model.train.GanTrainer with the networks of
dev.digitgan.model.nets.MlpLayers / GanNetworks:
  - D step: fakes from G on z (forward only, G in training mode), then ONE update of D on the 2n rows
    [n real; n fake] with targets [1; 0] (GanLabels), binary cross-entropy averaged over the 2n rows;
  - G step: n fresh z through G and D, target 1, D's parameters frozen (requires_grad False: no D weight
    gradients are computed, as GanDenseLayer skips them) but D still in training mode (its dropout is
    active, as in the stacked network, whose dropout layers are not wrapped in FrozenLayerWithBackprop);
  - G: latent -> hidden (ReLU) ... -> 784 tanh; D: 784 -> hidden (ReLU, then dropout) ... -> 1 sigmoid,
    dropout after each hidden layer of D only, p = 1 - keep;
  - Xavier (normal) weights, zero biases; Adam with the preset's learning rates and beta1, beta2 0.999,
    epsilon 1e-8 (GanNetworks); float32; real batches from the MNIST training set in [-1, 1].
The presets' numbers are copied from dev.digitgan.model.spec.Presets; PytorchReferenceTest (shared-model)
compares them with `--print-presets`, so a changed preset fails the build until this copy follows.

Usage: /usr/bin/python3 scripts/bench/pytorch_mlp_gan.py [--preset mlp] [--threads 1] [--warmup 10] [--seconds 20]
       /usr/bin/python3 scripts/bench/pytorch_mlp_gan.py --print-presets
Needs: apt-get install python3-torch libopenblas0-pthread (without OpenBLAS, Debian's PyTorch uses the
reference BLAS). Prints the load average with the figure: the machine may be shared.
"""
import argparse
import json
import os
import struct
import time

# dev.digitgan.model.spec.Presets, MLP architectures only (the DCGAN presets have no reference here).
# classes 10: AC-GAN as the trainer builds it (G gets [z | one-hot digit]; D has a real/fake logit and ten class
# logits, binary cross-entropy on the first and cross-entropy on the rest, for real and generated rows).
# emaDecay > 0: after every G step a weight average of G moves towards G (decay ramped up as the trainer does).
PRESETS = {
    "seed": {"latentSize": 100, "generatorHidden": [150, 300], "discriminatorHidden": [300, 150],
             "generatorLearningRate": 1e-4, "discriminatorLearningRate": 1e-4, "beta1": 0.9,
             "dropoutKeep": 0.7, "batchSize": 256, "classes": 0, "emaDecay": 0.0},
    "mlp": {"latentSize": 100, "generatorHidden": [150, 300], "discriminatorHidden": [300, 150],
            "generatorLearningRate": 2e-3, "discriminatorLearningRate": 2e-3, "beta1": 0.5,
            "dropoutKeep": 0.7, "batchSize": 256, "classes": 0, "emaDecay": 0.999},
    "cmlp": {"latentSize": 100, "generatorHidden": [150, 300], "discriminatorHidden": [300, 150],
             "generatorLearningRate": 2e-3, "discriminatorLearningRate": 2e-3, "beta1": 0.5,
             "dropoutKeep": 0.7, "batchSize": 256, "classes": 10, "emaDecay": 0.999},
}
ADAM_BETA2 = 0.999
ADAM_EPSILON = 1e-8
IMAGE_PIXELS = 784


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--preset", default="mlp", choices=sorted(PRESETS))
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=float, default=10.0, help="warm-up seconds")
    parser.add_argument("--seconds", type=float, default=20.0, help="measured seconds")
    parser.add_argument("--print-presets", action="store_true", help="print the presets as JSON and exit")
    return parser.parse_args()


def load_mnist(root):
    path = os.path.join(root, "data/mnist/train-images-idx3-ubyte")
    if not os.path.isfile(path):
        raise SystemExit(f"{path} is missing: run scripts/fetch-mnist.sh")
    with open(path, "rb") as f:
        magic, n, rows, cols = struct.unpack(">IIII", f.read(16))
        if magic != 0x803 or rows * cols != IMAGE_PIXELS:
            raise SystemExit(f"{path} is not an MNIST image file")
        return f.read(), n


def load_labels(root):
    path = os.path.join(root, "data/mnist/train-labels-idx1-ubyte")
    if not os.path.isfile(path):
        raise SystemExit(f"{path} is missing: run scripts/fetch-mnist.sh")
    with open(path, "rb") as f:
        magic, n = struct.unpack(">II", f.read(8))
        if magic != 0x801:
            raise SystemExit(f"{path} is not an MNIST label file")
        return f.read()


def main():
    args = parse_args()
    if args.print_presets:
        print(json.dumps(PRESETS, sort_keys=True))
        return

    import numpy as np
    import torch
    from torch import nn

    spec = PRESETS[args.preset]
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(42)

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    raw, n_images = load_mnist(root)
    images = np.frombuffer(raw, dtype=np.uint8).reshape(n_images, IMAGE_PIXELS)
    data = torch.from_numpy(images.astype(np.float32) / 127.5 - 1.0)
    classes = spec["classes"]
    labels = torch.from_numpy(np.frombuffer(load_labels(root), dtype=np.uint8).astype(np.int64))

    def dense(n_in, n_out):
        layer = nn.Linear(n_in, n_out)
        nn.init.xavier_normal_(layer.weight)
        nn.init.zeros_(layer.bias)
        return layer

    g_layers, width = [], spec["latentSize"] + classes
    for hidden in spec["generatorHidden"]:
        g_layers += [dense(width, hidden), nn.ReLU()]
        width = hidden
    G = nn.Sequential(*g_layers, dense(width, IMAGE_PIXELS), nn.Tanh())

    d_layers, width = [], IMAGE_PIXELS
    for hidden in spec["discriminatorHidden"]:
        d_layers += [dense(width, hidden), nn.ReLU()]
        if spec["dropoutKeep"] < 1:
            d_layers.append(nn.Dropout(p=1 - spec["dropoutKeep"]))
        width = hidden
    D = nn.Sequential(*d_layers, dense(width, 1), nn.Sigmoid()) if classes == 0 \
        else nn.Sequential(*d_layers, dense(width, 1 + classes))
    G.train()
    D.train()

    opt_g = torch.optim.Adam(G.parameters(), lr=spec["generatorLearningRate"],
                             betas=(spec["beta1"], ADAM_BETA2), eps=ADAM_EPSILON)
    opt_d = torch.optim.Adam(D.parameters(), lr=spec["discriminatorLearningRate"],
                             betas=(spec["beta1"], ADAM_BETA2), eps=ADAM_EPSILON)
    bce = nn.BCELoss()
    batch = spec["batchSize"]
    d_targets = torch.cat([torch.ones(batch, 1), torch.zeros(batch, 1)])
    g_targets = torch.ones(batch, 1)
    d_params = list(D.parameters())

    bce_logits = nn.BCEWithLogitsLoss()
    cross_entropy = nn.CrossEntropyLoss()

    def g_input(digits):
        z = torch.randn(batch, spec["latentSize"])
        return z if classes == 0 else torch.cat([z, nn.functional.one_hot(digits, classes).float()], dim=1)

    def loss(output, targets, digits):
        if classes == 0:
            return bce(output, targets)
        return bce_logits(output[:, :1], targets) + cross_entropy(output[:, 1:], digits)

    average = [p.detach().clone() for p in G.parameters()] if spec["emaDecay"] > 0 else None
    step_index = 0

    def step(real, real_digits):
        fake_digits = torch.randint(0, max(classes, 1), (batch,))
        with torch.no_grad():
            fake = G(g_input(fake_digits))
        opt_d.zero_grad(set_to_none=True)
        loss(D(torch.cat([real, fake])), d_targets, torch.cat([real_digits, fake_digits])).backward()
        opt_d.step()

        for p in d_params:
            p.requires_grad_(False)
        opt_g.zero_grad(set_to_none=True)
        digits = torch.randint(0, max(classes, 1), (batch,))
        loss(D(G(g_input(digits))), g_targets, digits).backward()
        opt_g.step()
        if average is not None:
            nonlocal step_index
            decay = min(spec["emaDecay"], (1 + step_index) / (10 + step_index))
            step_index += 1
            with torch.no_grad():
                for a, p in zip(average, G.parameters()):
                    a.mul_(decay).add_(p, alpha=1 - decay)
        for p in d_params:
            p.requires_grad_(True)

    perm = torch.randperm(data.shape[0])
    position = 0

    def next_batch():
        nonlocal position, perm
        if position + batch > data.shape[0]:
            perm, position = torch.randperm(data.shape[0]), 0
        rows = perm[position:position + batch]
        position += batch
        return data[rows], labels[rows]

    load_before = os.getloadavg()
    start = time.perf_counter()
    while time.perf_counter() - start < args.warmup:
        step(*next_batch())
    steps = 0
    start = time.perf_counter()
    while time.perf_counter() - start < args.seconds:
        step(*next_batch())
        steps += 1
    elapsed = time.perf_counter() - start
    print(f"pytorch {torch.__version__} preset={args.preset} threads={args.threads}: "
          f"{steps * batch / elapsed:.0f} images/s ({steps} steps of {batch} real + {batch} fake in {elapsed:.1f} s); "
          f"load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
