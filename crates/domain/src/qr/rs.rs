//! Reed–Solomon error correction over GF(2⁸) with the QR polynomial
//! x⁸ + x⁴ + x³ + x² + 1 (0x11D), generator roots α⁰…αⁿ⁻¹.

/// Multiplies two field elements (Russian-peasant, no tables: the encoder
/// runs once per share, so 512 bytes of log tables would cost more in the
/// bundle than they save in time).
pub(crate) fn mul(x: u8, y: u8) -> u8 {
    let mut z: u16 = 0;
    for i in (0..8).rev() {
        z = (z << 1) ^ ((z >> 7) * 0x11D);
        z ^= u16::from((y >> i) & 1) * u16::from(x);
    }
    z as u8
}

/// The generator polynomial of `degree`, highest coefficient (always 1)
/// left out.
pub(crate) fn divisor(degree: usize) -> Vec<u8> {
    let mut result = vec![0u8; degree];
    result[degree - 1] = 1;
    let mut root = 1u8;
    for _ in 0..degree {
        for j in 0..degree {
            result[j] = mul(result[j], root);
            if j + 1 < degree {
                result[j] ^= result[j + 1];
            }
        }
        root = mul(root, 0x02);
    }
    result
}

/// The error-correction codewords of `data` for a `divisor`.
pub(crate) fn remainder(data: &[u8], divisor: &[u8]) -> Vec<u8> {
    let mut result = vec![0u8; divisor.len()];
    for &b in data {
        let factor = b ^ result[0];
        result.rotate_left(1);
        let last = result.len() - 1;
        result[last] = 0;
        for (r, &d) in result.iter_mut().zip(divisor) {
            *r ^= mul(d, factor);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_multiplication() {
        assert_eq!(mul(0, 0x53), 0);
        assert_eq!(mul(1, 0x53), 0x53);
        assert_eq!(mul(2, 0x80), 0x1D, "x·x⁷ wraps through the polynomial");
        for a in 1..=255u8 {
            // Every non-zero element has an inverse.
            assert!((1..=255u8).any(|b| mul(a, b) == 1), "{a}");
        }
    }

    #[test]
    fn hello_world_1m_codewords() {
        // The worked example of version 1-M "HELLO WORLD" (alphanumeric):
        // its 16 data codewords and the 10 published error-correction ones.
        let data = [
            32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17,
        ];
        assert_eq!(
            remainder(&data, &divisor(10)),
            [196, 35, 39, 119, 235, 215, 231, 226, 93, 23]
        );
    }
}
