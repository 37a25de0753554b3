# libFLAC 1.5.0 (WFDB signal formats 508, 516, 524) from the pinned archive, built once per machine
# and per set of flags by cmake/third_party.cmake, and linked into every flavour of the core. FLAC
# is required: configure stops when its sources cannot be had.
#  - Natively (included from native.cmake): qrs_core links `qrs_flac`. The clang sanitizer and
#    fuzzer builds link the same library, built by the machine's default compiler and not
#    instrumented (third_party.cmake's rule); the readers that call it are.
#  - Under Emscripten (included at the end of wasm.cmake, after the variants exist): each variant's
#    core, every target named qrs_core*, links a libFLAC compiled with that core's code-generation
#    flags (-msimd128, -pthread), because a -pthread module links only objects built for shared
#    memory. The relaxed-SIMD variant shares the SIMD build: libFLAC has no relaxed operations.
# Only the decoder is used by the product; the tests' FLAC writer uses the encoder of the same
# library (tests/cpp/formats/flac_test_writer.h).
include_guard(GLOBAL)
include(${CMAKE_CURRENT_LIST_DIR}/third_party.cmake)

qrs_pinned_source(flac QRS_FLAC_SOURCE_DIR)

# qrs_flac_library(<imported target> [compile flags...]): libFLAC built with the flags.
function(qrs_flac_library target)
  if(TARGET ${target})
    return()
  endif()
  string(REPLACE ";" " " flags "${ARGN}")
  qrs_cached_build(flac SOURCE_DIR "${QRS_FLAC_SOURCE_DIR}"
    CMAKE_ARGS -DBUILD_CXXLIBS=OFF -DBUILD_PROGRAMS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_TESTING=OFF
               -DBUILD_DOCS=OFF -DINSTALL_MANPAGES=OFF -DINSTALL_PKGCONFIG_MODULES=OFF
               -DINSTALL_CMAKE_CONFIG_MODULE=OFF -DWITH_OGG=OFF -DENABLE_MULTITHREADING=OFF
               "-DCMAKE_C_FLAGS=${flags}"
    OUT_PREFIX prefix)
  set(library "${prefix}/lib/libFLAC.a")
  if(NOT EXISTS "${library}")
    set(library "${prefix}/lib64/libFLAC.a")  # GNUInstallDirs on some systems
  endif()
  add_library(${target} STATIC IMPORTED GLOBAL)
  set_target_properties(${target} PROPERTIES
    IMPORTED_LOCATION "${library}"
    INTERFACE_INCLUDE_DIRECTORIES "${prefix}/include"
    INTERFACE_COMPILE_DEFINITIONS "FLAC__NO_DLL;QRS_HAVE_FLAC=1")  # build_info lists "flac"
endfunction()

if(NOT EMSCRIPTEN)
  qrs_flac_library(qrs_flac)
  target_link_libraries(qrs_core PUBLIC qrs_flac)
  message(STATUS "qrs: libFLAC ${QRS_FLAC_SOURCE_DIR}")
else()
  get_property(qrs_targets DIRECTORY ${PROJECT_SOURCE_DIR} PROPERTY BUILDSYSTEM_TARGETS)
  list(FILTER qrs_targets INCLUDE REGEX "^qrs_core")
  if(NOT qrs_targets)
    message(FATAL_ERROR "qrs: cmake/flac.cmake must be included after the wasm variants' cores")
  endif()
  foreach(core ${qrs_targets})
    get_target_property(options ${core} COMPILE_OPTIONS)
    set(flags "")
    set(name qrs_flac)
    foreach(flag -msimd128 -pthread)
      if(flag IN_LIST options)
        list(APPEND flags ${flag})
        string(REPLACE "-m" "" suffix ${flag})
        string(REPLACE "-" "" suffix ${suffix})
        string(APPEND name "_${suffix}")
      endif()
    endforeach()
    qrs_flac_library(${name} ${flags})
    target_link_libraries(${core} PUBLIC ${name})
    message(STATUS "qrs: ${core} links libFLAC (${name})")
  endforeach()
endif()
