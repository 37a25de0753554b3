# The pinned third-party sources build offline (tests/third_party/offline_build.sh).
find_program(QRS_UNSHARE unshare REQUIRED)
add_test(NAME third_party_offline
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/offline_build.sh ${PROJECT_SOURCE_DIR} ${QRS_THIRD_PARTY_ARCHIVES})
set_tests_properties(third_party_offline PROPERTIES TIMEOUT 600)
