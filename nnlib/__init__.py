"""nnlib: a small numpy library for learning how neural networks work, named after torch.nn."""

from nnlib.activations import (
    ACTIVATIONS,
    get_activation,
    get_activation_grad,
    identity,
    identity_grad,
    leaky_relu,
    leaky_relu_grad,
    relu,
    relu_grad,
    sigmoid,
    sigmoid_grad,
    step,
    step_grad,
    tanh,
    tanh_grad,
)
from nnlib.data import (
    logic_gate,
    make_circles,
    make_moons,
    make_slab,
    make_spirals,
    make_xor,
)
from nnlib.layers import (
    Identity,
    LeakyReLU,
    Linear,
    ReLU,
    Sigmoid,
    Step,
    Tanh,
    activation_module,
)
from nnlib.losses import BCELoss, MSELoss
from nnlib.module import Module, Parameter
from nnlib.neuron import Explanation, Neuron
from nnlib.optim import SGD
from nnlib.sequential import Sequential, Trace, TraceStep
from nnlib.train import History, TrainingDiverged, accuracy, fit

__all__ = [
    "ACTIVATIONS",
    "SGD",
    "BCELoss",
    "Explanation",
    "History",
    "Identity",
    "LeakyReLU",
    "Linear",
    "MSELoss",
    "Module",
    "Neuron",
    "Parameter",
    "ReLU",
    "Sequential",
    "Sigmoid",
    "Step",
    "Tanh",
    "Trace",
    "TraceStep",
    "TrainingDiverged",
    "accuracy",
    "activation_module",
    "fit",
    "get_activation",
    "get_activation_grad",
    "identity",
    "identity_grad",
    "leaky_relu",
    "leaky_relu_grad",
    "logic_gate",
    "make_circles",
    "make_moons",
    "make_slab",
    "make_spirals",
    "make_xor",
    "relu",
    "relu_grad",
    "sigmoid",
    "sigmoid_grad",
    "step",
    "step_grad",
    "tanh",
    "tanh_grad",
]
