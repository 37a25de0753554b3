# Pinned third-party sources, and their builds cached outside the work tree.
#
# Sources. Each project is pinned to one upstream commit. The offline `git archive` snapshots in
# QRS_THIRD_PARTY_ARCHIVES (default ../shared/third_party) are used when present and checked
# against their sha256. Without them, the same commit is fetched with git and archived again; that
# tar is checked against the sha256 of the snapshot's uncompressed tar, so both paths give the same
# bytes. QRS_THIRD_PARTY_OFFLINE=ON refuses the fetch (tests use it to prove nothing is downloaded).
#
# Builds. qrs_cached_build() configures, builds and installs a project once per (sources, toolchain,
# flags) into QRS_THIRD_PARTY_CACHE (default ~/.cache/qrs-annotator), at configure time, so a clean
# clone on the same machine reuses it. Native builds always use the machine's default C/C++
# compiler whatever compiler the project itself uses: the sanitizer and fuzzer builds (clang) link
# the same static libraries instead of building their own. Entries are written under a lock and
# renamed into place when complete, so concurrent configures never see half a build.
include_guard(GLOBAL)

set(QRS_THIRD_PARTY_ARCHIVES "${PROJECT_SOURCE_DIR}/../shared/third_party" CACHE PATH
    "Folder of the pinned third-party source archives (git archive snapshots, .tar.xz)")
if(DEFINED ENV{XDG_CACHE_HOME} AND NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
  set(_qrs_default_cache "$ENV{XDG_CACHE_HOME}/qrs-annotator")
else()
  set(_qrs_default_cache "$ENV{HOME}/.cache/qrs-annotator")
endif()
set(QRS_THIRD_PARTY_CACHE "${_qrs_default_cache}" CACHE PATH
    "Where pinned third-party sources are unpacked and built, shared by every clone")
option(QRS_THIRD_PARTY_OFFLINE "Never fetch third-party sources; fail without the archives" OFF)

# Bump when the way entries are built changes, so old cache entries are not reused.
set(_qrs_cache_layout 1)

# name | upstream repository | commit | archive file | sha256 of the .tar.xz | sha256 of the tar
set(_qrs_pins
  "xnnpack|https://github.com/google/XNNPACK|75db3c093b6d74fe90b8df82670cd8a01102ba38|xnnpack-75db3c0.tar.xz|6ca42660eb66f0894163c29a2e0e35625a50e9fddd2a07afed30f7e63aa4d164|5905bdcf4a0c4b7db5f535101e1bdd2dd9abc481b0f272ee411addb603fca9e7"
  "pthreadpool|https://github.com/google/pthreadpool|0e6ca13779b57d397a5ba6bfdcaa8a275bc8ea2e|pthreadpool-0e6ca13.tar.xz|449f480403db662144b94d6022f7e249260e06fc26f4d16705e8a69545330da3|50f6b4a37c7f7bf2498f560d449e1dd4c5725b954e2f113dad11c75b817de315"
  "cpuinfo|https://github.com/pytorch/cpuinfo|d6108819d1d41c749b076e250be454c4559cb771|cpuinfo-d610881.tar.xz|483d757b24c1b9d3e13de527646d26888e6db736f1f3b5c142ccf31575b974d5|4f745376051af30b98a17f1298d2925fba10399397f5e30df4180ef65db0e607"
  "fxdiv|https://github.com/Maratyszcza/FXdiv|63058eff77e11aa15bf531df5dd34395ec3017c8|FXdiv-63058ef.tar.xz|90955afade9c3821956b0c124b275f824dfa3e14f5569c9b85b6b1500019987a|15aa3374f81208ce0a16c1366bbd9694e48361919ebb4a7bde084f595aebbd9d"
  "flac|https://github.com/xiph/flac|1507800de4b70e21be71f38caa0d9079d0bc6e45|flac-1.5.0-1507800.tar.xz|a93fadae47f250e78fea420c1e78b130837b0a6ba117f72941e388db595d6e82|5ac34bd624d5d54b55f9332fe7e3de9af200cefd2d319703827e56a089fed2e7")

function(_qrs_pin name out_url out_commit out_archive out_xz_sha out_tar_sha)
  foreach(row ${_qrs_pins})
    string(REPLACE "|" ";" fields "${row}")
    list(GET fields 0 pin_name)
    if(pin_name STREQUAL name)
      list(GET fields 1 url)
      list(GET fields 2 commit)
      list(GET fields 3 archive)
      list(GET fields 4 xz_sha)
      list(GET fields 5 tar_sha)
      set(${out_url} ${url} PARENT_SCOPE)
      set(${out_commit} ${commit} PARENT_SCOPE)
      set(${out_archive} ${archive} PARENT_SCOPE)
      set(${out_xz_sha} ${xz_sha} PARENT_SCOPE)
      set(${out_tar_sha} ${tar_sha} PARENT_SCOPE)
      return()
    endif()
  endforeach()
  message(FATAL_ERROR "qrs: no pinned third-party project named '${name}'")
endfunction()

# qrs_pinned_commit(<name> <out_var>): the pinned commit of a project.
function(qrs_pinned_commit name out_var)
  _qrs_pin(${name} url commit archive xz_sha tar_sha)
  set(${out_var} ${commit} PARENT_SCOPE)
endfunction()

function(_qrs_run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "qrs: ${what} failed (${rc}):\n${out}\n${err}")
  endif()
endfunction()

# Fetches <commit> of <url> with git into <work> and writes its `git archive` tar to <tar>.
function(_qrs_fetch_tar url commit folder work tar)
  find_program(QRS_GIT git REQUIRED)
  file(REMOVE_RECURSE "${work}")
  file(MAKE_DIRECTORY "${work}")
  message(STATUS "qrs: fetching ${url} at ${commit} (no offline archive)")
  _qrs_run("git init" ${QRS_GIT} -C "${work}" init -q)
  _qrs_run("git fetch ${url}" ${QRS_GIT} -C "${work}" fetch -q --depth 1 "${url}" ${commit})
  _qrs_run("git archive" ${QRS_GIT} -C "${work}" archive --format=tar --prefix=${folder}/
           -o "${tar}" ${commit})
endfunction()

# qrs_pinned_source(<name> <out_var>): unpacks the pinned sources of <name> (once per machine)
# and sets <out_var> to the folder holding them.
function(qrs_pinned_source name out_var)
  _qrs_pin(${name} url commit archive xz_sha tar_sha)
  get_filename_component(repo "${url}" NAME)
  set(folder "${repo}-${commit}")
  set(root "${QRS_THIRD_PARTY_CACHE}/src")
  set(dir "${root}/${folder}")
  if(NOT EXISTS "${dir}/.qrs-verified")
    file(MAKE_DIRECTORY "${root}")
    file(LOCK "${root}/${folder}.lock" GUARD FUNCTION TIMEOUT 3600)
    if(NOT EXISTS "${dir}/.qrs-verified")
      set(staging "${root}/${folder}.staging")
      file(REMOVE_RECURSE "${staging}" "${dir}")
      file(MAKE_DIRECTORY "${staging}")
      set(offline_archive "${QRS_THIRD_PARTY_ARCHIVES}/${archive}")
      if(EXISTS "${offline_archive}")
        file(SHA256 "${offline_archive}" actual)
        if(NOT actual STREQUAL xz_sha)
          message(FATAL_ERROR "qrs: ${offline_archive} has sha256 ${actual}, expected ${xz_sha}")
        endif()
        set(tarball "${offline_archive}")
        set(origin "${offline_archive}")
      elseif(QRS_THIRD_PARTY_OFFLINE)
        message(FATAL_ERROR "qrs: ${archive} is not in ${QRS_THIRD_PARTY_ARCHIVES} and "
                            "QRS_THIRD_PARTY_OFFLINE forbids fetching ${url}")
      else()
        set(tarball "${staging}/${folder}.tar")
        _qrs_fetch_tar("${url}" ${commit} ${folder} "${staging}/git" "${tarball}")
        file(SHA256 "${tarball}" actual)
        if(NOT actual STREQUAL tar_sha)
          message(FATAL_ERROR "qrs: git archive of ${url} at ${commit} has sha256 ${actual}, "
                              "expected ${tar_sha}")
        endif()
        set(origin "${url} at ${commit}")
      endif()
      file(ARCHIVE_EXTRACT INPUT "${tarball}" DESTINATION "${staging}/tree")
      if(NOT IS_DIRECTORY "${staging}/tree/${folder}")
        message(FATAL_ERROR "qrs: ${tarball} does not unpack to ${folder}/")
      endif()
      file(WRITE "${staging}/tree/${folder}/.qrs-verified" "${origin}\n")
      file(RENAME "${staging}/tree/${folder}" "${dir}")
      file(REMOVE_RECURSE "${staging}")
      message(STATUS "qrs: ${name} sources from ${origin}")
    endif()
  endif()
  set(${out_var} "${dir}" PARENT_SCOPE)
endfunction()

# The compiler a native third-party build uses (the machine's default), as a cache-key string.
function(_qrs_toolchain_id out_var)
  if(EMSCRIPTEN)
    set(id "emscripten-${EMSCRIPTEN_VERSION};${CMAKE_TOOLCHAIN_FILE};${CMAKE_C_COMPILER_VERSION}")
  else()
    execute_process(COMMAND cc --version OUTPUT_VARIABLE cc_version ERROR_QUIET)
    execute_process(COMMAND c++ --version OUTPUT_VARIABLE cxx_version ERROR_QUIET)
    set(id "native-${CMAKE_SYSTEM_PROCESSOR};${cc_version};${cxx_version}")
  endif()
  set(${out_var} "${id}" PARENT_SCOPE)
endfunction()

# qrs_cached_build(<entry name> SOURCE_DIR <dir> [NO_INSTALL] [KEY <extra key text>...]
#                  [CMAKE_ARGS <-D...>...] [OUT_PREFIX <var>] [OUT_BINARY_DIR <var>])
# Builds the CMake project in SOURCE_DIR with CMAKE_ARGS (Release, static) once per key and
# installs it into the returned prefix (OUT_PREFIX). With NO_INSTALL the build tree itself is kept
# (OUT_BINARY_DIR) for projects whose install rules leave out what is needed. The key covers the
# entry name, the source folder (which names the commit), the toolchain, CMAKE_ARGS and KEY.
function(qrs_cached_build entry)
  cmake_parse_arguments(ARG "NO_INSTALL" "SOURCE_DIR;OUT_PREFIX;OUT_BINARY_DIR" "CMAKE_ARGS;KEY"
                        ${ARGN})
  _qrs_toolchain_id(toolchain)
  string(SHA256 key "${_qrs_cache_layout};${entry};${ARG_SOURCE_DIR};${toolchain};${ARG_CMAKE_ARGS};${ARG_KEY};${ARG_NO_INSTALL}")
  string(SUBSTRING "${key}" 0 16 key)
  set(root "${QRS_THIRD_PARTY_CACHE}/build")
  set(done "${root}/${entry}-${key}")
  if(NOT EXISTS "${done}/.qrs-complete")
    file(MAKE_DIRECTORY "${root}")
    file(LOCK "${root}/${entry}-${key}.lock" GUARD FUNCTION TIMEOUT 7200)
    if(NOT EXISTS "${done}/.qrs-complete")
      set(work "${root}/${entry}-${key}.work")
      file(REMOVE_RECURSE "${work}" "${done}")
      set(toolchain_args -G "${CMAKE_GENERATOR}")
      if(CMAKE_MAKE_PROGRAM)
        list(APPEND toolchain_args "-DCMAKE_MAKE_PROGRAM=${CMAKE_MAKE_PROGRAM}")
      endif()
      if(EMSCRIPTEN)
        # Not CMAKE_CROSSCOMPILING_EMULATOR: emcmake's is a list (node;--experimental-wasm-threads)
        # that does not survive being passed on as one -D argument, and these builds run nothing.
        list(APPEND toolchain_args "-DCMAKE_TOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE}")
      else()
        list(APPEND toolchain_args -DCMAKE_C_COMPILER=cc -DCMAKE_CXX_COMPILER=c++)
      endif()
      if(ARG_NO_INSTALL)
        set(binary_dir "${work}")
      else()
        set(binary_dir "${work}/build")
      endif()
      string(TIMESTAMP started "%s")
      message(STATUS "qrs: building ${entry} into ${done} (once per machine; minutes for XNNPACK)")
      _qrs_run("configure ${entry}" ${CMAKE_COMMAND} -S "${ARG_SOURCE_DIR}" -B "${binary_dir}"
               ${toolchain_args} -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF
               -DCMAKE_POSITION_INDEPENDENT_CODE=ON "-DCMAKE_INSTALL_PREFIX=${done}"
               ${ARG_CMAKE_ARGS})
      _qrs_run("build ${entry}" ${CMAKE_COMMAND} --build "${binary_dir}" --parallel)
      if(ARG_NO_INSTALL)
        file(RENAME "${work}" "${done}")
      else()
        file(REMOVE_RECURSE "${done}")
        _qrs_run("install ${entry}" ${CMAKE_COMMAND} --install "${binary_dir}")
        file(REMOVE_RECURSE "${work}")
      endif()
      string(TIMESTAMP finished "%s")
      math(EXPR seconds "${finished} - ${started}")
      file(WRITE "${done}/.qrs-complete" "${entry} built in ${seconds} s\n")
      message(STATUS "qrs: ${entry} built in ${seconds} s")
    endif()
  endif()
  if(ARG_OUT_PREFIX)
    set(${ARG_OUT_PREFIX} "${done}" PARENT_SCOPE)
  endif()
  if(ARG_OUT_BINARY_DIR)
    set(${ARG_OUT_BINARY_DIR} "${done}" PARENT_SCOPE)
  endif()
endfunction()
