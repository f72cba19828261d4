//! The module grid: function patterns, codeword placement, masks and the
//! mask penalty of ISO/IEC 18004 (the layout follows Project Nayuki's
//! well-known QR generator).

/// A square grid of modules (`true` = dark) and which of them belong to
/// function patterns (never masked, never hold data).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Grid {
    pub size: usize,
    pub dark: Vec<bool>,
    function: Vec<bool>,
}

/// Format bits for error-correction level M (its two-bit code is `00`)
/// and a mask: BCH(15,5) with generator 0x537, XOR 0x5412.
pub(crate) fn format_bits(mask: u8) -> u32 {
    let data = u32::from(mask); // M = 0b00 << 3
    let mut rem = data;
    for _ in 0..10 {
        rem = (rem << 1) ^ ((rem >> 9) * 0x537);
    }
    ((data << 10) | rem) ^ 0x5412
}

/// Version bits (versions 7 and up): BCH(18,6) with generator 0x1F25.
pub(crate) fn version_bits(version: u8) -> u32 {
    let data = u32::from(version);
    let mut rem = data;
    for _ in 0..12 {
        rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
    }
    (data << 12) | rem
}

/// Centre coordinates of the alignment patterns along one axis.
pub(crate) fn alignment_positions(version: u8) -> Vec<usize> {
    if version == 1 {
        return Vec::new();
    }
    let v = usize::from(version);
    let count = v / 7 + 2;
    let size = v * 4 + 17;
    let step = (v * 4 + 4).div_ceil(count * 2 - 2) * 2;
    let mut out: Vec<usize> = (0..count - 1).map(|i| size - 7 - i * step).collect();
    out.push(6);
    out.reverse();
    out
}

fn bit(value: u32, i: usize) -> bool {
    (value >> i) & 1 != 0
}

impl Grid {
    /// A grid of `version` with every function pattern drawn and the
    /// format area reserved (filled by [`Grid::draw_format`]).
    pub fn new(version: u8) -> Grid {
        let size = usize::from(version) * 4 + 17;
        let mut grid = Grid {
            size,
            dark: vec![false; size * size],
            function: vec![false; size * size],
        };
        for i in 0..size {
            grid.set_function(6, i, i % 2 == 0);
            grid.set_function(i, 6, i % 2 == 0);
        }
        for (x, y) in [(3, 3), (size - 4, 3), (3, size - 4)] {
            grid.draw_finder(x, y);
        }
        let align = alignment_positions(version);
        let last = align.len().saturating_sub(1);
        for (i, &x) in align.iter().enumerate() {
            for (j, &y) in align.iter().enumerate() {
                // The three corners with finder patterns get none.
                let corner = (i == 0 && (j == 0 || j == last)) || (i == last && j == 0);
                if !corner {
                    grid.draw_alignment(x, y);
                }
            }
        }
        grid.draw_format(0);
        if version >= 7 {
            let bits = version_bits(version);
            for i in 0..18 {
                let (a, b) = (size - 11 + i % 3, i / 3);
                grid.set_function(a, b, bit(bits, i));
                grid.set_function(b, a, bit(bits, i));
            }
        }
        grid
    }

    pub fn get(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.size + x]
    }

    fn set_function(&mut self, x: usize, y: usize, dark: bool) {
        self.dark[y * self.size + x] = dark;
        self.function[y * self.size + x] = true;
    }

    fn draw_finder(&mut self, cx: usize, cy: usize) {
        for dy in -4i32..=4 {
            for dx in -4i32..=4 {
                let (x, y) = (cx as i32 + dx, cy as i32 + dy);
                if (0..self.size as i32).contains(&x) && (0..self.size as i32).contains(&y) {
                    let ring = dx.abs().max(dy.abs());
                    self.set_function(x as usize, y as usize, ring != 2 && ring != 4);
                }
            }
        }
    }

    fn draw_alignment(&mut self, cx: usize, cy: usize) {
        for dy in -2i32..=2 {
            for dx in -2i32..=2 {
                let ring = dx.abs().max(dy.abs());
                self.set_function(
                    (cx as i32 + dx) as usize,
                    (cy as i32 + dy) as usize,
                    ring != 1,
                );
            }
        }
    }

    /// Both copies of the format information, and the dark module.
    pub fn draw_format(&mut self, mask: u8) {
        let bits = format_bits(mask);
        let size = self.size;
        for i in 0..=5 {
            self.set_function(8, i, bit(bits, i));
        }
        self.set_function(8, 7, bit(bits, 6));
        self.set_function(8, 8, bit(bits, 7));
        self.set_function(7, 8, bit(bits, 8));
        for i in 9..15 {
            self.set_function(14 - i, 8, bit(bits, i));
        }
        for i in 0..8 {
            self.set_function(size - 1 - i, 8, bit(bits, i));
        }
        for i in 8..15 {
            self.set_function(8, size - 15 + i, bit(bits, i));
        }
        self.set_function(8, size - 8, true);
    }

    /// Places the codewords in the two-column zigzag from the bottom right.
    pub fn draw_codewords(&mut self, data: &[u8]) {
        let size = self.size;
        let mut i = 0;
        let mut right = size - 1;
        loop {
            if right == 6 {
                right = 5;
            }
            for vert in 0..size {
                for j in 0..2 {
                    let x = right - j;
                    let upward = (right + 1) & 2 == 0;
                    let y = if upward { size - 1 - vert } else { vert };
                    if !self.function[y * size + x] && i < data.len() * 8 {
                        self.dark[y * size + x] = (data[i >> 3] >> (7 - (i & 7))) & 1 != 0;
                        i += 1;
                    }
                    // Remainder bits stay light.
                }
            }
            if right < 2 {
                break;
            }
            right -= 2;
        }
    }

    /// XORs a mask pattern over the data modules (applying it twice undoes it).
    pub fn apply_mask(&mut self, mask: u8) {
        for y in 0..self.size {
            for x in 0..self.size {
                let flip = match mask {
                    0 => (x + y) % 2 == 0,
                    1 => y % 2 == 0,
                    2 => x % 3 == 0,
                    3 => (x + y) % 3 == 0,
                    4 => (x / 3 + y / 2) % 2 == 0,
                    5 => x * y % 2 + x * y % 3 == 0,
                    6 => (x * y % 2 + x * y % 3) % 2 == 0,
                    _ => ((x + y) % 2 + x * y % 3) % 2 == 0,
                };
                let at = y * self.size + x;
                if flip && !self.function[at] {
                    self.dark[at] ^= true;
                }
            }
        }
    }

    /// The penalty score of the four rules; the mask with the lowest wins.
    pub fn penalty(&self) -> u32 {
        let n = self.size;
        let mut score = 0;
        let row = |y: usize| (0..n).map(move |x| self.get(x, y));
        let col = |x: usize| (0..n).map(move |y| self.get(x, y));
        for i in 0..n {
            score += line_penalty(row(i).collect());
            score += line_penalty(col(i).collect());
        }
        for y in 0..n - 1 {
            for x in 0..n - 1 {
                let c = self.get(x, y);
                if c == self.get(x + 1, y) && c == self.get(x, y + 1) && c == self.get(x + 1, y + 1)
                {
                    score += 3;
                }
            }
        }
        let dark = self.dark.iter().filter(|&&d| d).count();
        let total = n * n;
        // Every full 5 % away from half dark costs 10.
        let k = (dark * 20).abs_diff(total * 10) / total;
        score + k as u32 * 10
    }
}

/// Rules 1 and 3 on one row or column: runs of five or more same-coloured
/// modules, and finder-like 1:1:3:1:1 patterns with four light modules on
/// one side, inside the symbol (as python-qrcode and the 2015 standard's
/// reading of it do; the quiet zone is not counted).
fn line_penalty(line: Vec<bool>) -> u32 {
    let mut score = 0;
    let mut run = 1;
    for i in 1..=line.len() {
        if i < line.len() && line[i] == line[i - 1] {
            run += 1;
        } else {
            if run >= 5 {
                score += 3 + (run - 5) as u32;
            }
            run = 1;
        }
    }
    const FINDER: [bool; 7] = [true, false, true, true, true, false, true];
    const LIGHT: [bool; 4] = [false; 4];
    for start in 0..line.len().saturating_sub(6) {
        if line[start..start + 7] == FINDER {
            let before = start >= 4 && line[start - 4..start] == LIGHT;
            let after = line.get(start + 7..start + 11) == Some(&LIGHT[..]);
            score += 40 * (u32::from(before) + u32::from(after));
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_bits_match_the_published_table_for_level_m() {
        // ISO/IEC 18004 Annex C, error-correction level M, masks 0..7.
        let table = [
            0b101010000010010,
            0b101000100100101,
            0b101111001111100,
            0b101101101001011,
            0b100010111111001,
            0b100000011001110,
            0b100111110010111,
            0b100101010100000,
        ];
        for (mask, want) in table.into_iter().enumerate() {
            assert_eq!(format_bits(mask as u8), want, "mask {mask}");
        }
    }

    #[test]
    fn version_bits_match_the_published_table() {
        assert_eq!(version_bits(7), 0b000111110010010100);
        assert_eq!(version_bits(8), 0b001000010110111100);
        assert_eq!(version_bits(9), 0b001001101010011001);
        assert_eq!(version_bits(10), 0b001010010011010011);
    }

    #[test]
    fn alignment_pattern_centres() {
        assert_eq!(alignment_positions(1), Vec::<usize>::new());
        assert_eq!(alignment_positions(2), [6, 18]);
        assert_eq!(alignment_positions(6), [6, 34]);
        assert_eq!(alignment_positions(7), [6, 22, 38]);
        assert_eq!(alignment_positions(10), [6, 28, 50]);
    }

    #[test]
    fn data_modules_count_matches_the_capacity() {
        // Raw data modules per version (total codewords × 8 + remainder bits).
        for (version, modules) in [(1u8, 208), (2, 359), (5, 1079), (7, 1568), (10, 2768)] {
            let grid = Grid::new(version);
            let free = grid.function.iter().filter(|f| !**f).count();
            assert_eq!(free, modules, "version {version}");
        }
    }

    #[test]
    fn masks_are_involutions_and_spare_function_patterns() {
        let mut grid = Grid::new(3);
        grid.draw_codewords(&[0xA5; 70]);
        let before = grid.clone();
        for mask in 0..8 {
            grid.apply_mask(mask);
            assert_ne!(grid, before, "mask {mask} changes data modules");
            assert_eq!(grid.get(3, 3), before.get(3, 3), "finder centre untouched");
            grid.apply_mask(mask);
            assert_eq!(grid, before);
        }
    }

    #[test]
    fn line_penalties() {
        let light = vec![false; 21];
        // One run of 21: 3 + 16; the finder pattern rule needs dark modules.
        assert_eq!(line_penalty(light), 19);
        let mut finder = vec![false; 4];
        finder.extend([true, false, true, true, true, false, true]);
        finder.extend([false; 4]);
        // No run reaches five; light on both sides counts twice.
        assert_eq!(line_penalty(finder.clone()), 80);
        // At the edge of the symbol the quiet zone does not count.
        assert_eq!(line_penalty(finder[4..].to_vec()), 40);
    }
}
