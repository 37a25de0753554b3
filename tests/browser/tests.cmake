# Browser tests: each tests/browser/*.test.mjs runs under node --test and drives Debian's
# /usr/bin/chromium through playwright-core (node_modules, scripts/setup.sh). Screenshots land in
# $QRS_TEST_ARTIFACTS. Serial: one Chromium at a time is plenty for a 2-core machine.
file(GLOB QRS_BROWSER_TESTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.test.mjs)
foreach(js ${QRS_BROWSER_TESTS})
  get_filename_component(name ${js} NAME)
  string(REGEX REPLACE "\\.test\\.mjs$" "" name ${name})
  add_test(NAME browser_${name} COMMAND /usr/bin/node --test ${js} WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(browser_${name} PROPERTIES ENVIRONMENT "${QRS_TEST_ENV}" TIMEOUT 600
                       RUN_SERIAL TRUE)
endforeach()
