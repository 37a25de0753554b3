# Emscripten-only wiring (included from CMakeLists.txt when EMSCRIPTEN): the core compiled four
# times from the one source list — plain, SIMD (-msimd128), SIMD + relaxed SIMD (the conv kernel's
# multiply-add as f32x4.relaxed_madd), SIMD + threads — and one Embind module linked per variant
# from src/wasm/*.cpp. The three SIMD variants also carry the XNNPACK backend, built from the
# pinned sources per variant (cmake/xnnpack.cmake: relaxed-SIMD kernels in the relaxed one,
# pthreadpool over Emscripten pthreads in the threads one); the backend is chosen at run time. `cmake --build` leaves a servable web/: the modules land
# in web/build/ next to a copy of the shipped model. web/qrs-annotator.js picks a variant at run
# time (WebAssembly.validate probes + crossOriginIsolated), so the file names below are its API.
#
# Emscripten 3.1.6 (Debian) specifics:
#  - ENVIRONMENT=web,worker: the Node branch of 3.1.6's ES6 output reads `__dirname`, which does
#    not exist in an ES module, so Node would fail at import. Without it, Node loads the module like
#    a browser would as long as the caller passes `wasmBinary` (qrs-annotator.js does).
#  - -fexceptions at compile AND link: qrs::Error thrown deep in the core must unwind to the glue,
#    which turns it into a JS Error with the same message.
#  - FILESYSTEM=0: readers take byte buffers, never paths.
#  - MAXIMUM_MEMORY=4GB, all wasm32 can address: a day of three Holter leads at 500 Hz holds 130 M
#    samples and, per lead, onset and offset curves at that rate; with 2 GB it ended in
#    std::bad_alloc after 141 s in node. 3.1.6's glue and Embind then read pointers unsigned
#    (CAN_ADDRESS_2GB); checked by annotating that day in node (simd variant, 157 s, 4.3 GB) and
#    natively (builtin backend, the Python module): the same beats, sums and curve tail to the
#    last digit (docs/performance.md, bench/wasm/day_long.mjs).
#  - DYNAMIC_EXECUTION=0: Embind builds its call wrappers without new Function / eval, so the page
#    runs under serve.py's Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval', no
#    'unsafe-eval'); the wrappers are called once per record, so their speed does not matter.
#  - -mrelaxed-simd: clang 14 encodes its (pre-standard) relaxed-SIMD builtins with opcodes no
#    engine takes; cmake/wasm_relaxed_madd.mjs rewrites them to the standard ones after linking.
set(QRS_WEB_BUILD_DIR "${PROJECT_SOURCE_DIR}/web/build" CACHE PATH
    "Where the wasm module variants and a copy of the model are placed")
set(QRS_MODEL_FILE "${PROJECT_SOURCE_DIR}/model_weights/qrs_unet.qrsm")
set(QRS_NOISE_MODEL_FILE "${PROJECT_SOURCE_DIR}/model_weights/qrs_unet_noisy.qrsm")
file(GLOB QRS_WASM_GLUE_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/wasm/*.cpp)
include(${CMAKE_CURRENT_LIST_DIR}/xnnpack.cmake)

set(QRS_WASM_LINK_OPTIONS
  --bind
  -fexceptions
  -sMODULARIZE=1
  -sEXPORT_ES6=1
  -sEXPORT_NAME=createQrsModule
  -sALLOW_MEMORY_GROWTH=1
  -sMAXIMUM_MEMORY=4GB
  -sENVIRONMENT=web,worker
  -sFILESYSTEM=0
  -sDYNAMIC_EXECUTION=0
  $<$<CONFIG:Release>:-O3>)

# After linking <target>: clang 14's draft relaxed-SIMD opcodes in <wasm file> -> standard ones.
function(_qrs_standard_relaxed_opcodes target wasm_file)
  find_program(QRS_LLVM_OBJDUMP NAMES llvm-objdump-14 llvm-objdump HINTS /usr/lib/llvm-14/bin REQUIRED)
  find_program(QRS_NODE NAMES node nodejs REQUIRED)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${QRS_NODE} ${PROJECT_SOURCE_DIR}/cmake/wasm_relaxed_madd.mjs ${QRS_LLVM_OBJDUMP} ${wasm_file}
    COMMENT "qrs: ${wasm_file}: draft relaxed-SIMD opcodes -> standard")
endfunction()

# qrs_add_wasm_variant(<variant> <output name> [XNNPACK <flavour>] [FLAGS <flags>...]): core +
# glue built with the flags; with XNNPACK, the XNNPACK backend too (cmake/xnnpack.cmake).
function(qrs_add_wasm_variant variant output_name)
  cmake_parse_arguments(ARG "" "XNNPACK" "FLAGS" ${ARGN})
  set(flags ${ARG_FLAGS})
  set(core qrs_core_${variant})
  qrs_add_core(${core} -fexceptions ${flags})
  if(ARG_XNNPACK)
    qrs_add_xnnpack(qrs_xnnpack_${variant} ${ARG_XNNPACK})
    target_sources(${core} PRIVATE ${QRS_XNNPACK_SOURCES})
    target_compile_definitions(${core} PUBLIC QRS_HAVE_XNNPACK=1)
    target_link_libraries(${core} PUBLIC qrs_xnnpack_${variant})
  endif()
  set(module qrs_wasm_${variant})
  add_executable(${module} ${QRS_WASM_GLUE_SOURCES})
  target_link_libraries(${module} PRIVATE ${core})
  target_compile_options(${module} PRIVATE -Wall -Wextra -fexceptions ${flags})
  target_link_options(${module} PRIVATE ${QRS_WASM_LINK_OPTIONS} ${flags})
  set_target_properties(${module} PROPERTIES OUTPUT_NAME ${output_name} SUFFIX ".mjs")
  set(wasm_file $<TARGET_FILE_DIR:${module}>/${output_name}.wasm)
  set(outputs $<TARGET_FILE:${module}> ${wasm_file})
  set_property(GLOBAL PROPERTY QRS_WASM_FLAGS_${variant} ${flags})
  if("-mrelaxed-simd" IN_LIST flags)
    _qrs_standard_relaxed_opcodes(${module} ${wasm_file})
  endif()
  if("-pthread" IN_LIST flags)
    list(APPEND outputs $<TARGET_FILE_DIR:${module}>/${output_name}.worker.js)
  endif()
  add_custom_command(TARGET ${module} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E make_directory ${QRS_WEB_BUILD_DIR}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${outputs} ${QRS_WEB_BUILD_DIR}/
    COMMENT "qrs: ${output_name} -> web/build/")
endfunction()

# XNNPACK in every SIMD variant: its wasm kernels need SIMD128, so the plain module (for engines
# without SIMD) keeps only the built-in kernels.
qrs_add_wasm_variant(plain qrs_annotator)
qrs_add_wasm_variant(simd qrs_annotator_simd XNNPACK wasm-simd FLAGS -msimd128)
qrs_add_wasm_variant(relaxed qrs_annotator_relaxed XNNPACK wasm-relaxed
                     FLAGS -msimd128 -mrelaxed-simd)
qrs_add_wasm_variant(threads qrs_annotator_threads XNNPACK wasm-threads FLAGS -msimd128 -pthread)
# The threads variant preloads its workers: the module runs inside the page's Web Worker, which
# cannot wait for a worker created on demand while it blocks in a join. At most 4 threads
# (web/qrs-annotator.js): up to 3 lead workers (src/annotator.cpp) plus XNNPACK's pool of up to 3
# helper threads, which stay alive while the annotator does.
target_link_options(qrs_wasm_threads PRIVATE -sUSE_PTHREADS=1 -sPTHREAD_POOL_SIZE=6
  -Wno-pthreads-mem-growth)

# Benchmark modules, built only on request (`cmake --build build/wasm --target qrs_bench_layers`,
# which `make bench` does) into build/wasm/bench/, never into web/build: bench/conv_layers.cpp per
# XNNPACK variant, for the Chromium benchmark page (bench/wasm/page.mjs).
add_custom_target(qrs_bench_layers)
foreach(variant simd relaxed threads)
  get_property(flags GLOBAL PROPERTY QRS_WASM_FLAGS_${variant})
  set(bench qrs_bench_layers_${variant})
  add_executable(${bench} EXCLUDE_FROM_ALL ${PROJECT_SOURCE_DIR}/bench/conv_layers.cpp)
  target_include_directories(${bench} PRIVATE ${PROJECT_SOURCE_DIR}/bench)
  target_link_libraries(${bench} PRIVATE qrs_core_${variant})
  target_compile_options(${bench} PRIVATE -Wall -Wextra -fexceptions ${flags})
  target_link_options(${bench} PRIVATE -fexceptions ${flags} -O3 -sMODULARIZE=1 -sEXPORT_ES6=1
    -sENVIRONMENT=web,worker -sALLOW_MEMORY_GROWTH=1 -sFILESYSTEM=0
    -sEXPORTED_FUNCTIONS=_malloc,_free,_bench_conv_layers_json
    -sEXPORTED_RUNTIME_METHODS=UTF8ToString,HEAPU8 $<$<STREQUAL:${variant},threads>:-sUSE_PTHREADS=1>
    $<$<STREQUAL:${variant},threads>:-Wno-pthreads-mem-growth>)
  set_target_properties(${bench} PROPERTIES OUTPUT_NAME ${bench} SUFFIX ".mjs"
                        RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bench)
  if("-mrelaxed-simd" IN_LIST flags)
    _qrs_standard_relaxed_opcodes(${bench} ${PROJECT_BINARY_DIR}/bench/${bench}.wasm)
  endif()
  add_dependencies(qrs_bench_layers ${bench})
endforeach()

# The models (the first reader and the noise reader) travel with the modules; copied at every build so a retrained model is picked up.
# A missing model is a loud warning, not a failure: the page then says it cannot load the model.
set(copy_model_script "${PROJECT_BINARY_DIR}/copy_model.cmake")
file(WRITE ${copy_model_script} "
if(EXISTS \"${QRS_MODEL_FILE}\")
  file(MAKE_DIRECTORY \"${QRS_WEB_BUILD_DIR}\")
  file(COPY_FILE \"${QRS_MODEL_FILE}\" \"${QRS_WEB_BUILD_DIR}/qrs_unet.qrsm\" ONLY_IF_DIFFERENT)
else()
  message(WARNING \"qrs: ${QRS_MODEL_FILE} is missing; web/build/ has no model\")
endif()
if(EXISTS \"${QRS_NOISE_MODEL_FILE}\")
  file(COPY_FILE \"${QRS_NOISE_MODEL_FILE}\" \"${QRS_WEB_BUILD_DIR}/qrs_unet_noisy.qrsm\" ONLY_IF_DIFFERENT)
else()
  message(WARNING \"qrs: ${QRS_NOISE_MODEL_FILE} is missing; web/build/ has no noise reader\")
endif()
")
add_custom_target(qrs_web_model ALL COMMAND ${CMAKE_COMMAND} -P ${copy_model_script}
  COMMENT "qrs: model -> web/build/")

# The page's example record, copied from LUDB at build time (cmake/web_example.cmake).
include(${CMAKE_CURRENT_LIST_DIR}/web_example.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/flac.cmake)

# What a program outside this build links per variant (bench/wasm/build_phases.sh): the core,
# then the library files it links (XNNPACK's, libFLAC), one per line.
foreach(variant plain simd relaxed threads)
  set(files "$<TARGET_FILE:qrs_core_${variant}>")
  get_target_property(deps qrs_core_${variant} INTERFACE_LINK_LIBRARIES)
  foreach(dep ${deps})
    if(NOT TARGET ${dep})
      continue()
    endif()
    get_target_property(type ${dep} TYPE)
    if(type STREQUAL "INTERFACE_LIBRARY")
      get_target_property(inner ${dep} INTERFACE_LINK_LIBRARIES)
      list(APPEND files ${inner})
    else()
      list(APPEND files "$<TARGET_FILE:${dep}>")
    endif()
  endforeach()
  list(JOIN files "\n" text)
  file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/qrs_core_${variant}.link CONTENT "${text}\n")
endforeach()
