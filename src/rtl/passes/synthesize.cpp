// Pass synthesize: lowers a design to 1-bit gates (PyRTL's `synthesize`).
//
// Every wire becomes a vector of 1-bit signals. `+` and `-` become ripple-carry adders, `*` an array
// multiplier of as many bits as the result keeps, `<` and `>` the borrow of a subtraction, `==` an
// OR of XORs; bitwise ops and selects become one gate per bit; concatenations and bit selects are
// wiring. Registers become one 1-bit register per bit (`name[i]`); memories stay memories. Inputs,
// Outputs and named wires keep their names and widths, so `inspect` and traces are unchanged. The
// result then goes through the default pipeline, which folds the gates that constant bits make
// trivial.
// Preserves: the value of every Input, Output and named wire in every cycle.

#include "rtl/clocking.hpp"
#include "rtl/corecircuits.hpp"
#include "rtl/passes.hpp"
#include "rtl/schedule.hpp"
#include "rtl/synthesis.hpp"
#include "rtl/wire.hpp"

#include <fmt/format.h>

namespace rtl {

namespace {

using Bits = std::vector<WireVector>;

class GateBuilder {
public:
    explicit GateBuilder(Block& out)
        : out_(out), zero_(Const(0, 1, false, {}, &out)), one_(Const(1, 1, false, {}, &out))
    {}

    WireVector bit(bool b) const { return b ? one_ : zero_; }

    // a + b + carry over equal widths; returns the sum bits and sets `carry` to the carry out.
    Bits add(const Bits& a, const Bits& b, WireVector& carry) const
    {
        Bits sum;
        for (std::size_t i = 0; i < a.size(); ++i) {
            WireVector half = a[i] ^ b[i];
            sum.push_back(half ^ carry);
            carry = (a[i] & b[i]) | (carry & half);
        }
        return sum;
    }

    Bits invert(const Bits& a) const
    {
        Bits out;
        for (const auto& x : a) out.push_back(~x);
        return out;
    }

    // 1 when a < b (unsigned): the borrow of a - b.
    WireVector less(const Bits& a, const Bits& b) const
    {
        WireVector carry = one_;
        add(a, invert(b), carry);
        return ~carry;
    }

    // The low `width` bits of a * b.
    Bits multiply(const Bits& a, const Bits& b, std::size_t width) const
    {
        Bits result(width, zero_);
        for (std::size_t j = 0; j < b.size() && j < width; ++j) {
            Bits partial, upper(result.begin() + static_cast<std::ptrdiff_t>(j), result.end());
            for (std::size_t i = 0; i + j < width; ++i) partial.push_back(i < a.size() ? a[i] & b[j] : zero_);
            WireVector carry = zero_;
            Bits sum = add(upper, partial, carry);
            std::copy(sum.begin(), sum.end(), result.begin() + static_cast<std::ptrdiff_t>(j));
        }
        return result;
    }

    Block& out_;

private:
    WireVector zero_, one_;
};

WireVector join(const Bits& bits)
{
    if (bits.size() == 1) return bits.front();
    return concat(Bits(bits.rbegin(), bits.rend()));
}

}  // namespace

std::unique_ptr<Block> synthesize(const Block& block)
{
    // Resets become logic; an asynchronous one also stays on each bit's register.
    auto design = optimize(block, {.lower_resets = true});
    auto out = std::make_unique<Block>();
    out->set_clock_name(design->clock_name());
    GateBuilder g(*out);
    const auto& wires = design->wires();
    const auto& nets = design->nets();
    std::vector<Bits> bits(wires.size());
    std::vector<std::optional<WireVector>> ports(wires.size());
    std::vector<std::vector<Register>> registers(wires.size());

    for (WireId id = 0; id < wires.size(); ++id) {
        const WireInfo& w = wires[id];
        switch (w.kind) {
        case WireKind::Input: {
            Input in(w.bitwidth, w.name, out.get());
            for (int i = 0; i < w.bitwidth; ++i) bits[id].push_back(in[i]);
            break;
        }
        case WireKind::Const:
            for (int i = 0; i < w.bitwidth; ++i)
                bits[id].push_back(g.bit(bit_test(w.const_value, static_cast<unsigned>(i))));
            break;
        case WireKind::Register: {
            BigInt reset = w.reset_value.value_or(0);
            for (int i = 0; i < w.bitwidth; ++i) {
                std::string name = fmt::format("{}[{}]", w.name, i);
                if (design->find_wire(name)) name.clear();  // taken by a wire of the design: a temporary name
                registers[id].emplace_back(1, name, BigInt(bit_test(reset, static_cast<unsigned>(i)) ? 1 : 0),
                                           out.get());
                bits[id].push_back(registers[id].back());
            }
            break;
        }
        case WireKind::Output: ports[id] = Output(w.bitwidth, w.name, out.get()); break;
        case WireKind::Wire: break;
        }
    }
    std::vector<int> memory_map;
    for (MemoryInfo m : design->memories()) {
        m.read_ports = m.write_ports = 0;
        memory_map.push_back(out->add_memory(std::move(m)));
    }

    for (std::uint32_t index : levelize(*design)) {
        const LogicNet& net = nets[index];
        const auto dw = static_cast<std::size_t>(wires[net.dest].bitwidth);
        auto arg = [&](std::size_t k) -> const Bits& { return bits[net.args[k]]; };
        Bits r;
        switch (net.op) {
        case Op::Wire: r.assign(arg(0).begin(), arg(0).begin() + static_cast<std::ptrdiff_t>(dw)); break;
        case Op::Not:
            for (std::size_t i = 0; i < dw; ++i) r.push_back(~arg(0)[i]);
            break;
        case Op::And:
        case Op::Or:
        case Op::Xor:
        case Op::Nand:
            for (std::size_t i = 0; i < dw; ++i) {
                const WireVector &a = arg(0)[i], &b = arg(1)[i];
                r.push_back(net.op == Op::And       ? a & b
                                : net.op == Op::Or  ? a | b
                                : net.op == Op::Xor ? a ^ b
                                                    : ~(a & b));
            }
            break;
        case Op::Add:
        case Op::Sub: {
            WireVector carry = g.bit(net.op == Op::Sub);
            r = g.add(arg(0), net.op == Op::Sub ? g.invert(arg(1)) : arg(1), carry);
            r.push_back(net.op == Op::Sub ? ~carry : carry);
            r.resize(dw);
            break;
        }
        case Op::Mul: r = g.multiply(arg(0), arg(1), dw); break;
        case Op::Lt: r = {g.less(arg(0), arg(1))}; break;
        case Op::Gt: r = {g.less(arg(1), arg(0))}; break;
        case Op::Eq: {
            WireVector differ = g.bit(false);
            for (std::size_t i = 0; i < arg(0).size(); ++i) differ = differ | (arg(0)[i] ^ arg(1)[i]);
            r = {~differ};
            break;
        }
        case Op::Mux:
            for (std::size_t i = 0; i < dw; ++i) r.push_back(select(arg(0)[0], arg(2)[i], arg(1)[i]));
            break;
        case Op::Concat:
            for (std::size_t k = net.args.size(); k-- > 0;) r.insert(r.end(), arg(k).begin(), arg(k).end());
            r.resize(dw);
            break;
        case Op::Select:
            for (std::size_t i = 0; i < dw; ++i) r.push_back(arg(0)[static_cast<std::size_t>(net.bits[i])]);
            break;
        case Op::MemRead: {
            WireVector word = make_net(*out, Op::MemRead, {join(arg(0))}, static_cast<int>(dw), {},
                                       memory_map[static_cast<std::size_t>(net.mem)]);
            for (std::size_t i = 0; i < dw; ++i) r.push_back(word[static_cast<int>(i)]);
            break;
        }
        case Op::Reg:
        case Op::MemWrite: break;
        }
        bits[net.dest] = std::move(r);
    }
    for (const auto& net : nets) {
        if (net.op == Op::Reg) {
            const RegisterReset reset = wires[net.dest].reset;
            for (std::size_t i = 0; i < registers[net.dest].size(); ++i) {
                registers[net.dest][i].next <<= bits[net.args[0]][i];
                if (net.args.size() > 1)
                    registers[net.dest][i].set_reset(
                        {bits[net.args[1]][0], reset.kind, reset.active_low ? ActiveLow : ActiveHigh});
            }
        } else if (net.op == Op::MemWrite) {
            out->add_net({Op::MemWrite,
                          {join(bits[net.args[0]]).id(), join(bits[net.args[1]]).id(), bits[net.args[2]][0].id()},
                          kNoWire,
                          {},
                          memory_map[static_cast<std::size_t>(net.mem)]});
        }
    }
    // Ports and named wires (registers included) as the concatenation of their bits.
    for (WireId id = 0; id < wires.size(); ++id) {
        const WireInfo& w = wires[id];
        if (w.kind == WireKind::Output) *ports[id] <<= join(bits[id]);
        bool named = w.kind == WireKind::Register || (w.kind == WireKind::Wire && !w.name.starts_with("tmp"));
        if (named && !bits[id].empty()) {
            WireVector view(w.bitwidth, w.name, out.get());
            view <<= join(bits[id]);
        }
    }
    // Outputs are written from their drivers' bits above; assertions keep their Outputs.
    for (const auto& [wire, message] : design->assertions())
        out->add_assertion(*out->find_wire(wires[wire].name), message);
    return optimize(*out);
}

}  // namespace rtl
