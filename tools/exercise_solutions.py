"""The one place that holds the exercises' solutions, for the nbgrader course.

Each exercise cell in notebooks/*.ipynb carries the cell metadata
{"nnlib": {"exercise": ID, "points": N}}.
`tools/make_assignments.py` splits such a cell in two: the learner's lines (with the solution
added in a ### BEGIN SOLUTION region) and, from the visible self-check on, an autograded test cell
with a ### BEGIN HIDDEN TESTS region. This table says, per notebook and exercise ID:

- `solution`: the code an instructor's copy adds to the learner's lines;
- `wrong`: a plausible wrong answer, used by tests/test_assignments.py as a simulated student;
- `hidden`: an independent check, placed before the visible one. It never calls the visible
  checker: it recomputes the answer from first principles (numpy, a central difference, a
  simulation) and asserts;
- `after`: the start of the learner's line after which the solution goes, when it is not the
  last one before the check (the lines after it must still see the solution);
- `prompt`: for exercises done on a live panel, whose cell holds only the check, the text of the
  answer cell the course inserts before it.

Nothing here imports nnlib: the strings run inside the notebooks' kernels.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Solution:
    """What the course needs to know about one exercise beyond the notebook's own text."""

    solution: str
    wrong: str
    hidden: str
    after: str = ""
    prompt: str = ""


SOLUTIONS: dict[str, dict[str, Solution]] = {
    "01_key_terms": {
        "definitions": Solution(
            solution='my_matches = {"neuron": "C", "input": "D", "weight": "E", "bias": "A",\n'
            '              "activation function": "F", "hidden layer": "B"}',
            # weight and bias swapped: both are numbers the neuron learns
            wrong='my_matches = {"neuron": "C", "input": "D", "weight": "A", "bias": "E",\n'
            '              "activation function": "F", "hidden layer": "B"}',
            hidden="assert {term: str(letter).strip().upper() for term, letter in "
            "my_matches.items()} == {\n"
            '    "neuron": "C", "input": "D", "weight": "E", "bias": "A",\n'
            '    "activation function": "F", "hidden layer": "B"}',
        ),
        "trainable": Solution(
            solution='my_trainable = ["weights", "bias"]',
            wrong='my_trainable = ["weights"]',
            hidden=(
                'assert sorted(str(p).strip().lower() for p in my_trainable) == ["bias", "weights"]'
            ),
        ),
        "parameter_count": Solution(
            solution="my_count = 4",
            wrong="my_count = 3",
            hidden="assert my_count == sum(p.data.size for p in Linear(3, 1).parameters())",
        ),
        "hidden_layers": Solution(
            solution="my_depth = 2",
            wrong="my_depth = 3",
            hidden="assert my_depth == sum(isinstance(m, Linear) for m in network) - 1",
        ),
    },
    "02_single_neuron": {
        "neuron_output": Solution(
            solution="my_output = 0.731  # z = 2·1 − 1·0.5 − 0.5 = 1, σ(1) = 0.731",
            wrong="my_output = 1.0  # z, with the activation forgotten",
            hidden="import math\n\nassert abs(my_output - 1 / (1 + math.exp(-1.0))) < 0.005",
        ),
        "firing_threshold": Solution(
            solution="my_threshold = 1.5",
            wrong="my_threshold = -1.5",
            hidden="assert abs(2.0 * my_threshold - 3.0) < 0.01  # z = 2x − 3 is 0 there",
        ),
        "and_gate": Solution(
            solution="and_weights, and_bias = [1.0, 1.0], -1.5",
            wrong="and_weights, and_bias = [1.0, 1.0], -0.5",
            hidden=(
                "_x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)\n"
                "assert list(_x @ np.asarray(and_weights, dtype=float) + and_bias >= 0) == "
                "[False, False, False, True]"
            ),
        ),
        "or_gate": Solution(
            solution="or_weights, or_bias = [1.0, 1.0], -0.5",
            wrong="or_weights, or_bias = [1.0, 1.0], 0.0",
            hidden=(
                "_x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)\n"
                "assert list(_x @ np.asarray(or_weights, dtype=float) + or_bias >= 0) == "
                "[False, True, True, True]"
            ),
        ),
        "nand_gate": Solution(
            solution="nand_weights, nand_bias = [-1.0, -1.0], 1.5",
            wrong="nand_weights, nand_bias = [-1.0, -1.0], 0.5",
            hidden=(
                "_x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)\n"
                "assert list(_x @ np.asarray(nand_weights, dtype=float) + nand_bias >= 0) == "
                "[True, True, True, False]"
            ),
        ),
        "mystery_neuron": Solution(
            solution=(
                "my_bias = mystery.probe([0.0, 0.0, 0.0])\n"
                "my_weights = [mystery.probe(one_hot) - my_bias for one_hot in np.eye(3)]"
            ),
            # the bias was found, but not subtracted from the one-hot probes
            wrong=(
                "my_bias = mystery.probe([0.0, 0.0, 0.0])\n"
                "my_weights = [mystery.probe(one_hot) for one_hot in np.eye(3)]"
            ),
            hidden=(
                "for _x in np.random.default_rng(7).uniform(-2, 2, size=(5, 3)):\n"
                "    _z = float(np.dot(np.asarray(my_weights, dtype=float), _x)) + my_bias\n"
                "    assert abs(mystery.probe(_x) - _z) < 0.02"
            ),
        ),
    },
    "03_activation_functions": {
        "sigmoid_slope": Solution(
            solution="my_sigmoid_slope = 0.25",
            wrong="my_sigmoid_slope = 0.5  # σ(0), the value rather than the slope",
            hidden=(
                "_s = lambda z: 1 / (1 + np.exp(-z))\n"
                "assert abs(my_sigmoid_slope - (_s(1e-6) - _s(-1e-6)) / 2e-6) < 0.005"
            ),
        ),
        "relu_slope": Solution(
            solution="my_relu_slope = 0.0",
            wrong="my_relu_slope = -2.0",
            hidden=(
                "_r = lambda z: max(z, 0.0)\n"
                "assert abs(my_relu_slope - (_r(-2 + 1e-6) - _r(-2 - 1e-6)) / 2e-6) < 0.005"
            ),
        ),
        "collapse": Solution(
            solution="my_weight = [[3.0, 5.0]]  # W2 @ W1\nmy_bias = [2.0]  # W2 @ b1 + b2",
            wrong="my_weight = [[3.0, 5.0]]\nmy_bias = [-2.0]  # only b2: b1 forgotten",
            # the two layers of the exercise, applied one after the other with numpy
            hidden=(
                "_x = np.random.default_rng(7).normal(size=(10, 2))\n"
                "_hidden = _x @ np.array([[1.0, 2.0], [0.0, -1.0]]).T + [1.0, 1.0]\n"
                "_two = _hidden @ [[3.0], [1.0]]\n"
                "_one = _x @ np.asarray(my_weight, dtype=float).T + np.asarray(my_bias)\n"
                "assert np.allclose(_one, _two - 2.0, atol=0.01)"
            ),
        ),
        "xnor": Solution(
            solution=(
                "xnor_output.weight.data[...] = [[-1.0, 1.0]]  # on unless OR without AND\n"
                "xnor_output.bias.data[...] = [0.5]"
            ),
            wrong="xnor_output.weight.data[...] = [[1.0, -1.0]]  # that is XOR\n"
            "xnor_output.bias.data[...] = [-0.5]",
            hidden=(
                "_x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)\n"
                "assert list(np.asarray(xnor_network(_x)).ravel() >= 0.5) == "
                "[True, False, False, True]"
            ),
            after="xnor_output.bias.data[...] = [0.0]",
        ),
    },
    "04_network_3441": {
        "count_2_3_1": Solution(
            solution="answer_2_3_1 = 13",
            wrong="answer_2_3_1 = 9  # the weights only",
            hidden=(
                "_net = Sequential(Linear(2, 3), Sigmoid(), Linear(3, 1))\n"
                "assert answer_2_3_1 == sum(p.data.size for p in _net.parameters())"
            ),
        ),
        "count_784_16_16_10": Solution(
            solution="answer_784_16_16_10 = 13002",
            wrong="answer_784_16_16_10 = 12960  # the weights only",
            hidden=(
                "_net = Sequential(Linear(784, 16), Sigmoid(), Linear(16, 16), Sigmoid(),\n"
                "                  Linear(16, 10))\n"
                "assert answer_784_16_16_10 == sum(p.data.size for p in _net.parameters())"
            ),
        ),
        "shape_batch": Solution(
            solution="shape_for_batch = (5, 1)",
            wrong="shape_for_batch = (1,)",
            hidden=(
                "_net = Sequential(Linear(3, 4), Sigmoid(), Linear(4, 4), Sigmoid(), "
                "Linear(4, 1))\n"
                "assert isinstance(shape_for_batch, (tuple, list))\n"
                "assert tuple(shape_for_batch) == np.shape(_net(np.zeros((5, 3))))"
            ),
        ),
        "shape_one": Solution(
            solution="shape_for_one = (1,)",
            wrong="shape_for_one = (1, 1)",
            hidden=(
                "_net = Sequential(Linear(3, 4), Sigmoid(), Linear(4, 4), Sigmoid(), "
                "Linear(4, 1))\n"
                "assert isinstance(shape_for_one, (tuple, list))\n"
                "assert tuple(shape_for_one) == np.shape(_net(np.zeros(3)))"
            ),
        ),
        "x1_detector": Solution(
            # one path follows x1: 4·x1 − 6 switches on between x1 = 1 and 2, then 8·a − 4 twice
            solution=(
                "for _layer, _weight, _bias in ((0, 4.0, -6.0), (2, 8.0, -4.0), (4, 8.0, -4.0)):\n"
                "    explorer.model[_layer].weight.data[...] = 0.0\n"
                "    explorer.model[_layer].bias.data[...] = 0.0\n"
                "    explorer.model[_layer].weight.data[0, 0] = _weight\n"
                "    explorer.model[_layer].bias.data[0] = _bias\n"
                "explorer.refresh()"
            ),
            # the same path with too small a bias: it switches on near x1 = 0.5, not between 1, 2
            wrong=(
                "for _layer, _weight, _bias in ((0, 4.0, -2.0), (2, 8.0, -4.0), (4, 8.0, -4.0)):\n"
                "    explorer.model[_layer].weight.data[...] = 0.0\n"
                "    explorer.model[_layer].bias.data[...] = 0.0\n"
                "    explorer.model[_layer].weight.data[0, 0] = _weight\n"
                "    explorer.model[_layer].bias.data[0] = _bias\n"
                "explorer.refresh()"
            ),
            hidden=(
                "_rng = np.random.default_rng(7)\n"
                "_large = _rng.uniform(-3, 3, size=(200, 3))\n"
                "_large[:, 0] = _rng.uniform(2, 3, size=200)\n"
                "_small = _rng.uniform(-3, 3, size=(200, 3))\n"
                "_small[:, 0] = _rng.uniform(-3, 1, size=200)\n"
                "assert np.all(np.asarray(explorer.model(_large)) > 0.9)\n"
                "assert np.all(np.asarray(explorer.model(_small)) <= 0.9)"
            ),
            prompt=(
                "# Set the explorer's weights with its controls above, or here in code, until the\n"
                "# check below says ✓."
            ),
        ),
    },
    "05_biological_vs_artificial": {
        "rheobase": Solution(
            solution="my_rheobase = 0.65  # (−52 − (−65)) mV / 20 MΩ",
            wrong="my_rheobase = 0.9  # measured from the reset (−70 mV), not from rest",
            hidden=(
                "assert my_rheobase is not None\n"
                "_cell = LIFNeuron(tau_m=10.0, v_rest=-65.0, v_threshold=-52.0, v_reset=-70.0,\n"
                "                  resistance=20.0)\n"
                "assert _cell.simulate(1.02 * my_rheobase, duration=500.0).n_spikes > 0\n"
                "assert _cell.simulate(0.98 * my_rheobase, duration=500.0).n_spikes == 0"
            ),
        ),
        "will_spike": Solution(
            solution='predictions = {"A": False, "B": True, "C": False, "D": True}',
            wrong='predictions = {"A": False, "B": True, "C": True, "D": True}',
            # R·I above the 13 mV gap for a constant current; R·I·(1 − e^(−t/τ)) for a pulse
            hidden=(
                "_gap, _r, _tau = 13.0, 20.0, 10.0\n"
                "assert predictions == {\n"
                '    "A": bool(_r * 0.5 > _gap),\n'
                '    "B": bool(_r * 0.8 > _gap),\n'
                '    "C": bool(_r * 5.0 * (1 - np.exp(-1.0 / _tau)) > _gap),\n'
                '    "D": bool(_r * 5.0 * (1 - np.exp(-3.0 / _tau)) > _gap),\n'
                "}"
            ),
        ),
        "mystery_threshold": Solution(
            # halve the bracket [0, 3] nA twelve times, then V_th = v_rest + R·I_rh
            solution=(
                "low, high = 0.0, 3.0\n"
                "for _ in range(12):\n"
                "    middle = (low + high) / 2\n"
                "    low, high = (low, middle) if mystery.probe(middle) > 0 else (middle, high)\n"
                "my_threshold = mystery.v_rest + mystery.resistance * high"
            ),
            wrong=(
                "low, high = 0.0, 3.0\n"
                "for _ in range(12):\n"
                "    middle = (low + high) / 2\n"
                "    low, high = (low, middle) if mystery.probe(middle) > 0 else (middle, high)\n"
                "my_threshold = high  # the rheobase in nA, not yet turned into mV"
            ),
            hidden=(
                "assert my_threshold is not None\n"
                "_current = (my_threshold - mystery.v_rest) / mystery.resistance\n"
                "assert mystery.probe(_current + 0.06) > 0\n"
                "assert mystery.probe(_current - 0.06) == 0"
            ),
        ),
    },
    "06_training": {
        "converging_lr": Solution(
            solution="my_lr = 0.1",
            wrong="my_lr = 0.01  # too timid: the loss is still falling after 200 steps",
            hidden=(
                "_net = lr_task_model()\n"
                "_history = fit(_net, X_xor, y_xor, loss=MSELoss(),\n"
                "               optimizer=SGD(_net.parameters(), lr=my_lr), epochs=200)\n"
                "assert _history.final_loss < 0.01"
            ),
        ),
        "diverging_lr": Solution(
            solution="my_big_lr = 5.0",
            wrong="my_big_lr = 1.0  # too big to converge, not big enough to blow up",
            hidden=(
                "_net = lr_task_model()\n"
                "try:\n"
                "    _history = fit(_net, X_xor, y_xor, loss=MSELoss(),\n"
                "                   optimizer=SGD(_net.parameters(), lr=my_big_lr), epochs=200)\n"
                "    assert _history.final_loss > 1000 * _history.losses[0]\n"
                "except TrainingDiverged:\n"
                "    pass"
            ),
        ),
        "xor_model": Solution(
            solution="xor_model = mlp([2, 4, 1], 'tanh', rng=np.random.default_rng(0))",
            # a hidden layer without an activation: still one straight line
            wrong=(
                "_rng = np.random.default_rng(0)\n"
                "xor_model = Sequential(Linear(2, 4, rng=_rng), Linear(4, 1, rng=_rng), Sigmoid())"
            ),
            hidden=(
                "_out = np.asarray(xor_model(X_xor)).reshape(-1)\n"
                "assert list(_out >= 0.5) == [False, True, True, False]"
            ),
            after="xor_model = Sequential(Linear(2, 1, rng=np.random.default_rng(0)), Sigmoid())",
        ),
    },
    "07_backpropagation": {
        "sigmoid_slope": Solution(
            solution="my_slope = sigmoid(1.0) * (1 - sigmoid(1.0))  # 0.197",
            wrong="my_slope = 0.731  # σ(1), the value of the node a",
            hidden="assert abs(my_slope - central_difference(sigmoid, 1.0)) < 1e-3",
        ),
        "read_gradient": Solution(
            solution="my_dL_dw = 0.275  # the grad line in w's box",
            wrong="my_dL_dw = 0.183  # the grad of z, one box to the right",
            hidden=(
                "_loss = lambda w: (np.tanh(w * 1.5 - 0.4) - 0.5) ** 2\n"
                "assert abs(my_dL_dw - central_difference(_loss, 0.8)) < 6e-4"
            ),
        ),
        "two_paths": Solution(
            solution="my_df_dx = 0.5 + 2 * 1.5  # y + 2x\nmy_df_dy = 1.5  # x",
            wrong="my_df_dx = 2 * 1.5  # only the path through x²\nmy_df_dy = 1.5",
            hidden=(
                "_f = lambda x, y: x * y + x**2\n"
                "assert abs(my_df_dx - central_difference(lambda x: _f(x, 0.5), 1.5)) < 1e-4\n"
                "assert abs(my_df_dy - central_difference(lambda y: _f(1.5, y), 0.5)) < 1e-4"
            ),
        ),
    },
    "08_universality": {
        "bump": Solution(
            solution="biases = (-30.0, -50.0)  # b = −w·s\noutput_weights = (0.6, -0.6)",
            wrong="biases = (30.0, 50.0)  # the sign of b = −w·s forgotten\n"
            "output_weights = (0.6, -0.6)",
            hidden=(
                "_x = np.linspace(0.0, 1.0, 201)\n"
                "_hidden = 1 / (1 + np.exp(-(100.0 * _x[:, None] + np.asarray(biases))))\n"
                "_out = _hidden @ np.asarray(output_weights, dtype=float)\n"
                "_ideal = np.where((_x > 0.3) & (_x < 0.5), 0.6, 0.0)\n"
                "assert np.mean(np.abs(_out - _ideal)) < 0.03"
            ),
        ),
        "kink_match": Solution(
            # narrower bumps where the kink bends: mean absolute error about 0.071
            solution=(
                'builder.controls["target"].value = "kink"\n'
                "builder.model = bump_network(\n"
                "    [Bump(-0.1, 0.2, 0.44), Bump(0.2, 0.7, 0.65), Bump(0.7, 1.1, 0.26)], 100.0\n"
                ")\n"
                "builder.refresh()"
            ),
            # more bumps than allowed: the error is low, but the exercise says 6 neurons at most
            wrong=(
                'builder.controls["target"].value = "kink"\nbuilder.controls["neurons"].value = 8'
            ),
            hidden=(
                "_x = np.linspace(0.0, 1.0, 201)\n"
                "_out = np.asarray(builder.model(_x[:, None])).reshape(-1)\n"
                "assert builder.model[0].bias.data.size <= 6\n"
                "assert np.mean(np.abs(_out - (0.8 - 1.2 * np.abs(_x - 0.4)))) <= 0.08"
            ),
            prompt=(
                "# Set the bump builder above to the kink target with at most 6 neurons, move its\n"
                "# steps and heights (or set builder.model here and call builder.refresh()) until\n"
                "# the check below says ✓."
            ),
        ),
        "steepness": Solution(
            solution="error_at_200 = step_error(50.0) / 4  # the ramps are 1/w wide",
            wrong="error_at_200 = step_error(50.0) / 2",
            hidden="assert abs(error_at_200 - step_error(200.0)) <= 0.1 * step_error(200.0)",
        ),
    },
    "09_playground": {
        "split": Solution(
            solution="X_tr, X_te, y_tr, y_te = train_test_split(X_all, y_all, test_fraction=0.25, "
            "rng=rng)",
            # the share kept for training passed as the test fraction
            wrong="X_tr, X_te, y_tr, y_te = train_test_split(X_all, y_all, test_fraction=0.75, "
            "rng=rng)",
            hidden=(
                "assert len(X_te) == len(y_te) == 50 and len(X_tr) == len(y_tr) == 150\n"
                "_rows = np.concatenate([X_tr, X_te])\n"
                "_labels = np.concatenate([y_tr, y_te])\n"
                "_mine, _theirs = np.lexsort(_rows.T), np.lexsort(X_all.T)\n"
                "assert np.array_equal(_rows[_mine], X_all[_theirs])\n"
                "assert np.array_equal(_labels[_mine], y_all[_theirs])"
            ),
        ),
        "step_count": Solution(
            solution="my_steps = 20  # batches of 8, 8, 8 and 6 in each of the 5 epochs",
            wrong="my_steps = 15  # the last, smaller batch of each epoch forgotten",
            hidden=(
                "_X, _y = make_moons(30, rng=np.random.default_rng(0))\n"
                "_net = mlp([2, 2, 1], 'tanh', rng=np.random.default_rng(0))\n"
                "_opt = SGD(_net.parameters(), lr=0.1)\n"
                "_run = fit(_net, _X, _y, loss=BCELoss(), optimizer=_opt, epochs=5, batch_size=8)\n"
                "assert my_steps == _run.steps"
            ),
        ),
        "best_epoch": Solution(
            solution="my_epoch = int(np.argmin(overfit_history.test_losses)) + 1",
            wrong="my_epoch = int(np.argmin(overfit_history.test_losses))  # counted from 0",
            hidden=(
                "_net = mlp([2, 16, 16, 1], 'tanh', rng=np.random.default_rng(2))\n"
                "_opt = SGD(_net.parameters(), lr=0.5, momentum=0.9)\n"
                "_tests = []\n"
                "_record = lambda epoch, loss, net: _tests.append(BCELoss()(net(X_test), y_test))\n"
                "fit(_net, X_train, y_train, loss=BCELoss(), optimizer=_opt, epochs=200,\n"
                "    callback=_record)\n"
                "assert my_epoch == 1 + int(np.argmin(_tests))"
            ),
        ),
        "regularisation": Solution(
            solution="my_weight_decay = 0.01",
            wrong="my_weight_decay = 0.0001  # far too weak: the network still overfits",
            hidden=(
                "_X, _y = make_moons(80, noise=0.35, rng=np.random.default_rng(3))\n"
                "_X_tr, _X_te, _y_tr, _y_te = train_test_split(\n"
                "    _X, _y, test_fraction=0.5, rng=np.random.default_rng(4))\n"
                "_net = mlp([2, 16, 16, 1], 'tanh', rng=np.random.default_rng(5))\n"
                "_opt = SGD(_net.parameters(), 0.5, momentum=0.9, weight_decay=my_weight_decay)\n"
                "fit(_net, _X_tr, _y_tr, loss=BCELoss(), optimizer=_opt, epochs=300)\n"
                "assert BCELoss()(_net(_X_te), _y_te) < 0.35"
            ),
        ),
    },
}
