# The page's example record ("Try an example"), made at build time from LUDB in place: one record's
# .hea, .dat and per-lead annotation files plus LUDB's LICENSE.txt are copied into
# web/build/example/ (never into the repository) after their SHA-256 is checked against LUDB's
# SHA256SUMS.txt, with a manifest.json the page reads (file list, title, attribution). LUDB is
# ODC-By 1.0: redistribution with attribution, which the page shows next to the button. Without
# LUDB the folder is removed and the page shows no example button; the build goes on.
#
# Included from cmake/wasm.cmake it defines the target; run with -P it does the copying.
set(QRS_EXAMPLE_LEADS i ii iii avr avl avf v1 v2 v3 v4 v5 v6)

if(NOT CMAKE_SCRIPT_MODE_FILE)
  set(QRS_EXAMPLE_RECORD "5" CACHE STRING
      "LUDB record the page offers as its example (one of the test split: never trained on)")
  add_custom_target(qrs_web_example ALL
    COMMAND ${CMAKE_COMMAND} -DLUDB=${QRS_LUDB_DIR} -DRECORD=${QRS_EXAMPLE_RECORD}
            -DOUT=${QRS_WEB_BUILD_DIR}/example -P ${CMAKE_CURRENT_LIST_FILE}
    COMMENT "qrs: LUDB record ${QRS_EXAMPLE_RECORD} -> web/build/example/")
  return()
endif()

set(files ${RECORD}.hea ${RECORD}.dat)
foreach(lead ${QRS_EXAMPLE_LEADS})
  list(APPEND files ${RECORD}.${lead})
endforeach()
if(NOT EXISTS "${LUDB}/SHA256SUMS.txt" OR NOT EXISTS "${LUDB}/${RECORD}.hea")
  message(WARNING "qrs: LUDB not found at ${LUDB}: the page will offer no example record")
  file(REMOVE_RECURSE "${OUT}")
  return()
endif()
file(STRINGS "${LUDB}/SHA256SUMS.txt" sums)
file(REMOVE_RECURSE "${OUT}")  # no files left from another example record
file(MAKE_DIRECTORY "${OUT}")
foreach(name ${files} LICENSE.txt)
  file(SHA256 "${LUDB}/${name}" actual)
  list(FIND sums "${actual} ${name}" found)
  if(found LESS 0)
    message(WARNING "qrs: ${LUDB}/${name} does not match LUDB's SHA256SUMS.txt: no example record")
    file(REMOVE_RECURSE "${OUT}")
    return()
  endif()
  file(COPY_FILE "${LUDB}/${name}" "${OUT}/${name}")
endforeach()
# The test split (records 5, 10, ..., 200) was never trained on: say so when the example is one.
set(held_out "")
if(RECORD MATCHES "^[0-9]+$")
  math(EXPR remainder "${RECORD} % 5")
  if(remainder EQUAL 0)
    set(held_out " (held out from training)")
  endif()
endif()
list(TRANSFORM files PREPEND "\"")
list(TRANSFORM files APPEND "\"")
list(JOIN files ", " file_list)
file(WRITE "${OUT}/manifest.json" "{
  \"record\": \"${RECORD}\",
  \"title\": \"LUDB record ${RECORD} with its cardiologists' annotations${held_out}\",
  \"files\": [${file_list}],
  \"licenseFile\": \"LICENSE.txt\",
  \"attribution\": \"Example: record ${RECORD} of LUDB, the Lobachevsky University Electrocardiography Database v1.0.1 (PhysioNet), with its per-lead expert annotations. A. I. Kalyakulina et al., IEEE Access 8, 186181-186190, 2020, doi:10.1109/ACCESS.2020.3029211; Goldberger et al., PhysioBank, PhysioToolkit, and PhysioNet, Circulation 101(23), 2000. Open Data Commons Attribution License v1.0.\"
}
")
