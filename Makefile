# Each target creates or refreshes .venv itself; a second call reuses what is there.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

export MUJOCO_GL ?= egl
export PYOPENGL_PLATFORM ?= egl

.PHONY: run test test-all bench venv clean

venv: $(STAMP)

# torch is pinned and installed first so nothing pulls a CUDA build.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

# The main job: the shipped int8 student on ring placement, in the control loop, as on the default board.
run: $(STAMP)
	$(VENV)/bin/robotstack run --task ring --policy student-int8 --episodes 3 --video

test: $(STAMP)
	$(VENV)/bin/pytest

test-all: $(STAMP)
	$(VENV)/bin/pytest -m ''

bench: $(STAMP)
	$(PY) benchmarks/sim.py
	$(PY) benchmarks/policy.py
	$(PY) benchmarks/loop.py
	$(PY) benchmarks/projection.py
	$(PY) benchmarks/tracing.py
	$(PY) benchmarks/reasoning.py
	$(PY) benchmarks/faults.py
	$(PY) benchmarks/reasoner_faults.py
	$(PY) benchmarks/phrasings.py

clean:
	rm -rf $(VENV) runs
