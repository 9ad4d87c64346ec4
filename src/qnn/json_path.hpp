#pragma once
// Internal helper: the JSON path (e.g. "layers[1].output_scale") the parser has reached, so that a
// syntax error or an out-of-range number names the field it is in.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace qnn::detail {

/// Deepest nesting a model file may have (rtlnet's format needs 4).
inline constexpr int kMaxJsonDepth = 32;

/// Tracks the parser's position through nlohmann::json's parser callback.
class JsonPath {
public:
    /// A callback for nlohmann::json::parse that records the position in this object (which must
    /// outlive the parse) and keeps every value. \throws ModelError past kMaxJsonDepth.
    nlohmann::json::parser_callback_t callback();

    /// The current position: "layers[1].output_scale", or "top level".
    [[nodiscard]] std::string where() const;

private:
    struct Frame {
        bool array = false;
        std::size_t index = 0;  // arrays: the element being read
        std::string key{};  // objects: the last key read
    };
    void event(int depth, nlohmann::json::parse_event_t event, const nlohmann::json& parsed);
    std::vector<Frame> frames_;
};

}  // namespace qnn::detail
