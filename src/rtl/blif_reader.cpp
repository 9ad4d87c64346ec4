// The BLIF reader (PyRTL's input_from_blif): one model of .names covers and .latch registers becomes
// gates in a block. Signals may be used before the line that defines them, so every internal signal
// is first a 1-bit wire of unknown driver, connected when its definition is read.

#include "rtl/corecircuits.hpp"
#include "rtl/error.hpp"
#include "rtl/synthesis.hpp"
#include "rtl/wire.hpp"

#include <fmt/format.h>

#include <istream>
#include <map>
#include <sstream>

namespace rtl {

namespace {

// Splits "name[3]" into ("name", 3); other names give index -1.
std::pair<std::string, int> split_bit(const std::string& name)
{
    auto open = name.rfind('[');
    if (open == std::string::npos || name.back() != ']' || open + 2 > name.size() - 1) return {name, -1};
    std::string digits = name.substr(open + 1, name.size() - open - 2);
    if (digits.empty() || digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string::npos)
        return {name, -1};
    return {name.substr(0, open), std::stoi(digits)};
}

struct Line {
    std::size_t number;
    std::vector<std::string> words;
};

}  // namespace

void input_from_blif(std::istream& in, Block& block, const std::string& source)
{
    // Logical lines: comments dropped, backslash continuations joined.
    std::vector<Line> lines;
    std::string raw, pending;
    std::size_t number = 0, start = 0;
    while (std::getline(in, raw)) {
        ++number;
        if (auto hash = raw.find('#'); hash != std::string::npos) raw.erase(hash);
        if (pending.empty()) start = number;
        if (!raw.empty() && raw.back() == '\\') {
            pending += raw.substr(0, raw.size() - 1) + " ";
            continue;
        }
        pending += raw;
        std::istringstream words(pending);
        Line line{start, {}};
        for (std::string w; words >> w;) line.words.push_back(w);
        if (!line.words.empty()) lines.push_back(std::move(line));
        pending.clear();
    }
    auto fail = [&](std::size_t line, const std::string& what) {
        return Error(fmt::format("{}:{}: {}", source, line, what));
    };

    std::vector<std::string> input_names, output_names;
    bool seen_model = false;
    for (const auto& l : lines) {
        const std::string& kw = l.words[0];
        if (kw == ".model") {
            if (seen_model) throw fail(l.number, "more than one .model: rtlnet reads one model per file");
            seen_model = true;
        } else if (kw == ".inputs") {
            input_names.insert(input_names.end(), l.words.begin() + 1, l.words.end());
        } else if (kw == ".outputs") {
            output_names.insert(output_names.end(), l.words.begin() + 1, l.words.end());
        }
    }
    std::map<std::string, WireVector> signal;
    // Ports: x[0], x[1], ... become one port x; any other name a 1-bit port.
    auto group = [&](const std::vector<std::string>& names) {
        std::map<std::string, std::map<int, std::string>> ports;
        for (const auto& n : names) {
            auto [base, index] = split_bit(n);
            ports[index < 0 ? n : base][index < 0 ? 0 : index] = n;
        }
        return ports;
    };
    for (const auto& [base, bits] : group(input_names)) {
        if (base == "clk" || base == "clock") continue;  // the implicit clock of the .latch lines
        int width = bits.rbegin()->first + 1;
        if (static_cast<int>(bits.size()) != width)
            throw fail(1, fmt::format("input \"{}\" has bits missing (highest is [{}])", base, width - 1));
        Input port(width, base, &block);
        for (const auto& [i, n] : bits) signal.emplace(n, width == 1 ? WireVector(port) : port[i]);
    }
    std::map<std::string, WireVector> undriven;  // used before (or without) a definition
    auto use = [&](const std::string& name) -> WireVector {
        if (auto it = signal.find(name); it != signal.end()) return it->second;
        WireVector w(1, {}, &block);
        signal.emplace(name, w);
        undriven.emplace(name, w);
        return w;
    };
    auto define = [&](const std::string& name, const WireVector& value, std::size_t line) {
        auto it = undriven.find(name);
        if (it != undriven.end()) {
            it->second <<= value;
            undriven.erase(it);
        } else if (signal.contains(name)) {
            throw fail(line, fmt::format("signal \"{}\" is defined twice (or is an input)", name));
        } else {
            signal.emplace(name, value);
        }
    };

    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& l = lines[i];
        const std::string& kw = l.words[0];
        if (kw == ".model" || kw == ".inputs" || kw == ".outputs" || kw == ".end") continue;
        if (kw == ".names") {
            if (l.words.size() < 2) throw fail(l.number, ".names needs an output");
            std::vector<std::string> ins(l.words.begin() + 1, l.words.end() - 1);
            std::vector<WireVector> args;
            for (const auto& n : ins) args.push_back(use(n));
            std::optional<WireVector> cover;
            bool on_set = true;
            for (; i + 1 < lines.size() && lines[i + 1].words[0][0] != '.'; ++i) {
                const Line& row = lines[i + 1];
                std::string cube = ins.empty() ? "" : row.words[0];
                std::string value = ins.empty() ? row.words[0] : row.words.size() > 1 ? row.words[1] : "";
                if (cube.size() != ins.size() || (value != "1" && value != "0"))
                    throw fail(row.number,
                               fmt::format("a cover row of .names {} needs {} input columns and 0 or 1", l.words.back(),
                                           ins.size()));
                on_set = value == "1";
                WireVector term = Const(1, 1, false, {}, &block);
                for (std::size_t k = 0; k < cube.size(); ++k) {
                    if (cube[k] == '1') term = term & args[k];
                    else if (cube[k] == '0') term = term & ~args[k];
                    else if (cube[k] != '-')
                        throw fail(row.number, fmt::format("unknown cover character '{}'", cube[k]));
                }
                cover = cover ? *cover | term : term;
            }
            WireVector value = cover ? (on_set ? *cover : ~*cover) : Const(0, 1, false, {}, &block);
            define(l.words.back(), value, l.number);
        } else if (kw == ".latch") {
            if (l.words.size() < 3) throw fail(l.number, ".latch needs an input and an output");
            // .latch input output [type control] [init]; init 2 and 3 (don't care, unknown) start at 0.
            if (l.words.size() >= 5 && l.words[3] != "re")
                throw fail(l.number,
                           fmt::format("latch type \"{}\": rtlnet reads rising-edge latches (re)", l.words[3]));
            std::string init = l.words.size() == 4 ? l.words[3] : l.words.size() >= 6 ? l.words[5] : "0";
            Register r(1, {}, BigInt(init == "1" ? 1 : 0), &block);
            r.next <<= use(l.words[1]);
            define(l.words[2], r, l.number);
        } else {
            throw fail(l.number,
                       fmt::format("\"{}\" is not part of the BLIF subset rtlnet reads (.model, .inputs, "
                                   ".outputs, .names, .latch, .end)",
                                   kw));
        }
    }
    for (const auto& [base, bits] : group(output_names)) {
        int width = bits.rbegin()->first + 1;
        if (static_cast<int>(bits.size()) != width)
            throw fail(1, fmt::format("output \"{}\" has bits missing (highest is [{}])", base, width - 1));
        std::vector<WireVector> msb_first;
        for (auto it = bits.rbegin(); it != bits.rend(); ++it) {
            if (!signal.contains(it->second)) throw fail(1, fmt::format("output \"{}\" is never defined", it->second));
            msb_first.push_back(signal.at(it->second));
        }
        Output port(width, base, &block);
        port <<= concat(msb_first);
    }
    if (!undriven.empty())
        throw fail(1, fmt::format("signal \"{}\" is used but never defined", undriven.begin()->first));
}

}  // namespace rtl
