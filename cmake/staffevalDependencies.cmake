# Finds the system packages staffeval builds against (Debian 12 versions; see README).
find_package(Eigen3 3.4 CONFIG REQUIRED)
find_package(yaml-cpp CONFIG REQUIRED)
# yaml-cpp 0.7 (Debian 12) exports a plain `yaml-cpp` target; 0.8 adds the namespaced one.
if(NOT TARGET yaml-cpp::yaml-cpp)
  add_library(yaml-cpp::yaml-cpp INTERFACE IMPORTED)
  set_target_properties(yaml-cpp::yaml-cpp PROPERTIES INTERFACE_LINK_LIBRARIES yaml-cpp)
endif()
find_package(Boost 1.74 CONFIG REQUIRED COMPONENTS graph)
find_package(muparser CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(nlohmann_json 3.10 CONFIG REQUIRED)
# COIN-OR CLP (DEA's linear programs) has no CMake package: pkg-config.
find_package(PkgConfig REQUIRED)
pkg_check_modules(CLP REQUIRED IMPORTED_TARGET clp)
# libxlsxwriter (Excel workbooks) has no CMake package either.
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
# Reading Excel data: libzip opens the .xlsx package, expat streams its XML.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat)
