//! Search-as-you-type benchmark: 10,000 synthetic Jimo positions.
//!
//! `cargo run --release -p domain --example search_bench [positions]`
//!
//! Builds the index the app would (`position_document`: title, employer,
//! sector, location, benefits, description), then replays typing sequences
//! one keystroke at a time and prints the median and p95 time per keystroke
//! for a fresh `search`, for `Narrowing` (what the app's search box uses) and,
//! as a yardstick from the same run, for a plain `str::contains` scan over
//! the titles. It prints figures and never fails on time.

use domain::ids::RecordId;
use domain::records::{Education, Position};
use domain::search::{position_document, Narrowing, SearchIndex};
use domain::time::Date;
use std::hint::black_box;
use std::time::{Duration, Instant};

const LIMIT: usize = 50;
/// Replays of each sequence; each keystroke is timed once per replay.
const ROUNDS: usize = 30;

const EMPLOYER_PREFIX: &[&str] = &["青岛", "即墨区", "青岛即墨", "山东", ""];
const EMPLOYER_CORE: &[&str] = &[
    "瑞祥昌隆",
    "新林辉",
    "仁成",
    "即发",
    "红领",
    "鲁泰",
    "华纺",
    "宏达",
    "金汇",
    "恒信",
    "通济",
    "墨河",
    "龙湾",
    "鑫源",
    "东方",
    "海诺",
    "博远",
    "德润",
    "嘉禾",
    "永兴",
    "利群",
    "蓝谷",
    "万福",
    "盛世",
];
const EMPLOYER_TRADE: &[&str] = &[
    "服装",
    "纺织",
    "针织",
    "海绵",
    "机械",
    "电子",
    "物流",
    "食品",
    "包装",
    "模具",
    "服装辅料",
    "布业",
    "软件",
    "商贸",
    "制衣",
    "家纺",
];
const EMPLOYER_SUFFIX: &[&str] = &[
    "有限公司",
    "股份有限公司",
    "厂",
    "店",
    "集团",
    "科技有限公司",
];
const TITLES: &[&str] = &[
    "纺织女工",
    "平缝机工",
    "挡车工",
    "服装设计师",
    "裁剪工",
    "质检员",
    "包装工",
    "仓库管理员",
    "叉车司机",
    "CNC数控操作工",
    "电焊工",
    "机修工",
    "跟单员",
    "外贸业务员",
    "会计",
    "出纳",
    "行政专员",
    "人事专员",
    "销售代表",
    "电商运营",
    "Java开发工程师",
    "普工",
    "缝纫工",
    "整烫工",
    "锁眼钉扣工",
    "海绵切割工",
    "物流配送员",
    "保安",
    "保洁员",
    "厨师",
    "服务员",
    "收银员",
    "店长",
    "司机",
    "品管组长",
    "车间主任",
    "样衣工",
    "打版师",
    "染整技术员",
    "设备维修工",
];
const TITLE_PREFIX: &[&str] = &["", "", "", "熟练", "高级", "储备", "实习"];
const TITLE_SUFFIX: &[&str] = &["", "", "", "（长期）", "（夜班）", "学徒", "（男女不限）"];
const SECTORS: &[&str] = &[
    "纺织服装",
    "先进制造",
    "物流",
    "服务业",
    "电子信息",
    "食品加工",
    "商贸",
    "建筑",
];
const LOCATIONS: &[&str] = &[
    "小李村",
    "下泊社区",
    "郭庄社区",
    "黄家埠",
    "庄头",
    "西流峰",
    "龙湾",
    "东关",
    "南关",
    "北关",
    "大官庄",
    "前营",
    "后营",
    "通济新区",
    "墨河公园附近",
    "即墨服装市场",
    "鹤山路",
    "蓝鳌路",
    "青威路",
    "烟青路",
];
const BENEFITS: &[&str] = &[
    "五险一金",
    "包食宿",
    "包午餐",
    "交通补贴",
    "全勤奖",
    "年终奖",
    "带薪年假",
    "节日福利",
    "计件工资",
    "提供住宿",
    "加班补贴",
    "免费培训",
    "双休",
    "班车接送",
];
const DUTIES: &[&str] = &[
    "负责车间日常生产",
    "熟练操作平缝机",
    "按订单完成裁剪",
    "负责成品质量检验",
    "负责仓库收发货",
    "能吃苦耐劳",
    "服从安排",
    "有相关经验者优先",
    "可接受倒班",
    "负责设备日常保养",
    "会使用办公软件",
    "沟通能力强",
    "身体健康",
    "年龄十八至五十五岁",
];

/// Deterministic xorshift, so every run indexes the same positions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

fn positions(n: usize) -> Vec<(RecordId, Position, String)> {
    let mut rng = Rng(0x5EED_2026);
    let employers: Vec<String> = (0..400)
        .map(|_| {
            [
                EMPLOYER_PREFIX,
                EMPLOYER_CORE,
                EMPLOYER_TRADE,
                EMPLOYER_SUFFIX,
            ]
            .iter()
            .map(|part| rng.pick(part))
            .collect()
        })
        .collect();
    let posted_on = Date::parse("2026-11-20").expect("valid date");
    (0..n)
        .map(|_| {
            let title = format!(
                "{}{}{}",
                rng.pick(TITLE_PREFIX),
                rng.pick(TITLES),
                rng.pick(TITLE_SUFFIX)
            );
            let benefits = (0..rng.next() % 5)
                .map(|_| rng.pick(BENEFITS).to_string())
                .collect();
            let description = format!(
                "{}，{}，{}。",
                rng.pick(DUTIES),
                rng.pick(DUTIES),
                rng.pick(DUTIES)
            );
            let employer = employers[(rng.next() % employers.len() as u64) as usize].clone();
            let salary_min = 3000 + (rng.next() % 30) as u32 * 100;
            let position = Position {
                employer_id: RecordId::generate(),
                fair_id: None,
                title,
                sector: rng.pick(SECTORS).to_string(),
                headcount: 1 + (rng.next() % 30) as u32,
                salary_min,
                salary_max: salary_min + 2000,
                education: Education::Any,
                experience_years: 0,
                location: rng.pick(LOCATIONS).to_string(),
                benefits,
                description,
                contact_name: String::new(),
                contact_phone: String::new(),
                posted_on,
                sample: true,
            };
            (RecordId::generate(), position, employer)
        })
        .collect()
}

/// Each keystroke of typing `text`: every prefix ending on a char boundary.
/// A trailing `⌫` means "then delete back to the first char", one keystroke
/// at a time.
fn keystrokes(text: &str) -> Vec<&str> {
    let (typed, erase) = match text.strip_suffix('⌫') {
        Some(typed) => (typed, true),
        None => (text, false),
    };
    let mut out: Vec<&str> = typed
        .char_indices()
        .map(|(i, c)| &typed[..i + c.len_utf8()])
        .collect();
    if erase {
        let back: Vec<&str> = out.iter().rev().skip(1).copied().collect();
        out.extend(back);
    }
    out
}

struct Stats {
    median: Duration,
    p95: Duration,
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    Stats {
        median: at(0.5),
        p95: at(0.95),
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1e3)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let data = positions(n);
    let titles: Vec<&str> = data.iter().map(|(_, p, _)| p.title.as_str()).collect();

    // The first index decodes the embedded pinyin table; time that apart.
    let started = Instant::now();
    black_box(SearchIndex::<u32>::new());
    let decode = started.elapsed();
    let started = Instant::now();
    let index = SearchIndex::build(
        data.iter()
            .map(|(id, p, employer)| position_document(*id, p, employer)),
    );
    let build = started.elapsed();
    let text_bytes: usize = data
        .iter()
        .map(|(_, p, e)| {
            p.title.len()
                + e.len()
                + p.sector.len()
                + p.location.len()
                + p.description.len()
                + p.benefits.iter().map(String::len).sum::<usize>()
        })
        .sum();
    println!("search_bench: {n} positions, limit {LIMIT}, {ROUNDS} rounds per sequence");
    println!(
        "pinyin table decoded in {} ms; build {} ms; index ≈ {:.1} MB (indexed text {:.1} MB) + table {:.0} KB",
        ms(decode),
        ms(build),
        index.memory_estimate() as f64 / 1e6,
        text_bytes as f64 / 1e6,
        index.table_bytes() as f64 / 1e3
    );
    println!();
    println!(
        "{:<10} {:<14} {:>6} {:>8} {:>8} {:>10} {:>10} {:>10} {:>10}",
        "kind", "typed", "hits", "search", "p95", "narrowing", "p95", "contains", "p95"
    );

    let sequences = [
        ("hanzi", "服装"),
        ("hanzi", "纺织女工"),
        ("pinyin", "fuzhuang"),
        ("pinyin", "fangzhinvgong"),
        ("initials", "fz"),
        ("initials", "pgzz"),
        ("mixed", "纺织 nv"),
        ("mixed", "cnc czg"),
        ("backspace", "fuzhuang⌫"),
    ];
    let mut all_search = Vec::new();
    let mut all_narrow = Vec::new();
    for (kind, typed) in sequences {
        let strokes = keystrokes(typed);
        let (mut search, mut narrow, mut baseline) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            let mut typing = Narrowing::default();
            for q in &strokes {
                let t = Instant::now();
                black_box(index.search(black_box(q), LIMIT));
                search.push(t.elapsed());

                let t = Instant::now();
                black_box(typing.search(&index, black_box(q), LIMIT));
                narrow.push(t.elapsed());

                let t = Instant::now();
                let found = titles
                    .iter()
                    .filter(|title| title.contains(black_box(*q)))
                    .take(usize::MAX)
                    .count();
                black_box(found);
                baseline.push(t.elapsed());
            }
        }
        let hits = index.search(strokes[strokes.len() - 1], LIMIT).total;
        all_search.extend_from_slice(&search);
        all_narrow.extend_from_slice(&narrow);
        let (s, nw, b) = (stats(search), stats(narrow), stats(baseline));
        println!(
            "{:<10} {:<14} {:>6} {:>8} {:>8} {:>10} {:>10} {:>10} {:>10}",
            kind,
            format!("{typed:?}"),
            hits,
            ms(s.median),
            ms(s.p95),
            ms(nw.median),
            ms(nw.p95),
            ms(b.median),
            ms(b.p95)
        );
    }
    let (s, nw) = (stats(all_search), stats(all_narrow));
    println!(
        "{:<10} {:<14} {:>6} {:>8} {:>8} {:>10} {:>10}",
        "all",
        "",
        "",
        ms(s.median),
        ms(s.p95),
        ms(nw.median),
        ms(nw.p95)
    );
    println!();
    println!(
        "times in ms per keystroke (median, p95); `contains` = str::contains over titles only;"
    );
    println!(
        "hits = matches after the last keystroke; `fuzhuang⌫` types fuzhuang, then deletes to f."
    );
}
