# Small helper programs that expose C++ signal/ code to the Python parity test
# (tests/python/test_preprocess_parity.py finds them in ${QRS_BUILD_DIR}/tools).
add_executable(preprocess_run ${CMAKE_CURRENT_LIST_DIR}/preprocess_run.cpp)
target_link_libraries(preprocess_run PRIVATE qrs_core)
target_compile_options(preprocess_run PRIVATE -Wall -Wextra)
set_target_properties(preprocess_run PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/tools)
