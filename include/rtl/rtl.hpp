#pragma once
/// \file rtl.hpp
/// Everything of the rtlnet hardware DSL in one include.

#include "rtl/axi.hpp"
#include "rtl/clocking.hpp"
#include "rtl/conditional.hpp"
#include "rtl/corecircuits.hpp"
#include "rtl/error.hpp"
#include "rtl/ir.hpp"
#include "rtl/memory.hpp"
#include "rtl/module.hpp"
#include "rtl/passes.hpp"
#include "rtl/sanity_check.hpp"
#include "rtl/schedule.hpp"
#include "rtl/simulation.hpp"
#include "rtl/synthesis.hpp"
#include "rtl/trace.hpp"
#include "rtl/value.hpp"
#include "rtl/verilog.hpp"
#include "rtl/waveform.hpp"
#include "rtl/wire.hpp"
#include "rtl/wire_struct.hpp"
