# XNNPACK (with pthreadpool, cpuinfo, FXdiv) from the pinned sources, for the native build and for
# each WebAssembly variant that has the XNNPACK backend. Built once per machine and flavour into
# the third-party cache (cmake/third_party.cmake); nothing is downloaded.
#
#   qrs_add_xnnpack(<target> <flavour>)   flavour: native | wasm-simd | wasm-relaxed | wasm-threads
#
# defines the INTERFACE library <target> (headers + static libraries). A failed build stops the
# configure with XNNPACK's own error output: the backend is required, never silently left out.
#
# Keeping the build small (a cold CI machine builds it too):
#  - only the micro-kernels XNNPACK's own configs use (XNNPACK_BUILD_ALL_MICROKERNELS=OFF), no
#    tests, no benchmarks;
#  - natively, no instruction sets that only int8 / fp16 / bf16 kernels use (VNNI, AMX, AVX512-FP16,
#    -BF16, -VBMI, F16C): the f32 operators this project runs never pick those kernels;
#  - under Emscripten, relaxed-SIMD kernels only in the relaxed flavour.
include_guard(GLOBAL)
include(${CMAKE_CURRENT_LIST_DIR}/third_party.cmake)

# Files of this project that a third-party build reads (the wrapper project, the relaxed-SIMD
# compatibility header) are copied into the cache under a name made of their contents, so clean
# clones in other folders get the same cache key.
function(_qrs_stage_in_cache name out_var)
  set(files ${ARGN})
  list(SORT files)
  set(text "")
  foreach(f ${files})
    file(READ "${f}" content)
    get_filename_component(base "${f}" NAME)
    string(APPEND text "${base}\n${content}\n")
  endforeach()
  string(SHA256 hash "${text}")
  string(SUBSTRING "${hash}" 0 16 hash)
  set(dir "${QRS_THIRD_PARTY_CACHE}/src/${name}-${hash}")
  if(NOT EXISTS "${dir}/.qrs-staged")
    file(MAKE_DIRECTORY "${QRS_THIRD_PARTY_CACHE}/src")
    file(LOCK "${dir}.lock" GUARD FUNCTION TIMEOUT 600)
  endif()
  if(NOT EXISTS "${dir}/.qrs-staged")
    file(REMOVE_RECURSE "${dir}.staging")
    file(COPY ${files} DESTINATION "${dir}.staging")
    file(WRITE "${dir}.staging/.qrs-staged" "")
    file(REMOVE_RECURSE "${dir}")
    file(RENAME "${dir}.staging" "${dir}")
  endif()
  set(${out_var} "${dir}" PARENT_SCOPE)
endfunction()

# qrs_xnnpack_build_args(<flavour> <out_dir_var> <out_args_var>): the wrapper project's folder
# and its CMake arguments for one flavour (also used by tests/third_party to configure it offline).
function(qrs_xnnpack_build_args flavour out_dir out_args)
  qrs_pinned_source(xnnpack xnnpack_dir)
  qrs_pinned_source(pthreadpool pthreadpool_dir)
  qrs_pinned_source(cpuinfo cpuinfo_dir)
  qrs_pinned_source(fxdiv fxdiv_dir)
  _qrs_stage_in_cache(xnnpack_build wrapper_dir ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/xnnpack_build/CMakeLists.txt)

  set(args
    -DXNNPACK_SOURCE_DIR=${xnnpack_dir}
    -DPTHREADPOOL_SOURCE_DIR=${pthreadpool_dir}
    -DCPUINFO_SOURCE_DIR=${cpuinfo_dir}
    -DFXDIV_SOURCE_DIR=${fxdiv_dir}
    -DCMAKE_INSTALL_LIBDIR=lib
    -DXNNPACK_LIBRARY_TYPE=static
    -DXNNPACK_BUILD_TESTS=OFF
    -DXNNPACK_BUILD_BENCHMARKS=OFF
    -DXNNPACK_BUILD_ALL_MICROKERNELS=OFF
    -DPTHREADPOOL_LIBRARY_TYPE=static
    -DPTHREADPOOL_BUILD_TESTS=OFF
    -DPTHREADPOOL_BUILD_BENCHMARKS=OFF
    -DCPUINFO_LIBRARY_TYPE=static
    -DCPUINFO_BUILD_TOOLS=OFF
    -DCPUINFO_BUILD_UNIT_TESTS=OFF
    -DCPUINFO_BUILD_MOCK_TESTS=OFF
    -DCPUINFO_BUILD_BENCHMARKS=OFF)
  if(flavour STREQUAL "native")
    if(EMSCRIPTEN)
      message(FATAL_ERROR "qrs: the native XNNPACK flavour cannot be built with Emscripten")
    endif()
    foreach(isa AVXVNNI AVXVNNIINT8 AVX256VNNI AVX256VNNIGFNI AVX512VNNI AVX512VNNIGFNI AVX512AMX
                AVX512FP16 AVX512BF16 AVX512VBMI F16C)
      list(APPEND args -DXNNPACK_ENABLE_${isa}=OFF)
    endforeach()
  elseif(flavour MATCHES "^wasm-(simd|relaxed|threads)$")
    if(NOT EMSCRIPTEN)
      message(FATAL_ERROR "qrs: the XNNPACK flavour ${flavour} needs an Emscripten configure")
    endif()
    list(APPEND args -DXNNPACK_ENABLE_WASM_REVECTORIZE=OFF)
    if(flavour STREQUAL "wasm-relaxed")
      # clang 14 has none of the standard relaxed intrinsics: a force-included header provides them.
      _qrs_stage_in_cache(relaxed_simd_compat compat_dir
                          ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/wasm_relaxed_simd_compat.h)
      list(APPEND args -DXNNPACK_ENABLE_WASMRELAXEDSIMD=ON
           "-DQRS_EXTRA_C_FLAGS=-include ${compat_dir}/wasm_relaxed_simd_compat.h")
    else()
      list(APPEND args -DXNNPACK_ENABLE_WASMRELAXEDSIMD=OFF)
    endif()
    if(flavour STREQUAL "wasm-threads")
      list(APPEND args -DQRS_WASM_PTHREADS=ON)
    endif()
  else()
    message(FATAL_ERROR "qrs: unknown XNNPACK flavour '${flavour}'")
  endif()

  set(${out_dir} "${wrapper_dir}" PARENT_SCOPE)
  set(${out_args} "${args}" PARENT_SCOPE)
endfunction()

function(qrs_add_xnnpack target flavour)
  qrs_xnnpack_build_args(${flavour} wrapper_dir args)
  qrs_cached_build(xnnpack-${flavour} SOURCE_DIR "${wrapper_dir}" CMAKE_ARGS ${args}
                   OUT_PREFIX prefix)

  set(libs XNNPACK xnnpack-microkernels-prod pthreadpool cpuinfo)
  add_library(${target} INTERFACE)
  target_include_directories(${target} SYSTEM INTERFACE "${prefix}/include")
  foreach(lib ${libs})
    set(file "${prefix}/lib/lib${lib}.a")
    if(NOT EXISTS "${file}")
      message(FATAL_ERROR "qrs: the XNNPACK build in ${prefix} has no ${file}")
    endif()
    target_link_libraries(${target} INTERFACE "${file}")
  endforeach()
  if(NOT EMSCRIPTEN)
    find_package(Threads REQUIRED)
    target_link_libraries(${target} INTERFACE Threads::Threads m)
  endif()
  message(STATUS "qrs: XNNPACK (${flavour}) from ${prefix}")
endfunction()
