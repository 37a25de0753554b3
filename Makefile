# The README's two commands: `make serve` and `make test`. Each runs the idempotent set-up first.
NATIVE_DIR := build/native
WASM_DIR   := build/wasm
JOBS       ?= $(shell nproc)
export NODE_PATH := /usr/share/nodejs

.PHONY: setup native wasm test serve clean sanitize fuzz

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

serve: wasm
	python3 serve.py --port 8000

clean:
	rm -rf build web/build test-artifacts
