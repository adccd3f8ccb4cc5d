"""fit, train_step, accuracy and loss_surface: XOR learned, divergence explained, stopping."""

from __future__ import annotations

import numpy as np
import pytest

from nnlib.data import logic_gate, make_moons
from nnlib.layers import Linear, ReLU, Sigmoid, Tanh
from nnlib.losses import BCELoss, MSELoss
from nnlib.metrics import accuracy, loss_surface
from nnlib.module import Module
from nnlib.neuron import Neuron
from nnlib.optim import SGD
from nnlib.sequential import Sequential, mlp
from nnlib.train import History, TrainingDiverged, fit, train_step

XOR_EPOCH_LIMIT = 60  # seed 0 needs 26 full-batch epochs; the limit leaves room, not a free pass


def xor_net(seed: int) -> Sequential:
    rng = np.random.default_rng(seed)
    return Sequential(Linear(2, 4, rng=rng), Tanh(), Linear(4, 1, rng=rng), Sigmoid())


def test_xor_reaches_full_accuracy_within_the_stated_epochs() -> None:
    X, y = logic_gate("XOR")
    model = xor_net(0)
    assert accuracy(model(X), y) < 1.0  # the untrained network does not already solve it
    solved: list[int] = []

    def first_perfect_epoch(epoch: int, loss: float, m: Module) -> bool:
        if accuracy(m(X), y) == 1.0:
            solved.append(epoch)
            return True
        return False

    opt = SGD(model.parameters(), lr=0.5, momentum=0.9)
    history = fit(
        model,
        X,
        y,
        loss=BCELoss(),
        optimizer=opt,
        epochs=XOR_EPOCH_LIMIT,
        callback=first_perfect_epoch,
    )
    assert solved and solved[0] <= XOR_EPOCH_LIMIT
    assert history.stopped_early and history.epochs == solved[0]
    assert accuracy(model(X), y) == 1.0


def test_loss_falls_and_history_counts_steps() -> None:
    X, y = logic_gate("XOR")
    model = xor_net(1)
    history = fit(model, X, y, loss=BCELoss(), optimizer=SGD(model.parameters(), lr=0.5), epochs=50)
    assert isinstance(history, History)
    assert history.epochs == 50 and history.steps == 50 and not history.stopped_early
    assert history.final_loss < history.losses[0]
    assert repr(history).startswith("History(epochs=50, steps=50, final_loss=")


def test_minibatches_take_ceil_n_over_batch_size_steps_each_epoch() -> None:
    X, y = make_moons(10, 0.1, rng=np.random.default_rng(0))
    model = xor_net(2)
    history = fit(
        model,
        X,
        y,
        loss=BCELoss(),
        optimizer=SGD(model.parameters(), lr=0.1),
        epochs=3,
        batch_size=4,
        rng=np.random.default_rng(5),
    )
    assert history.steps == 3 * 3


def test_shuffled_training_is_reproducible_from_the_seed() -> None:
    X, y = make_moons(20, 0.1, rng=np.random.default_rng(0))
    weights = []
    for _ in range(2):
        model = xor_net(3)
        fit(
            model,
            X,
            y,
            loss=BCELoss(),
            optimizer=SGD(model.parameters(), lr=0.1),
            epochs=5,
            batch_size=6,
            rng=np.random.default_rng(9),
        )
        weights.append(model.state_dict())
    for key in weights[0]:
        np.testing.assert_array_equal(weights[0][key], weights[1][key])


def test_the_epoch_loss_is_the_loss_before_the_step() -> None:
    X, y = logic_gate("AND")
    model = xor_net(4)
    before = BCELoss()(model(X), y)
    history = fit(model, X, y, loss=BCELoss(), optimizer=SGD(model.parameters(), lr=0.1), epochs=1)
    assert history.losses == [pytest.approx(before, rel=1e-14)]


@pytest.mark.parametrize("answer", [True, "stop", "STOP"])
def test_callback_can_stop_training(answer: object) -> None:
    X, y = logic_gate("OR")
    model = xor_net(5)
    seen: list[tuple[int, float]] = []

    def stop_at_three(epoch: int, loss: float, m: Module) -> object:
        assert m is model
        seen.append((epoch, loss))
        return answer if epoch == 3 else None

    history = fit(
        model,
        X,
        y,
        loss=MSELoss(),
        optimizer=SGD(model.parameters(), lr=0.1),
        epochs=100,
        callback=stop_at_three,
    )
    assert [e for e, _ in seen] == [1, 2, 3]
    assert history.epochs == 3 and history.stopped_early
    assert [loss for _, loss in seen] == history.losses


def test_huge_learning_rate_raises_training_diverged_naming_step_and_fix() -> None:
    X, y = logic_gate("XOR")
    rng = np.random.default_rng(0)
    model = Sequential(Linear(2, 4, rng=rng), ReLU(), Linear(4, 1, rng=rng))
    with pytest.raises(TrainingDiverged) as caught:
        fit(model, X, y, loss=MSELoss(), optimizer=SGD(model.parameters(), lr=1000.0), epochs=500)
    message = str(caught.value)
    assert message.startswith(f"Training diverged at step {caught.value.step}:")
    assert 1 <= caught.value.step < 500 and caught.value.lr == 1000.0
    assert "learning rate lr=1000" in message
    assert "Lower the learning rate, ten times to begin with (lr=100)" in message
    assert "if the loss still grows, lower it again" in message


def test_divergence_in_a_parameter_names_the_parameter() -> None:
    X, y = np.array([[1e200]]), np.array([[0.0]])
    model = Sequential(Linear(1, 1, rng=np.random.default_rng(0)))
    model[0].weight.data[...] = 1.0  # type: ignore[attr-defined]
    model[0].bias.data[...] = 0.0  # type: ignore[attr-defined]
    with pytest.raises(TrainingDiverged, match="step 1: "):
        train_step(model, X, y, MSELoss(), SGD(model.parameters(), lr=1.0))


def test_a_huge_but_finite_step_is_not_called_divergence() -> None:
    X, y = logic_gate("AND")
    model = xor_net(6)
    fit(model, X, y, loss=BCELoss(), optimizer=SGD(model.parameters(), lr=50.0), epochs=20)


def test_train_step_equals_the_five_lines_written_out() -> None:
    X, y = logic_gate("XOR")
    a, b = xor_net(7), xor_net(7)
    loss_fn, opt = BCELoss(), SGD(b.parameters(), lr=0.3)
    value = train_step(a, X, y, BCELoss(), SGD(a.parameters(), lr=0.3))
    opt.zero_grad()
    out = b(X)
    loss = loss_fn(out, y)
    b.backward(loss_fn.backward())
    opt.step()
    assert value == loss
    for key, weights in a.state_dict().items():
        np.testing.assert_array_equal(weights, b.state_dict()[key])


def test_fit_trains_a_single_neuron_with_flat_labels() -> None:
    X, y = logic_gate("AND")
    neuron = Neuron([0.1, -0.1], 0.0)
    fit(
        neuron, X, y.ravel(), loss=BCELoss(), optimizer=SGD(neuron.parameters(), lr=1.0), epochs=300
    )
    assert accuracy(neuron(X), y.ravel()) == 1.0


@pytest.mark.parametrize(
    ("X", "y", "error", "message"),
    [
        (np.zeros((4, 2)), np.zeros((3, 1)), ValueError, "got 4 rows in X and 3 in y"),
        (np.zeros(4), np.zeros((4, 1)), ValueError, "X must be 2-D, got a 1-D array"),
        (np.zeros((0, 2)), np.zeros((0, 1)), ValueError, "X is empty"),
        ([[0, "a"]], [[0]], TypeError, "X must contain only real numbers"),
    ],
)
def test_bad_data_is_refused(X: object, y: object, error: type, message: str) -> None:
    model = xor_net(0)
    with pytest.raises(error, match=message):
        fit(model, X, y, loss=BCELoss(), optimizer=SGD(model.parameters(), lr=0.1), epochs=1)


def test_a_loss_class_instead_of_an_instance_is_explained() -> None:
    X, y = logic_gate("AND")
    model = xor_net(0)
    with pytest.raises(TypeError, match=r"loss=BCELoss\(\), not loss=BCELoss"):
        fit(
            model,
            X,
            y,
            loss=BCELoss,
            optimizer=SGD(model.parameters(), lr=0.1),  # type: ignore[arg-type]
            epochs=1,
        )


def test_epochs_and_batch_size_must_be_positive_integers() -> None:
    X, y = logic_gate("AND")
    model = xor_net(0)
    opt = SGD(model.parameters(), lr=0.1)
    with pytest.raises(ValueError, match="epochs must be a positive integer, got 0"):
        fit(model, X, y, loss=BCELoss(), optimizer=opt, epochs=0)
    with pytest.raises(TypeError, match=r"batch_size must be a positive integer, got float 2\.5"):
        fit(model, X, y, loss=BCELoss(), optimizer=opt, epochs=1, batch_size=2.5)  # type: ignore[arg-type]


def test_accuracy_thresholds_at_one_half() -> None:
    out = np.array([[0.2], [0.5], [0.7], [0.4]])
    assert accuracy(out, np.array([[0.0], [1.0], [1.0], [1.0]])) == 0.75
    with pytest.raises(ValueError, match=r"same shape, got \(4, 1\) and \(4,\)"):
        accuracy(out, np.zeros(4))


def test_loss_surface_evaluates_each_grid_point_and_restores_the_parameters() -> None:
    X, y = logic_gate("AND")
    neuron = Neuron([0.3, 0.4], -1.0)
    w1s, w2s = np.array([-1.0, 0.0, 2.0]), np.array([0.5, 1.5])
    surface = loss_surface(
        neuron, X, y.ravel(), BCELoss(), (neuron.weight, 0), (neuron.weight, 1), (w1s, w2s)
    )
    assert surface.shape == (2, 3)
    np.testing.assert_array_equal(neuron.weight.data, [0.3, 0.4])
    direct = BCELoss()(Neuron([2.0, 0.5], -1.0)(X), y.ravel())
    assert surface[0, 2] == pytest.approx(direct, rel=1e-14)


def test_mlp_builds_linear_layers_with_the_activation_and_a_sigmoid_last() -> None:
    model = mlp([2, 16, 16, 1], "relu", rng=np.random.default_rng(0))
    names = [type(m).__name__ for m in model]
    assert names == ["Linear", "ReLU", "Linear", "ReLU", "Linear", "Sigmoid"]
    assert model.num_parameters() == 2 * 16 + 16 + 16 * 16 + 16 + 16 + 1
    again = mlp([2, 16, 16, 1], "relu", rng=np.random.default_rng(0))
    np.testing.assert_array_equal(model[0].weight.data, again[0].weight.data)  # type: ignore[attr-defined]


def test_mlp_needs_two_sizes_and_a_known_activation() -> None:
    with pytest.raises(ValueError, match=r"sizes must list at least an input and an output size"):
        mlp([2], rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="Unknown activation 'sigmoidal'"):
        mlp([2, 1, 1], "sigmoidal", rng=np.random.default_rng(0))


def split_moons() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    X, y = make_moons(40, 0.2, rng=np.random.default_rng(0))
    return X[:30], X[30:], y[:30], y[30:]


def test_test_losses_are_the_test_loss_after_each_epoch() -> None:
    X, X_test, y, y_test = split_moons()
    model = xor_net(4)
    expected: list[float] = []

    def measure(epoch: int, loss: float, m: Module) -> None:  # runs right after each epoch
        expected.append(BCELoss()(m(X_test), y_test))

    opt = SGD(model.parameters(), lr=0.5)
    history = fit(model, X, y, loss=BCELoss(), optimizer=opt, epochs=6, callback=measure,
                  test_data=(X_test, y_test))  # fmt: skip
    assert history.test_losses == expected and len(expected) == 6
    assert history.final_test_loss == expected[-1]
    assert "final_test_loss=" in repr(history)
    assert history.test_losses[-1] < history.test_losses[0]  # training helped on new data too


def test_test_data_changes_nothing_in_training() -> None:
    X, X_test, y, y_test = split_moons()
    runs = []
    for test_data in (None, (X_test, y_test)):
        model, loss = xor_net(5), BCELoss()
        opt = SGD(model.parameters(), lr=0.3, momentum=0.5, weight_decay=0.01)
        history = fit(model, X, y, loss=loss, optimizer=opt, epochs=4, batch_size=8,
                      rng=np.random.default_rng(1), test_data=test_data)  # fmt: skip
        runs.append((history, model.state_dict(), loss.backward()))
    (plain, plain_state, plain_grad), (tested, tested_state, tested_grad) = runs
    assert plain.test_losses == [] and len(tested.test_losses) == 4
    assert plain.losses == tested.losses and plain.steps == tested.steps
    for key, value in plain_state.items():
        np.testing.assert_array_equal(tested_state[key], value, err_msg=key)
    # the loss object still holds the last training batch, not the test data
    np.testing.assert_array_equal(tested_grad, plain_grad)


def test_early_stop_records_the_test_loss_of_every_epoch_run() -> None:
    X, X_test, y, y_test = split_moons()
    model = xor_net(6)
    history = fit(model, X, y, loss=BCELoss(), optimizer=SGD(model.parameters(), lr=0.1),
                  epochs=50, callback=lambda epoch, loss, m: epoch == 3,
                  test_data=[X_test, y_test[:, 0:1]])  # fmt: skip
    assert history.stopped_early and len(history.test_losses) == len(history.losses) == 3


def test_minibatches_follow_the_permutations_of_the_given_rng() -> None:
    """batch_size with an rng: each epoch's batches are rows of rng.permutation(n), in order."""
    X, y = make_moons(20, 0.1, rng=np.random.default_rng(0))
    fitted, by_hand = xor_net(7), xor_net(7)
    fit(fitted, X, y, loss=BCELoss(), optimizer=SGD(fitted.parameters(), lr=0.3), epochs=3,
        batch_size=8, rng=np.random.default_rng(11))  # fmt: skip
    rng, opt, step = np.random.default_rng(11), SGD(by_hand.parameters(), lr=0.3), 0
    for _ in range(3):
        order = rng.permutation(20)
        for rows in (order[:8], order[8:16], order[16:]):
            step += 1
            train_step(by_hand, X[rows], y[rows], BCELoss(), opt, step)
    for key, value in by_hand.state_dict().items():
        np.testing.assert_array_equal(fitted.state_dict()[key], value, err_msg=key)
    unshuffled = xor_net(7)
    fit(unshuffled, X, y, loss=BCELoss(), optimizer=SGD(unshuffled.parameters(), lr=0.3),
        epochs=3, batch_size=8)  # fmt: skip
    assert not np.array_equal(unshuffled.state_dict()["0.weight"], by_hand.state_dict()["0.weight"])


@pytest.mark.parametrize(
    ("test_data", "error", "message"),
    [
        ("test", TypeError, r"test_data must be a pair \(X_test, y_test\), got str"),
        ((np.zeros((2, 2)),), TypeError, "test_data must be a pair"),
        ((np.zeros((2, 3)), np.zeros((2, 1))), ValueError, r"test_data must have the columns of "
         r"the training data: X has shape \(30, 2\) and y \(30, 1\), but X_test has \(2, 3\)"),
        ((np.zeros((2, 2)), np.zeros(2)), ValueError, r"y_test \(2,\)"),
        ((np.zeros((2, 2)), np.zeros((3, 1))), ValueError, "got 2 rows in X_test and 3 in y_test"),
        ((np.zeros((0, 2)), np.zeros((0, 1))), ValueError, "at least one sample, got 0 rows"),
        (([[np.nan, 0.0]], [[1.0]]), ValueError, r"X_test \(test_data\[0\]\) must hold only fin"),
        ((np.zeros((1, 2)), [[2.0]]), ValueError, r"BCELoss target must lie in \[0, 1\]"),
        ((np.zeros(2), np.zeros((2, 1))), ValueError, r"X_test \(test_data\[0\]\) must be 2-D"),
    ],
)  # fmt: skip
def test_bad_test_data_is_refused_before_training(
    test_data: object, error: type, message: str
) -> None:
    X, _, y, _ = split_moons()
    model = xor_net(8)
    before = model.state_dict()
    with pytest.raises(error, match=message):
        fit(model, X, y, loss=BCELoss(), optimizer=SGD(model.parameters(), lr=0.1), epochs=2,
            test_data=test_data)  # type: ignore[arg-type]  # fmt: skip
    for key, value in model.state_dict().items():
        np.testing.assert_array_equal(value, before[key])
