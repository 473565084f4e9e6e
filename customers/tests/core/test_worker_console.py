"""What `make run` shows of the worker: each line once, and no line per routine run.

The worker runs as `make run` starts it, in its own process against its own database,
so the logging configuration is the one a user gets."""

from customers.tests.own_process import manage


def test_the_worker_prints_each_line_once_and_keeps_routine_sweeps_quiet(tmp_path):
    manage(tmp_path, "migrate", "--verbosity", "0")

    # Batch mode runs the reminders' sweep that the worker queues on start, then stops.
    run = manage(tmp_path, "worker", "--batch", "--no-reload", "--no-startup-delay")
    lines = [line for line in (run.stdout + run.stderr).splitlines() if line.strip()]

    assert any(line.startswith("Starting worker") for line in lines), lines
    assert len(lines) == len(set(lines)), f"a line printed twice: {lines}"
    assert not [line for line in lines if "reminders_sweep" in line], lines


def test_at_verbosity_two_the_worker_names_each_task_it_runs(tmp_path):
    manage(tmp_path, "migrate", "--verbosity", "0")

    run = manage(
        tmp_path, "worker", "--batch", "--no-reload", "--no-startup-delay", "--verbosity", "2"
    )
    output = run.stdout + run.stderr

    assert "reminders_sweep state=SUCCESSFUL" in output
