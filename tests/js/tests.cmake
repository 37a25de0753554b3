# Node tests (node --test): each tests/js/*.test.mjs is one CTest test. They load the wasm module
# from web/build (QRS_WEB_BUILD_DIR; `make wasm` puts it there) through web/qrs-annotator.js, and
# compare with the native CLI ($QRS_CLI) and with PyTorch (/usr/bin/python3).
file(GLOB QRS_JS_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.test.mjs)
foreach(js ${QRS_JS_TESTS})
  get_filename_component(name ${js} NAME)
  string(REGEX REPLACE "\\.test\\.mjs$" "" name ${name})
  add_test(NAME js_${name} COMMAND /usr/bin/node --test ${js} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(js_${name} PROPERTIES ENVIRONMENT "${QRS_TEST_ENV}" TIMEOUT 600)
endforeach()
