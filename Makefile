# The README's two commands: `make serve` and `make test`. Each runs the idempotent set-up first.
NATIVE_DIR := build/native
WASM_DIR   := build/wasm
JOBS       ?= $(shell nproc)
export NODE_PATH := /usr/share/nodejs

.PHONY: setup native wasm test serve clean bench fuzz

setup:
	bash scripts/setup.sh

native: setup
	cmake -S . -B $(NATIVE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(NATIVE_DIR) -j $(JOBS)

# The wasm module variants land in web/build/ next to a copy of the shipped model.
wasm: setup
	emcmake cmake -S . -B $(WASM_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(WASM_DIR) -j $(JOBS)

test: native wasm
	ctest --test-dir $(NATIVE_DIR) --output-on-failure -j $(JOBS)

serve: wasm
	python3 serve.py --port 8000

clean:
	rm -rf build web/build test-artifacts
