# Libraries that go into images (the runtime, each target's platform code)
# are built by the same clang for the image ABI, as kernel-side code:
#  -fno-stack-protector: the first syscalls arrive before the
#      thread pointer (and so the canary at %fs:40) exists;
#  -mgeneral-regs-only: musl assumes xmm registers survive a syscall;
#  -mno-red-zone: on Xen, interrupts land on the interrupted stack;
#  -fno-omit-frame-pointer: fault reports walk the frame chain;
#  -Os: images are small first (the dispatch path stays ~50 instructions);
#  -ffunction-sections -fdata-sections: the link's --gc-sections then drops
#      every function and variable the image does not reach.
# They go to lib/ukcc/<dir>, where the driver looks for them.
if(NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "ukcc: build with clang (e.g. cmake -DCMAKE_C_COMPILER=clang-14): "
                      "it compiles the runtime for the image ABI")
endif()

set(UKCC_IMAGE_FLAGS
  --target=x86_64-linux-musl -nostdlibinc -idirafter ${UKCC_MUSL_INCLUDE}
  -fno-pic -fno-pie -fno-stack-protector -mgeneral-regs-only
  -mno-red-zone -fno-omit-frame-pointer -fno-asynchronous-unwind-tables
  -ffunction-sections -fdata-sections -D__ukcc__=1 -D_GNU_SOURCE -Os)

# ukcc_image_library(NAME DIR SOURCES...): lib<NAME>.a in lib/ukcc/<DIR>
function(ukcc_image_library name dir)
  add_library(${name} STATIC ${ARGN})
  target_compile_options(${name} PRIVATE ${UKCC_IMAGE_FLAGS})
  set_target_properties(${name} PROPERTIES
    ARCHIVE_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/${UKCC_RESOURCE_DIR}/${dir})
  install(TARGETS ${name} ARCHIVE DESTINATION ${UKCC_RESOURCE_DIR}/${dir})
endfunction()
