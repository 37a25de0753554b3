# Native-only wiring of qrs_core: the XNNPACK backend (Debian libxnnpack-dev) and zlib (.npz).
find_library(QRS_XNNPACK_LIB XNNPACK)
find_library(QRS_PTHREADPOOL_LIB pthreadpool)
find_library(QRS_CPUINFO_LIB cpuinfo)
find_package(Threads REQUIRED)
if(QRS_XNNPACK_LIB AND QRS_PTHREADPOOL_LIB AND QRS_XNNPACK_SOURCES)
  message(STATUS "qrs: XNNPACK backend ON (${QRS_XNNPACK_LIB})")
  target_sources(qrs_core PRIVATE ${QRS_XNNPACK_SOURCES})
  target_compile_definitions(qrs_core PUBLIC QRS_HAVE_XNNPACK=1)
  target_link_libraries(qrs_core PUBLIC ${QRS_XNNPACK_LIB} ${QRS_PTHREADPOOL_LIB})
  if(QRS_CPUINFO_LIB)
    target_link_libraries(qrs_core PUBLIC ${QRS_CPUINFO_LIB})
  endif()
else()
  message(STATUS "qrs: XNNPACK backend OFF (libxnnpack-dev not found)")
endif()
target_link_libraries(qrs_core PUBLIC Threads::Threads)

# zlib is required natively (README: deflated .npz members): configure fails without it rather
# than building a CLI that cannot read them (tests/required_parts.json).
find_package(ZLIB REQUIRED)
target_compile_definitions(qrs_core PUBLIC QRS_HAVE_ZLIB=1)
target_link_libraries(qrs_core PUBLIC ZLIB::ZLIB)
include(${CMAKE_CURRENT_LIST_DIR}/flac.cmake)
