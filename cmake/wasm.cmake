# Emscripten-only wiring (included from CMakeLists.txt when EMSCRIPTEN): the core compiled four
# times from the one source list — plain, SIMD (-msimd128), SIMD + relaxed SIMD (the conv kernel's
# multiply-add as f32x4.relaxed_madd), SIMD + threads — and one Embind module linked per variant
# from src/wasm/*.cpp. `cmake --build` leaves a servable web/: the modules land
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
#  - DYNAMIC_EXECUTION=0: Embind builds its call wrappers without new Function / eval, so the page
#    runs under serve.py's Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval', no
#    'unsafe-eval'); the wrappers are called once per record, so their speed does not matter.
#  - -mrelaxed-simd: clang 14 encodes its (pre-standard) f32x4.fma with an opcode no engine takes;
#    cmake/wasm_relaxed_madd.mjs rewrites it to the standard f32x4.relaxed_madd after linking.
set(QRS_WEB_BUILD_DIR "${PROJECT_SOURCE_DIR}/web/build" CACHE PATH
    "Where the wasm module variants and a copy of the model are placed")
set(QRS_MODEL_FILE "${PROJECT_SOURCE_DIR}/model_weights/qrs_unet.qrsm")
file(GLOB QRS_WASM_GLUE_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/src/wasm/*.cpp)

set(QRS_WASM_LINK_OPTIONS
  --bind
  -fexceptions
  -sMODULARIZE=1
  -sEXPORT_ES6=1
  -sEXPORT_NAME=createQrsModule
  -sALLOW_MEMORY_GROWTH=1
  -sMAXIMUM_MEMORY=2GB
  -sENVIRONMENT=web,worker
  -sFILESYSTEM=0
  -sDYNAMIC_EXECUTION=0
  $<$<CONFIG:Release>:-O3>)

# qrs_add_wasm_variant(<variant> <output name> [flags...]): core + glue built with the flags.
function(qrs_add_wasm_variant variant output_name)
  set(core qrs_core_${variant})
  qrs_add_core(${core} -fexceptions ${ARGN})
  set(module qrs_wasm_${variant})
  add_executable(${module} ${QRS_WASM_GLUE_SOURCES})
  target_link_libraries(${module} PRIVATE ${core})
  target_compile_options(${module} PRIVATE -Wall -Wextra -fexceptions ${ARGN})
  target_link_options(${module} PRIVATE ${QRS_WASM_LINK_OPTIONS} ${ARGN})
  set_target_properties(${module} PROPERTIES OUTPUT_NAME ${output_name} SUFFIX ".mjs")
  set(wasm_file $<TARGET_FILE_DIR:${module}>/${output_name}.wasm)
  set(outputs $<TARGET_FILE:${module}> ${wasm_file})
  if("-mrelaxed-simd" IN_LIST ARGN)
    find_program(QRS_LLVM_OBJDUMP NAMES llvm-objdump-14 llvm-objdump
                 HINTS /usr/lib/llvm-14/bin REQUIRED)
    find_program(QRS_NODE NAMES node nodejs REQUIRED)
    add_custom_command(TARGET ${module} POST_BUILD
      COMMAND ${QRS_NODE} ${PROJECT_SOURCE_DIR}/cmake/wasm_relaxed_madd.mjs ${QRS_LLVM_OBJDUMP} ${wasm_file}
      COMMENT "qrs: ${output_name}.wasm: f32x4.fma -> f32x4.relaxed_madd")
  endif()
  if("-pthread" IN_LIST ARGN)
    list(APPEND outputs $<TARGET_FILE_DIR:${module}>/${output_name}.worker.js)
  endif()
  add_custom_command(TARGET ${module} POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E make_directory ${QRS_WEB_BUILD_DIR}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${outputs} ${QRS_WEB_BUILD_DIR}/
    COMMENT "qrs: ${output_name} -> web/build/")
endfunction()

qrs_add_wasm_variant(plain qrs_annotator)
qrs_add_wasm_variant(simd qrs_annotator_simd -msimd128)
qrs_add_wasm_variant(relaxed qrs_annotator_relaxed -msimd128 -mrelaxed-simd)
qrs_add_wasm_variant(threads qrs_annotator_threads -msimd128 -pthread)
# The threads variant preloads its workers: the module runs inside the page's Web Worker, which
# cannot wait for a worker created on demand while it blocks in a join.
target_link_options(qrs_wasm_threads PRIVATE -sUSE_PTHREADS=1 -sPTHREAD_POOL_SIZE=4
  -Wno-pthreads-mem-growth)

# The model travels with the modules; copied at every build so a retrained model is picked up.
# A missing model is a loud warning, not a failure: the page then says it cannot load the model.
set(copy_model_script "${PROJECT_BINARY_DIR}/copy_model.cmake")
file(WRITE ${copy_model_script} "
if(EXISTS \"${QRS_MODEL_FILE}\")
  file(MAKE_DIRECTORY \"${QRS_WEB_BUILD_DIR}\")
  file(COPY_FILE \"${QRS_MODEL_FILE}\" \"${QRS_WEB_BUILD_DIR}/qrs_unet.qrsm\" ONLY_IF_DIFFERENT)
else()
  message(WARNING \"qrs: ${QRS_MODEL_FILE} is missing; web/build/ has no model\")
endif()
")
add_custom_target(qrs_web_model ALL COMMAND ${CMAKE_COMMAND} -P ${copy_model_script}
  COMMENT "qrs: model -> web/build/")

# The page's example record, copied from LUDB at build time (cmake/web_example.cmake).
include(${CMAKE_CURRENT_LIST_DIR}/web_example.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/flac.cmake)
