# `cpack -G DEB` builds an installable Debian package of whatever `cmake --install` installs.
set(CPACK_PACKAGE_NAME "aquac")
set(CPACK_PACKAGE_CONTACT "aquac maintainers <aquac@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_GENERATOR "DEB")
include(CPack)
