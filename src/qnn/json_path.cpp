#include "json_path.hpp"

#include "printable.hpp"
#include "qnn/error.hpp"

#include <fmt/format.h>

namespace qnn::detail {

using nlohmann::json;

json::parser_callback_t JsonPath::callback()
{
    return [this](int depth, json::parse_event_t e, json& parsed) {
        event(depth, e, parsed);
        return true;
    };
}

void JsonPath::event(int depth, json::parse_event_t e, const json& parsed)
{
    using E = json::parse_event_t;
    switch (e) {
    case E::object_start:
    case E::array_start:
        if (depth >= kMaxJsonDepth) {
            throw ModelError(fmt::format("{}: nested more than {} levels deep", where(), kMaxJsonDepth));
        }
        frames_.push_back({e == E::array_start, 0, {}});
        break;
    case E::key:
        if (!frames_.empty() && parsed.is_string()) frames_.back().key = parsed.get<std::string>();
        break;
    case E::value:
        if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
        break;
    case E::object_end:
    case E::array_end:
        if (!frames_.empty()) frames_.pop_back();
        if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
        break;
    }
}

std::string JsonPath::where() const
{
    std::string out;
    for (const Frame& frame : frames_) {
        if (frame.array) {
            out += fmt::format("[{}]", frame.index);
        } else if (!frame.key.empty()) {
            if (!out.empty()) out += '.';
            out += printable(frame.key, 64);
        }
    }
    return out.empty() ? "top level" : out;
}

}  // namespace qnn::detail
