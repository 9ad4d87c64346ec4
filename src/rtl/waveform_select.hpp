#pragma once
// What both waveform writers (waveform_svg.cpp, waveform_wavedrom.cpp) show: the wires and cycles
// RenderOptions selects, and each value's text.

#include "rtl/trace.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace rtl::detail {

struct WaveRow {
    const SimulationTrace::Signal* signal = nullptr;
    ValueFormat format = ValueFormat::Hex;
};

struct WaveSelection {
    std::vector<WaveRow> rows{};
    std::size_t first = 0;  ///< first cycle shown
    std::size_t last = 0;  ///< one past the last cycle shown
};

/// The rows and cycle range of `options`; `who` names the caller in messages.
/// \throws SimulationError for an unknown name, no signals or an empty cycle range.
WaveSelection select_waves(const SimulationTrace& trace, const RenderOptions& options, const char* who);

/// Bit 0 of a 1-bit wire in `cycle`.
bool wave_bit(const WaveRow& row, std::size_t cycle);

/// True if the wire has the same value in cycles a and b.
bool wave_same(const WaveRow& row, std::size_t a, std::size_t b);

/// The value's text: the state name for state registers, else the row's format.
std::string wave_text(const WaveRow& row, std::size_t cycle);

}  // namespace rtl::detail
