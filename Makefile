# The README's two commands: `make serve` and `make test`. Each runs the idempotent set-up first.
NATIVE_DIR := build/native
WASM_DIR   := build/wasm
JOBS       ?= $(shell nproc)
export NODE_PATH := /usr/share/nodejs

.PHONY: setup native wasm test serve clean sanitize fuzz bench

setup:
	bash scripts/setup.sh

native: setup
	cmake -S . -B $(NATIVE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(NATIVE_DIR) -j $(JOBS)

# The wasm module variants land in web/build/ next to a copy of the shipped model.
wasm: setup
	emcmake cmake -S . -B $(WASM_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(WASM_DIR) -j $(JOBS)

# The whole suite: the GoogleTest suite again under ASan+UBSan, bounded fuzzing of every file
# reader (FUZZ_SECONDS in all), then every CTest test (C++, Node, Chromium, Python) last.
FUZZ_SECONDS ?= 120
test: native wasm sanitize fuzz
	ctest --test-dir $(NATIVE_DIR) --output-on-failure -j $(JOBS)

sanitize: setup
	bash scripts/sanitize.sh

fuzz: setup
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz.sh

# Benchmarks (never part of `make test`): native kernels and backends, wasm phases, ours vs
# TensorFlow.js WASM and ONNX Runtime Web in one Chromium page, and the page on an hour and a day
# of ECG (load, redraws at each zoom, a pan, an edit, memory; docs/performance.md). The peers are
# npm packages installed into bench/wasm/ only here.
bench: native wasm
	cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DQRS_BUILD_BENCH=ON -DQRS_BUILD_TESTS=OFF
	cmake --build build/bench -j $(JOBS) --target bench_annotate_phases bench_conv1d_kernels bench_nn_backends bench_conv_layers
	build/bench/bench/bench_annotate_phases
	build/bench/bench/bench_conv1d_kernels
	build/bench/bench/bench_nn_backends
	build/bench/bench/bench_conv_layers
	cmake --build build/bench -j $(JOBS) --target bench_wfdb_decode && build/bench/bench/formats/bench_wfdb_decode
	cmake --build $(WASM_DIR) -j $(JOBS) --target qrs_bench_layers
	bash bench/wasm/build_phases.sh $(WASM_DIR)
	npm install --prefix bench/wasm --no-audit --no-fund --loglevel=error
	/usr/bin/python3 bench/wasm/export_peers.py model_weights/qrs_unet.qrsm build/bench/peers
	node bench/wasm/run_browser.mjs --build web/build --peers build/bench/peers
	node bench/wasm/noise_reader_cost.mjs --build web/build
	node bench/wasm/page_long_record.mjs --records hour,day --rounds 1 --redraws 5

serve: wasm
	python3 serve.py --port 8000

clean:
	rm -rf build web/build test-artifacts
