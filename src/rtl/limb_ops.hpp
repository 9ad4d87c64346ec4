#pragma once
// Arithmetic on values stored as little-endian arrays of 64-bit limbs, for wires wider than 64 bits.
// Every value is kept masked: bits above its width are zero.

#include <cstdint>
#include <cstring>

namespace rtl::limbs {

using u64 = std::uint64_t;
using u128 = unsigned __int128;

inline std::uint32_t count(int bits)
{
    return static_cast<std::uint32_t>((bits + 63) / 64);
}

inline u64 top_mask(int bits)
{
    int r = bits % 64;
    return r == 0 ? ~u64{0} : (u64{1} << r) - 1;
}

inline u64 mask64(int bits)
{
    return bits >= 64 ? ~u64{0} : (u64{1} << bits) - 1;
}

/// Limb i of a value of `n` limbs, 0 beyond.
inline u64 at(const u64* v, std::uint32_t n, std::uint32_t i)
{
    return i < n ? v[i] : 0;
}

/// 64 bits of `src` (of `n` limbs) starting at bit `pos` (bits past the end read as 0).
inline u64 extract64(const u64* src, std::uint32_t n, std::uint32_t pos)
{
    std::uint32_t li = pos / 64, sh = pos % 64;
    u64 lo = at(src, n, li);
    if (sh == 0) return lo;
    return (lo >> sh) | (at(src, n, li + 1) << (64 - sh));
}

/// Copies `len` bits from `src` at `src_pos` into `dst` at `dst_pos` (dst bits there must be zero).
inline void deposit(u64* dst, std::uint32_t dst_pos, const u64* src, std::uint32_t src_n, std::uint32_t src_pos,
                    std::uint32_t len)
{
    while (len > 0) {
        std::uint32_t take = len < 64 ? len : 64;
        u64 chunk = extract64(src, src_n, src_pos) & mask64(static_cast<int>(take));
        std::uint32_t li = dst_pos / 64, sh = dst_pos % 64;
        dst[li] |= chunk << sh;
        if (sh != 0 && sh + take > 64) dst[li + 1] |= chunk >> (64 - sh);
        dst_pos += take;
        src_pos += take;
        len -= take;
    }
}

/// ORs the low `len` (<= 64) bits of `chunk` into `dst` at bit `pos`.
inline void deposit_chunk(u64* dst, std::uint32_t pos, u64 chunk, std::uint32_t len)
{
    std::uint32_t li = pos / 64, sh = pos % 64;
    dst[li] |= chunk << sh;
    if (sh != 0 && sh + len > 64) dst[li + 1] |= chunk >> (64 - sh);
}

inline void zero(u64* d, std::uint32_t n)
{
    std::memset(d, 0, n * sizeof(u64));
}

inline void mask_top(u64* d, int bits)
{
    d[count(bits) - 1] &= top_mask(bits);
}

inline void copy(u64* d, int dbits, const u64* a, std::uint32_t an)
{
    std::uint32_t dn = count(dbits);
    for (std::uint32_t i = 0; i < dn; ++i) d[i] = at(a, an, i);
    mask_top(d, dbits);
}

inline void add(u64* d, int dbits, const u64* a, const u64* b, std::uint32_t n)
{
    std::uint32_t dn = count(dbits);
    u64 carry = 0;
    for (std::uint32_t i = 0; i < dn; ++i) {
        u128 s = static_cast<u128>(at(a, n, i)) + at(b, n, i) + carry;
        d[i] = static_cast<u64>(s);
        carry = static_cast<u64>(s >> 64);
    }
    mask_top(d, dbits);
}

inline void sub(u64* d, int dbits, const u64* a, const u64* b, std::uint32_t n)
{
    std::uint32_t dn = count(dbits);
    u64 borrow = 0;
    for (std::uint32_t i = 0; i < dn; ++i) {
        u64 x = at(a, n, i), y = at(b, n, i);
        u64 r = x - y - borrow;
        borrow = (x < y) || (x - y < borrow) ? 1 : 0;
        d[i] = r;
    }
    mask_top(d, dbits);
}

/// d = a * b (low dbits); d must not alias a or b.
inline void mul(u64* d, int dbits, const u64* a, const u64* b, std::uint32_t n)
{
    std::uint32_t dn = count(dbits);
    zero(d, dn);
    for (std::uint32_t i = 0; i < n && i < dn; ++i) {
        if (a[i] == 0) continue;
        u64 carry = 0;
        for (std::uint32_t j = 0; i + j < dn; ++j) {
            u128 p = static_cast<u128>(a[i]) * at(b, n, j) + d[i + j] + carry;
            d[i + j] = static_cast<u64>(p);
            carry = static_cast<u64>(p >> 64);
        }
    }
    mask_top(d, dbits);
}

/// -1, 0 or 1 as a <, ==, > b (unsigned).
inline int compare(const u64* a, const u64* b, std::uint32_t n)
{
    for (std::uint32_t i = n; i-- > 0;)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}

inline bool is_zero(const u64* a, std::uint32_t n)
{
    for (std::uint32_t i = 0; i < n; ++i)
        if (a[i]) return false;
    return true;
}

}  // namespace rtl::limbs
