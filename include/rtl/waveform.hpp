#pragma once
/// \file waveform.hpp
/// Waveforms as pictures: a trace drawn as an SVG timing diagram (`write_svg`), and as WaveDrom JSON
/// (`write_wavedrom`) for the WaveDrom editor and documentation tools. Both take the same
/// `RenderOptions` as the terminal view `render_trace`: which wires, in which order, the value format
/// (per wire too) and the cycle range. State registers show their state names.
///
/// \code
///   rtl::Simulation sim;
///   for (int i = 0; i < 16; ++i) sim.step({{"enable", 1}});
///   std::ofstream svg("counter.svg");
///   rtl::write_svg(sim.trace(), svg, {.names = {"enable", "count"}});
/// \endcode

#include "rtl/trace.hpp"

#include <iosfwd>

namespace rtl {

/// Geometry of `write_svg`, in SVG user units (pixels at 100 % zoom). Text is 12 px monospace.
struct SvgLayout {
    /// Width of one cycle. 0 picks it from `RenderOptions::symbol_len` (7.2 px per character, at
    /// least 2 characters) or, when that is 0 too, from the widest value shown, up to 12 characters.
    double cycle_width = 0;
    /// Width of the column of wire names; 0 fits the longest name.
    double name_width = 0;
    double row_height = 24;  ///< height of one wire's row (and of the clock's)
    double margin = 8;  ///< blank border around the diagram
    bool clock = true;  ///< draw a clock row (rising edge at the start of every cycle)
    bool ruler = true;  ///< draw cycle numbers above the rows and a faint grid line per cycle
};

/// Writes the trace as a self-contained SVG image (no scripts, no external fonts or files): a ruler
/// of cycle numbers, a clock, then one row per wire. 1-bit wires are drawn as waves (low, high,
/// vertical edges); wider wires as labelled segments, one per run of equal values, the value in the
/// format of `options` (or the state name), cut with "…" where a segment is too narrow for it.
///
/// Layout: the diagram starts at x = margin + name_width; cycle c (counted from
/// `options.first_cycle`) spans [x0 + c·cycle_width, x0 + (c+1)·cycle_width); rows start below the
/// ruler (one row_height) in the order clock, then `options.names`.
/// \param trace the trace to draw.
/// \param out where to write the SVG document.
/// \param options which wires, in which format, over which cycles.
/// \param layout the geometry.
/// \throws SimulationError for a name not in the trace, an empty selection or an empty cycle range.
void write_svg(const SimulationTrace& trace, std::ostream& out, const RenderOptions& options = {},
               const SvgLayout& layout = {});

/// Writes the trace as WaveDrom JSON (`{"signal": [...], "head": ..., "config": ...}`): a clock
/// (`"p..."`), 1-bit wires as `0`/`1` waves and wider ones as `=` segments with their values in
/// `data` (formatted as `options` asks, state names for state registers). `.` repeats the previous
/// cycle, as WaveDrom expects. Same selection rules and errors as `write_svg`.
/// \param trace the trace to write.
/// \param out where to write the JSON.
/// \param options which wires, in which format, over which cycles.
/// \throws SimulationError for a name not in the trace, an empty selection or an empty cycle range.
void write_wavedrom(const SimulationTrace& trace, std::ostream& out, const RenderOptions& options = {});

}  // namespace rtl
