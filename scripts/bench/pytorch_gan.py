#!/usr/bin/python3
"""Reference: the trainer's GAN step in PyTorch (Debian's python3-torch), for every preset, for a side-by-side
images/second comparison with the DL4J trainer on the same CPU. Not part of the product.

The same work per step as dev.digitgan.model.train.GanTrainer with the networks of dev.digitgan.model.nets
(MlpLayers, DcganLayers, DiscriminatorOutput, GanNetworks):
  - D step: fakes from G on z (no gradients; G in training mode, so batch norm uses batch statistics), then ONE
    update of D on the 2n rows [n real; n fake], targets [1 - labelSmoothing; 0] (GanLabels), loss averaged over
    the 2n rows;
  - G step: n fresh z through G and D, target 1, D's parameters frozen (requires_grad False: no D weight gradients)
    but D's dropout active, as in the stacked network, whose dropout layers are not wrapped in
    FrozenLayerWithBackprop (D has no batch norm in any preset);
  - then, with emaDecay > 0, the weight average of G moves towards G: avg = d avg + (1 - d) G with
    d = min(emaDecay, (1 + k) / (10 + k)), over everything in G's params() on the Java side, which includes batch
    norm's running mean and variance;
  - mlp/seed/cmlp: G z -> dense ReLU ... -> 784 tanh; D 784 -> dense ReLU, dropout ... -> output;
    dcgan/cdcgan: G dense -> 7x7xC0 (identity), batch norm over the 3136 features, ReLU, nearest x2 upsampling,
    3x3 convolution -> 14x14xC1, batch norm per channel, ReLU, x2 upsampling, 3x3 convolution -> 28x28x1 tanh;
    D 5x5 stride-2 convolutions with LeakyReLU (preset's slope; dropout after each if keep < 1), then the output;
    batch norm momentum 0.1 / eps 1e-5 (DL4J's decay 0.9, eps 1e-5);
  - output (DiscriminatorOutput): unconditional one unit, a sigmoid with binary cross-entropy (loss CROSS_ENTROPY)
    or a plain score with squared error (LEAST_SQUARES); conditional (classes 10, AC-GAN) one real/fake output and
    ten class logits, the spec's loss on the first (cross-entropy on the logit) plus cross-entropy on the rest,
    for real and generated rows; G gets [z | one-hot digit], fakes get uniform digits, real rows MNIST's labels;
  - Xavier (normal) weights, zero biases; Adam with the preset's learning rates and beta1, beta2 0.999, epsilon
    1e-8, over trainable parameters only; float32; real batches from the MNIST training set in [-1, 1].

Not exactly equal, and why it does not change the work:
  - D's 5x5 stride-2 'Same' convolutions: DL4J pads 1 before and 2 after (28 -> 14 -> 7); PyTorch's Conv2d pads
    symmetrically, so padding 2 here: the same output sizes and multiply-adds, outputs shifted by one pixel (an
    explicit F.pad would be exact but add a copy the trainer does not make);
  - Xavier for convolutions: DL4J's fan-out is nOut k^2 / stride^2, PyTorch's nOut k^2 (initial values only);
  - PyTorch updates batch norm's running statistics in every training-mode forward (also G's no-gradient forward
    of the D step), DL4J in backprop only: per-feature work, negligible;
  - random numbers (z, digits, dropout masks, batch order) come from PyTorch's generator, not the trainer's
    seeded streams: the same distributions, other values.
  - Adam: DL4J folds the bias corrections into the step size (lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)),
    PyTorch divides sqrt(v) by sqrt(1 - b2^t) before adding eps: the same operations, eps weighs slightly differently.
The trainer does work this reference does not, on purpose (it is the trainer's overhead, issue 14 part 2): the
frozen D's convolutions and output layer still compute weight gradients in the G step (only GanDenseLayer skips
them; libnd4j's conv2d_bp computes them always), and D's first convolution computes its input's gradient in the
D step. The reference computes what the step needs.

The presets are copied from dev.digitgan.model.spec.Presets (every field), and `--print-layers` describes both
networks layer by layer as DL4J builds them (kind, output shape, parameter count with batch norm's four numbers per
feature, forward multiply-adds per image), computed here without torch. PytorchReferenceTest (shared-model) checks
both against the Java side, so a changed preset or layer fails the build until this copy follows; before
measuring, this script checks that the torch modules it built have those parameter counts and output shapes.
The minimal multiply-adds of one step are the sum, per real image, of: G forward 2x (D step, G step), D forward
on 2 rows and D weight gradients on 2 rows (D step), D input gradients on 2 rows except D's first layer (D step),
D forward and D input gradients (G step), G weight gradients and G input gradients except G's first layer.

With --latency it then times G's latency for 64 digits as GanBenchmark does (its generatorLatency: half the
warm-up and measuring time, median of the calls): per call, on one fixed z, what Generator.generate does: for a
conditional preset the digits 0..9 in turn and the [z | one-hot] rows, G's forward pass in inference mode (eval():
batch norm on its running statistics; torch.no_grad(): no autograd record), the images copied out to one flat
float32 array. G is the trained one here, an untrained one there, the served weight average the same layers: the
same work.

Usage: /usr/bin/python3 scripts/bench/pytorch_gan.py [--preset mlp] [--threads 1] [--warmup 10] [--seconds 20]
                                                     [--latency]
       /usr/bin/python3 scripts/bench/pytorch_gan.py --print-presets | --print-layers
Needs: apt-get install python3-torch libopenblas0-pthread (without OpenBLAS, Debian's PyTorch uses the
reference BLAS). Counts images/s as GanBenchmark does: real images of the measured steps (at least 3) per wall
second, warm-up excluded. Prints the load average with the figure: the machine may be shared.
"""
import argparse
import json
import os
import struct
import time

# dev.digitgan.model.spec.Presets, every field of GanSpec.
_MLP = {"architecture": "MLP", "latentSize": 100, "generatorHidden": [150, 300], "discriminatorHidden": [300, 150],
        "generatorChannels": [], "discriminatorChannels": [], "generatorLearningRate": 2e-3,
        "discriminatorLearningRate": 2e-3, "beta1": 0.5, "dropoutKeep": 0.7, "leakyReluAlpha": 0.0,
        "batchSize": 256, "seed": 42, "classes": 0, "labelSmoothing": 0.0, "emaDecay": 0.999,
        "loss": "CROSS_ENTROPY"}
_DCGAN = {"architecture": "DCGAN", "latentSize": 100, "generatorHidden": [], "discriminatorHidden": [],
          "generatorChannels": [64, 32], "discriminatorChannels": [32, 64], "generatorLearningRate": 5e-4,
          "discriminatorLearningRate": 5e-4, "beta1": 0.5, "dropoutKeep": 1.0, "leakyReluAlpha": 0.2,
          "batchSize": 256, "seed": 42, "classes": 0, "labelSmoothing": 0.0, "emaDecay": 0.0,
          "loss": "CROSS_ENTROPY"}
PRESETS = {
    "seed": dict(_MLP, preset="seed", generatorLearningRate=1e-4, discriminatorLearningRate=1e-4, beta1=0.9,
                 emaDecay=0.0),
    "mlp": dict(_MLP, preset="mlp"),
    "dcgan": dict(_DCGAN, preset="dcgan"),
    "cmlp": dict(_MLP, preset="cmlp", classes=10),
    "cdcgan": dict(_DCGAN, preset="cdcgan", classes=10, emaDecay=0.999, loss="LEAST_SQUARES"),
}
ADAM_BETA2 = 0.999
ADAM_EPSILON = 1e-8
BATCH_NORM_DECAY = 0.9  # DL4J's BatchNormalization default: running = decay running + (1 - decay) batch
BATCH_NORM_EPS = 1e-5
IMAGE_SIDE = 28
IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE
DCGAN_BASE_SIDE = 7
GENERATOR_KERNEL = 3
DISCRIMINATOR_KERNEL = 5


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--preset", default="mlp", choices=list(PRESETS))
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--warmup", type=float, default=10.0, help="warm-up seconds")
    parser.add_argument("--seconds", type=float, default=20.0, help="measured seconds")
    parser.add_argument("--latency", action="store_true",
                        help="after training, also G's latency for 64 digits (half the warm-up and measuring time)")
    parser.add_argument("--print-presets", action="store_true", help="print the presets as JSON and exit")
    parser.add_argument("--print-layers", action="store_true",
                        help="print every preset's layers (as DL4J builds them) as JSON and exit")
    return parser.parse_args()


# ---- the networks, one entry per DL4J layer (no torch needed) ----

def _entry(kind, shape_in, shape_out, params=0, macs=0, **config):
    return dict(kind=kind, input=list(shape_in), output=list(shape_out), params=params, macs=macs, **config)


def _dense(kind, shape_in, n_out, activation):
    n_in = 1
    for d in shape_in:
        n_in *= d
    return _entry(kind, shape_in, [n_out], params=n_in * n_out + n_out, macs=n_in * n_out, activation=activation)


def _conv(shape_in, c_out, kernel, stride, activation):
    c_in, h, w = shape_in
    h_out, w_out = -(-h // stride), -(-w // stride)  # 'Same' mode: ceil(side / stride)
    return _entry("conv", shape_in, [c_out, h_out, w_out], params=c_in * c_out * kernel * kernel + c_out,
                  macs=h_out * w_out * c_out * c_in * kernel * kernel, kernel=kernel, stride=stride,
                  activation=activation)


def _output(spec, shape_in):
    if spec["classes"] > 0:
        return dict(_dense("output", shape_in, 1 + spec["classes"], "identity"),
                    loss=f"auxiliary-classifier:{spec['loss']}")
    if spec["loss"] == "LEAST_SQUARES":
        return dict(_dense("output", shape_in, 1, "identity"), loss="mse")
    return dict(_dense("output", shape_in, 1, "sigmoid"), loss="xent")


def _dropout(spec, shape):
    return [_entry("dropout", shape, shape, keep=spec["dropoutKeep"])] if spec["dropoutKeep"] < 1 else []


def _batch_norm(shape):
    # DL4J keeps gamma, beta and the running mean and variance (its "global" mean and variance) as parameters
    return _entry("batchnorm", shape, shape, params=4 * shape[0], eps=BATCH_NORM_EPS, decay=BATCH_NORM_DECAY)


def generator_layers(spec):
    shape, layers = [spec["latentSize"] + spec["classes"]], []
    if spec["architecture"] == "MLP":
        for width in spec["generatorHidden"]:
            layers.append(_dense("dense", shape, width, "relu"))
            shape = layers[-1]["output"]
        layers.append(_dense("dense", shape, IMAGE_PIXELS, "tanh"))
        return layers
    base, middle = spec["generatorChannels"]
    side = DCGAN_BASE_SIDE
    layers.append(_dense("dense", shape, base * side * side, "identity"))
    layers.append(_batch_norm(layers[-1]["output"]))  # on the flat 3136 features, before the reshape
    layers.append(_entry("activation", layers[-1]["output"], layers[-1]["output"], activation="relu"))
    layers.append(_entry("upsampling", [base, side, side], [base, 2 * side, 2 * side], factor=2))
    layers.append(_conv(layers[-1]["output"], middle, GENERATOR_KERNEL, 1, "identity"))
    layers.append(_batch_norm(layers[-1]["output"]))
    layers.append(_entry("activation", layers[-1]["output"], layers[-1]["output"], activation="relu"))
    layers.append(_entry("upsampling", layers[-1]["output"], [middle, 4 * side, 4 * side], factor=2))
    layers.append(_conv(layers[-1]["output"], 1, GENERATOR_KERNEL, 1, "tanh"))
    return layers


def discriminator_layers(spec):
    layers = []
    if spec["architecture"] == "MLP":
        shape = [IMAGE_PIXELS]
        for width in spec["discriminatorHidden"]:
            layers.append(_dense("dense", shape, width, "relu"))
            shape = layers[-1]["output"]
            layers += _dropout(spec, shape)
    else:
        shape = [1, IMAGE_SIDE, IMAGE_SIDE]
        for channels in spec["discriminatorChannels"]:
            layers.append(_conv(shape, channels, DISCRIMINATOR_KERNEL, 2, f"leakyrelu:{spec['leakyReluAlpha']}"))
            shape = layers[-1]["output"]
            layers += _dropout(spec, shape)
    layers.append(_output(spec, shape))
    return layers


def step_macs(generator, discriminator):
    """Minimal multiply-adds of one step per real image (see the docstring)."""
    g = sum(layer["macs"] for layer in generator)
    d = sum(layer["macs"] for layer in discriminator)
    g_first = next(layer["macs"] for layer in generator if layer["macs"])
    d_first = next(layer["macs"] for layer in discriminator if layer["macs"])
    d_step = g + 2 * d + 2 * d + 2 * (d - d_first)
    g_step = g + d + d + g + (g - g_first)
    return d_step + g_step


def describe(spec):
    g, d = generator_layers(spec), discriminator_layers(spec)
    return {"generator": g, "discriminator": d,
            "generatorParams": sum(layer["params"] for layer in g),
            "discriminatorParams": sum(layer["params"] for layer in d),
            "stepMacsPerImage": step_macs(g, d)}


# ---- data ----

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


# ---- torch ----

def build(layers, shape_in, nn):
    """One nn.Sequential per described layer, so parameter counts and shapes can be checked entry by entry."""
    def activation(name):
        if name.startswith("leakyrelu:"):
            return [nn.LeakyReLU(float(name.split(":")[1]))]
        return {"relu": [nn.ReLU()], "tanh": [nn.Tanh()], "sigmoid": [nn.Sigmoid()], "identity": []}[name]

    def initialised(layer):
        nn.init.xavier_normal_(layer.weight)
        nn.init.zeros_(layer.bias)
        return layer

    modules, shape = [], list(shape_in)
    for entry in layers:
        kind = entry["kind"]
        # DL4J's pre-processors: flat rows become [C, H, W] before a convolution or upsampling
        # (FeedForwardToCnnPreProcessor), [C, H, W] becomes flat before a dense layer (CnnToFeedForwardPreProcessor)
        parts = []
        if len(shape) == 1 and len(entry["input"]) == 3:
            parts.append(nn.Unflatten(1, tuple(entry["input"])))
        elif len(shape) == 3 and kind in ("dense", "output"):
            parts.append(nn.Flatten())
        if kind in ("dense", "output"):
            n_in = entry["params"] // entry["output"][0] - 1
            parts += [initialised(nn.Linear(n_in, entry["output"][0]))] + activation(entry["activation"])
        elif kind == "conv":
            parts += [initialised(nn.Conv2d(entry["input"][0], entry["output"][0], entry["kernel"],
                                            stride=entry["stride"], padding=entry["kernel"] // 2))]
            parts += activation(entry["activation"])
        elif kind == "batchnorm":
            norm = nn.BatchNorm1d if len(entry["input"]) == 1 else nn.BatchNorm2d
            parts.append(norm(entry["input"][0], eps=entry["eps"], momentum=1 - entry["decay"]))
        elif kind == "activation":
            parts += activation(entry["activation"])
        elif kind == "upsampling":
            parts.append(nn.Upsample(scale_factor=entry["factor"], mode="nearest"))
        elif kind == "dropout":
            parts.append(nn.Dropout(p=1 - entry["keep"]))
        else:
            raise ValueError(f"unknown layer kind {kind}")
        modules.append(nn.Sequential(*parts))
        shape = entry["output"]
    return modules


def check(name, modules, layers, torch, rows_in):
    """The built modules have the described parameter counts and output shapes, or the comparison is void."""
    x = rows_in
    with torch.no_grad():
        for i, (module, entry) in enumerate(zip(modules, layers)):
            count = sum(p.numel() for p in module.parameters())
            count += sum(b.numel() for n, b in module.named_buffers() if n.endswith(("running_mean", "running_var")))
            if count != entry["params"]:
                raise SystemExit(f"{name} layer {i} ({entry['kind']}): torch has {count} parameters, "
                                 f"the description {entry['params']}")
            x = module(x)
            if list(x.shape[1:]) != entry["output"]:
                raise SystemExit(f"{name} layer {i} ({entry['kind']}): torch output {list(x.shape[1:])}, "
                                 f"the description {entry['output']}")


def main():
    args = parse_args()
    if args.print_presets:
        print(json.dumps(PRESETS, sort_keys=True))
        return
    if args.print_layers:
        print(json.dumps({name: describe(spec) for name, spec in PRESETS.items()}, sort_keys=True))
        return

    import numpy as np
    import torch
    from torch import nn

    spec = PRESETS[args.preset]
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(spec["seed"])

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    raw, n_images = load_mnist(root)
    images = np.frombuffer(raw, dtype=np.uint8).reshape(n_images, IMAGE_PIXELS)
    data = torch.from_numpy(images.astype(np.float32) / 127.5 - 1.0)
    classes = spec["classes"]
    labels = torch.from_numpy(np.frombuffer(load_labels(root), dtype=np.uint8).astype(np.int64))
    batch = spec["batchSize"]

    description = describe(spec)
    g_in, d_in = spec["latentSize"] + classes, IMAGE_PIXELS
    g_modules = build(description["generator"], [g_in], nn)
    d_modules = build(description["discriminator"], [d_in], nn)
    check("G", g_modules, description["generator"], torch, torch.randn(2, g_in))
    check("D", d_modules, description["discriminator"], torch, torch.randn(2, d_in))
    G = nn.Sequential(*g_modules, nn.Flatten())  # [n, 784] rows, as D's input and the real batch
    D = nn.Sequential(*d_modules)
    G.train()
    D.train()

    opt_g = torch.optim.Adam(G.parameters(), lr=spec["generatorLearningRate"],
                             betas=(spec["beta1"], ADAM_BETA2), eps=ADAM_EPSILON)
    opt_d = torch.optim.Adam(D.parameters(), lr=spec["discriminatorLearningRate"],
                             betas=(spec["beta1"], ADAM_BETA2), eps=ADAM_EPSILON)
    bce = nn.BCELoss()
    bce_logits = nn.BCEWithLogitsLoss()
    squared = nn.MSELoss()
    adversarial = squared if spec["loss"] == "LEAST_SQUARES" else bce if classes == 0 else bce_logits
    cross_entropy = nn.CrossEntropyLoss()
    d_targets = torch.cat([torch.full((batch, 1), 1.0 - spec["labelSmoothing"]), torch.zeros(batch, 1)])
    g_targets = torch.ones(batch, 1)
    d_params = list(D.parameters())

    def g_input(digits):
        z = torch.randn(batch, spec["latentSize"])
        return z if classes == 0 else torch.cat([z, nn.functional.one_hot(digits, classes).float()], dim=1)

    def loss(output, targets, digits):
        if classes == 0:
            return adversarial(output, targets)
        return adversarial(output[:, :1], targets) + cross_entropy(output[:, 1:], digits)

    # what the Java side's G.params() holds: the parameters and batch norm's running mean and variance
    g_state = list(G.parameters()) + [b for n, b in G.named_buffers() if n.endswith(("running_mean", "running_var"))]
    average = [t.detach().clone() for t in g_state] if spec["emaDecay"] > 0 else None
    step_index = 0

    def step(real, real_digits):
        nonlocal step_index
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
        for p in d_params:
            p.requires_grad_(True)
        if average is not None:
            decay = min(spec["emaDecay"], (1 + step_index) / (10 + step_index))
            with torch.no_grad():
                for a, t in zip(average, g_state):
                    a.mul_(decay).add_(t, alpha=1 - decay)
        step_index += 1

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
    while time.perf_counter() - start < args.seconds or steps < 3:
        step(*next_batch())
        steps += 1
    elapsed = time.perf_counter() - start
    rate = steps * batch / elapsed
    print(f"pytorch {torch.__version__} preset={args.preset} threads={args.threads}: "
          f"{rate:.0f} images/s ({steps} steps of {batch} real + {batch} fake in {elapsed:.1f} s; "
          f"{rate * 2 * description['stepMacsPerImage'] / 1e9:.1f} GFLOP/s of the step's minimal work); "
          f"load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs")
    if args.latency:
        generator_latency(G, spec, torch, np, args.warmup / 2, args.seconds / 2)


GENERATOR_BATCH = 64


def generator_latency(G, spec, torch, np, warmup, seconds):
    """GanBenchmark.generatorLatency: Generator.generate(z, 64) on one fixed z, its median and p90 the same way."""
    n, latent, classes = GENERATOR_BATCH, spec["latentSize"], spec["classes"]
    z = np.random.default_rng(3).standard_normal((n, latent), dtype=np.float32)

    def generate():
        if classes == 0:
            rows = z.copy()  # Nd4j.create copies the z array into native memory
        else:
            rows = np.zeros((n, latent + classes), dtype=np.float32)
            rows[:, :latent] = z
            rows[np.arange(n), latent + np.arange(n) % classes] = 1.0  # Labels.cycle: 0, 1, ..., 9, 0, ...
        with torch.no_grad():
            return G(torch.from_numpy(rows)).reshape(-1).numpy().copy()

    G.eval()
    end = time.perf_counter() + warmup
    while time.perf_counter() < end:
        generate()
    millis = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end or len(millis) < 5:
        t = time.perf_counter()
        generate()
        millis.append((time.perf_counter() - t) * 1e3)
    millis.sort()

    def percentile(q):
        return millis[min(len(millis) - 1, int(q * len(millis)))]

    print(f"{spec['preset']} generator, batch of {n}: median {percentile(0.5):.2f} ms, p90 {percentile(0.9):.2f} ms, "
          f"min {millis[0]:.2f} ms ({len(millis)} calls)  load {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
