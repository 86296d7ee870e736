#pragma once
// Files the build embeds into the library (see cmake/embed.cc): the report's styles and script
// and Apache ECharts (npm package echarts, Apache-2.0; its licence header is kept).
#include <string_view>

namespace staffeval::detail::assets {
extern const std::string_view echarts_js;
extern const std::string_view report_js;
extern const std::string_view report_css;
}  // namespace staffeval::detail::assets
