# The project's own sources compiled through ccache, when it is installed (scripts/setup.sh
# installs it), into a cache beside the third-party builds (QRS_THIRD_PARTY_CACHE/ccache).
# Why: `make test` compiles the core seven times (native, four wasm variants, the sanitizer and
# fuzz builds, ~630 compiler runs, most of a warm CI's build time); a second clean clone on the
# same machine then compiles almost nothing. A cold cache costs only the lookups.
#
# CCACHE_BASEDIR makes paths under the checkout relative, and NOHASHDIR leaves the working
# directory out of the key, so a clone at another path still hits (the sanitizer and fuzz builds
# carry -g, which would otherwise put the path in the key). ccache compares compilers by mtime and
# size, which covers Debian's emcc/clang upgrades; an entry for another compiler never matches.
include(${CMAKE_CURRENT_LIST_DIR}/third_party.cmake)   # QRS_THIRD_PARTY_CACHE

option(QRS_CCACHE "Compile the project's sources through ccache when it is installed" ON)
if(QRS_CCACHE)
  find_program(QRS_CCACHE_PROGRAM ccache)
  if(QRS_CCACHE_PROGRAM)
    set(_qrs_ccache_launcher ${CMAKE_COMMAND} -E env
        CCACHE_DIR=${QRS_THIRD_PARTY_CACHE}/ccache
        CCACHE_BASEDIR=${PROJECT_SOURCE_DIR}
        CCACHE_NOHASHDIR=true
        CCACHE_MAXSIZE=4G
        ${QRS_CCACHE_PROGRAM})
    set(CMAKE_C_COMPILER_LAUNCHER ${_qrs_ccache_launcher})
    set(CMAKE_CXX_COMPILER_LAUNCHER ${_qrs_ccache_launcher})
  endif()
endif()
