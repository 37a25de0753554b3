# Small native tools the language tests drive (e.g. tests/python/test_parity_pytorch.py runs
# qrs-nn-run, found through QRS_BUILD_DIR). They are test fixtures, not shipped programs.
add_executable(qrs-nn-run ${CMAKE_CURRENT_LIST_DIR}/nn_run.cpp)
target_link_libraries(qrs-nn-run PRIVATE qrs_core)
target_compile_options(qrs-nn-run PRIVATE -Wall -Wextra)
set_target_properties(qrs-nn-run PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR})
