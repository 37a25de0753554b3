# Native-only wiring of qrs_core: the XNNPACK backend (pinned sources, cmake/xnnpack.cmake; a
# required part: configure fails when it cannot be built) and zlib (.npz).
include(${CMAKE_CURRENT_LIST_DIR}/xnnpack.cmake)
qrs_add_xnnpack(qrs_xnnpack native)
target_sources(qrs_core PRIVATE ${QRS_XNNPACK_SOURCES})
target_compile_definitions(qrs_core PUBLIC QRS_HAVE_XNNPACK=1)
target_link_libraries(qrs_core PUBLIC qrs_xnnpack)
find_package(Threads REQUIRED)
target_link_libraries(qrs_core PUBLIC Threads::Threads)

# zlib is required natively (README: deflated .npz members): configure fails without it rather
# than building a CLI that cannot read them (tests/required_parts.json).
find_package(ZLIB REQUIRED)
target_compile_definitions(qrs_core PUBLIC QRS_HAVE_ZLIB=1)
target_link_libraries(qrs_core PUBLIC ZLIB::ZLIB)
include(${CMAKE_CURRENT_LIST_DIR}/flac.cmake)
