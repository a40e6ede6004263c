# Finds the Debian-packaged tools and files ukcc builds on, and fails the
# configure step with a clear message (and the package to install) when one
# is missing.

function(ukcc_require var what package)
  if(NOT ${var} OR ${var} MATCHES "-NOTFOUND$")
    message(FATAL_ERROR
      "ukcc: ${what} not found; install the Debian package '${package}' "
      "(or run ./build.sh, which installs everything)")
  endif()
endfunction()

set(UKCC_LLVM_BIN /usr/lib/llvm-14/bin CACHE PATH "LLVM 14 tool directory")
find_program(UKCC_CLANG NAMES clang-14 clang HINTS ${UKCC_LLVM_BIN} NO_DEFAULT_PATH)
find_program(UKCC_CLANG NAMES clang-14 clang)
ukcc_require(UKCC_CLANG "clang 14" clang-14)
find_program(UKCC_LD_LLD NAMES ld.lld HINTS ${UKCC_LLVM_BIN} NO_DEFAULT_PATH)
find_program(UKCC_LD_LLD NAMES ld.lld-14 ld.lld)
ukcc_require(UKCC_LD_LLD "ld.lld 14" lld-14)
find_program(UKCC_FILECHECK FileCheck HINTS ${UKCC_LLVM_BIN})
ukcc_require(UKCC_FILECHECK "FileCheck" llvm-14-tools)
find_file(UKCC_LIT_PY lit.py HINTS /usr/lib/llvm-14/build/utils/lit NO_DEFAULT_PATH)
ukcc_require(UKCC_LIT_PY "lit" llvm-14-tools)
find_program(UKCC_READELF NAMES llvm-readelf HINTS ${UKCC_LLVM_BIN})
ukcc_require(UKCC_READELF "llvm-readelf" llvm-14)
find_program(UKCC_OBJDUMP NAMES llvm-objdump HINTS ${UKCC_LLVM_BIN})
ukcc_require(UKCC_OBJDUMP "llvm-objdump" llvm-14)
find_package(Python3 REQUIRED COMPONENTS Interpreter)

set(UKCC_MUSL_INCLUDE /usr/include/x86_64-linux-musl CACHE PATH "musl headers")
set(UKCC_MUSL_LIB /usr/lib/x86_64-linux-musl CACHE PATH "musl crt files and libc.a")
if(NOT EXISTS ${UKCC_MUSL_INCLUDE}/stdio.h OR NOT EXISTS ${UKCC_MUSL_LIB}/libc.a)
  message(FATAL_ERROR "ukcc: musl not found in ${UKCC_MUSL_LIB}; install the Debian package 'musl-dev'")
endif()

# Linux's UAPI headers (linux/, asm/, ...), which programs include beside
# libc's: Debian's linux-libc-dev, as musl systems ship them beside musl.
set(UKCC_LINUX_INCLUDE /usr/include CACHE PATH "Linux UAPI headers (linux-libc-dev)")
set(UKCC_LINUX_ASM_INCLUDE /usr/include/x86_64-linux-gnu/asm CACHE PATH "Linux UAPI asm/ headers")
if(NOT EXISTS ${UKCC_LINUX_INCLUDE}/linux/version.h OR NOT EXISTS ${UKCC_LINUX_ASM_INCLUDE}/unistd.h)
  message(FATAL_ERROR "ukcc: Linux UAPI headers not found in ${UKCC_LINUX_INCLUDE}; install the Debian package 'linux-libc-dev'")
endif()

# compiler-rt's builtins stand in for libgcc (128-bit division and friends).
execute_process(COMMAND ${UKCC_CLANG} --target=x86_64-linux-gnu
                        --rtlib=compiler-rt -print-libgcc-file-name
                OUTPUT_VARIABLE UKCC_BUILTINS OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT EXISTS "${UKCC_BUILTINS}")
  message(FATAL_ERROR "ukcc: compiler-rt builtins not found (${UKCC_BUILTINS}); install 'libclang-rt-14-dev'")
endif()
get_filename_component(UKCC_LLVM_BIN_REAL ${UKCC_LD_LLD} DIRECTORY)
