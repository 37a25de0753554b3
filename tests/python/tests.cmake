# Python tests (Debian python3 with python3-torch/numpy/scipy): each tests/python/test_*.py is one
# CTest test, run with /usr/bin/python3. A script exits non-zero on failure.
file(GLOB QRS_PY_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/test_*.py)
foreach(py ${QRS_PY_TESTS})
  get_filename_component(name ${py} NAME_WE)
  add_test(NAME py_${name} COMMAND /usr/bin/python3 ${py} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(py_${name} PROPERTIES ENVIRONMENT "${QRS_TEST_ENV}" TIMEOUT 600)
endforeach()
