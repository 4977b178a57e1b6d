# Generates a C file holding every docs/cli/*.md page as a string, so that
# `parley CMD --help` prints the same text the man page is built from.
# Usage: cmake -DDOCS=<dir> -DOUT=<file.c> -P embed-help.cmake
file(GLOB pages "${DOCS}/*.md")
list(SORT pages)
set(body "/* Generated from docs/cli by cmake/embed-help.cmake. */\n")
string(APPEND body "#include \"cli.h\"\n\nconst cli_help_page cli_help_pages[] = {\n")
foreach(page ${pages})
  get_filename_component(name ${page} NAME_WE)
  file(READ ${page} text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\n" "\\n\"\n    \"" text "${text}")
  string(APPEND body "  {\"${name}\",\n    \"${text}\"},\n")
endforeach()
string(APPEND body "  {0, 0}\n};\n")
file(WRITE ${OUT}.tmp "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUT}.tmp ${OUT})
