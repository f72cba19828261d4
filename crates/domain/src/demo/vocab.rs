//! Vocabularies of the demo generator, modelled on the seed content in
//! `crates/server/seed/` (titles per sector, Qingdao 2026 salary ranges,
//! villages and communities of Tongji, benefits).

use crate::records::Education;

/// A job template: the generator varies salary, headcount and experience.
pub(super) struct Role {
    pub title: &'static str,
    /// Typical monthly salary range, yuan.
    pub salary: (u32, u32),
    pub education: Education,
    /// Most years of experience asked for.
    pub experience: u8,
    /// Most people wanted at once.
    pub headcount: u32,
    pub duties: &'static str,
}

/// A sector with its jobs, usual benefits and words for company names.
pub(super) struct Sector {
    pub name: &'static str,
    pub roles: &'static [Role],
    pub benefits: &'static [&'static str],
    pub company_words: &'static [&'static str],
    pub blurbs: &'static [&'static str],
}

const fn role(
    title: &'static str,
    lo: u32,
    hi: u32,
    education: Education,
    experience: u8,
    headcount: u32,
    duties: &'static str,
) -> Role {
    Role {
        title,
        salary: (lo, hi),
        education,
        experience,
        headcount,
        duties,
    }
}

use Education::{Any, Associate, Bachelor, HighSchool, JuniorHigh};

#[rustfmt::skip]
pub(super) const SECTORS: &[Sector] = &[
    Sector {
        name: "纺织服装",
        roles: &[
            role("平缝机工", 4800, 7500, Any, 1, 40, "按工艺单操作平缝机完成服装缝制，熟练工优先，新手可带薪学徒。"),
            role("套口工", 4800, 7200, Any, 2, 30, "负责毛衫领口、袖口套口缝合，有毛衫厂经验优先。"),
            role("电脑横机挡车工", 5200, 7500, JuniorHigh, 1, 20, "看管电脑横机，负责上纱、换纱和处理断纱，能适应两班倒。"),
            role("整烫工", 4300, 6200, Any, 1, 15, "按工艺要求整烫成衣，保证平整无亮光、无烫黄。"),
            role("裁剪工", 4600, 6800, JuniorHigh, 2, 10, "负责拉布、排料和裁剪，核对裁片数量与规格。"),
            role("成衣质检员", 4200, 5800, JuniorHigh, 2, 12, "检验成衣尺寸、做工和外观，跟进返修。"),
            role("包装工", 3600, 5000, Any, 0, 20, "负责成品折叠、挂吊牌、装袋装箱。"),
            role("打版师", 7000, 12000, HighSchool, 5, 3, "负责服装制版、放码和工艺单编写，熟练使用服装CAD。"),
            role("跟单员", 5000, 8000, Associate, 2, 5, "跟进订单的面辅料、生产排期和出货，熟练使用Excel。"),
            role("外贸业务员（日语）", 6500, 11000, Bachelor, 2, 3, "负责日本客户询价、打样和订单跟进，日语N2及以上。"),
            role("外贸业务员（英语）", 6000, 10000, Bachelor, 2, 3, "负责欧美客户开发与订单跟进，CET-6或同等水平。"),
        ],
        benefits: &["五险", "计件工资", "包食宿", "包午餐", "全勤奖", "节日福利", "班车", "带薪年假"],
        company_words: &["针织服饰", "服装", "制衣", "纺织", "童装", "服装辅料", "家纺"],
        blurbs: &["针织服装生产企业，产品以对日出口为主。", "童装设计生产企业，兼营线上销售。", "面料织造与服装辅料企业，配套即墨服装产业。"],
    },
    Sector {
        name: "先进制造",
        roles: &[
            role("CNC操作工", 5500, 8000, JuniorHigh, 1, 15, "操作数控加工中心，负责上下料、首件自检和刀具更换。"),
            role("数控车床工", 6000, 9000, HighSchool, 3, 8, "独立操作数控车床，能编写简单程序并对刀。"),
            role("焊工", 6500, 9500, JuniorHigh, 3, 10, "从事二保焊或氩弧焊作业，持有效焊工证。"),
            role("电工", 6000, 8500, HighSchool, 3, 3, "负责车间设备电气维护检修，持低压电工操作证。"),
            role("装配工", 4500, 6500, Any, 0, 30, "在流水线上完成零部件装配和自检。"),
            role("品质检验员", 4500, 6500, HighSchool, 2, 6, "负责来料、过程和成品检验，会使用常用量具。"),
            role("SMT操作员", 4500, 6200, HighSchool, 0, 15, "操作贴片机、回流焊等设备，能适应倒班。"),
            role("机械设计工程师", 9000, 15000, Bachelor, 5, 2, "负责结构设计和出图，熟练使用SolidWorks。"),
            role("技术研发工程师", 10000, 15000, Bachelor, 5, 3, "参与新产品研发、试制和技术攻关。"),
            role("质量工程师", 8000, 12000, Bachelor, 3, 2, "负责质量体系运行和客户投诉分析。"),
            role("设备维修工", 6500, 9000, HighSchool, 5, 3, "负责生产设备机械、电气故障维修和保养。"),
        ],
        benefits: &["五险一金", "免费工作餐", "班车", "年终奖", "带薪年假", "技能补贴", "夜班补贴", "节日福利"],
        company_words: &["汽车零部件", "精密机械", "电子科技", "智能装备", "液压机械", "新材料科技", "五金制品"],
        blurbs: &["汽车零部件配套企业，通过IATF 16949认证。", "精密机械加工企业，拥有五轴加工中心。", "电子控制板研发生产企业，科技型中小企业。"],
    },
    Sector {
        name: "海绵制品",
        roles: &[
            role("海绵切割工", 4800, 6800, Any, 1, 12, "操作平切机、异形切割机按尺寸切割海绵。"),
            role("发泡工", 5800, 8500, JuniorHigh, 2, 6, "配合连续发泡线投料和温控，严格执行安全规程。"),
            role("复合贴合工", 4500, 6200, Any, 0, 8, "操作复合机完成海绵与布料贴合。"),
            role("床垫围边工", 5000, 7200, Any, 1, 8, "负责床垫围边缝纫和封边，计件工资。"),
            role("配料员", 5000, 6800, JuniorHigh, 1, 2, "按配方称量原料并记录，工作细致。"),
            role("化工技术员", 7000, 10000, Associate, 3, 2, "负责海绵配方调整和物性检测，化工或高分子专业。"),
            role("叉车司机", 5200, 7000, JuniorHigh, 2, 4, "驾驶叉车装卸搬运，持叉车操作证。"),
            role("打包发货员", 4000, 5500, Any, 0, 6, "负责成品打包、贴标和装车发货。"),
        ],
        benefits: &["五险", "包食宿", "计件工资", "全勤奖", "节日福利", "包午餐"],
        company_words: &["海绵制品", "聚氨酯制品", "床垫", "包装材料"],
        blurbs: &["生产家具海绵和床垫海绵。", "生产EPE珍珠棉缓冲包装材料。", "生产聚氨酯慢回弹制品。"],
    },
    Sector {
        name: "物流仓储",
        roles: &[
            role("快递分拣员", 4500, 6500, Any, 0, 40, "负责快件扫描、分拣和装卸，夜班另有补贴。"),
            role("快递派件员", 6000, 9000, JuniorHigh, 0, 15, "负责片区快件派送和揽收，按件计酬。"),
            role("叉车司机", 5200, 7000, JuniorHigh, 2, 6, "驾驶叉车完成货物装卸和码放，持叉车证。"),
            role("仓管员", 4300, 6000, HighSchool, 2, 3, "负责出入库登记、盘点和库位管理。"),
            role("货车司机", 7000, 10000, JuniorHigh, 3, 6, "驾驶厢式货车跑干线，持A2或B2驾照。"),
            role("调度员", 5500, 7500, Associate, 2, 2, "负责车辆线路调度和异常件处理。"),
            role("装卸工", 5000, 7000, Any, 0, 15, "负责货物装车卸车，按趟计件。"),
            role("报关单证员", 5000, 7500, Associate, 2, 2, "负责出口报关单证制作与申报。"),
        ],
        benefits: &["五险", "包食宿", "夜班补贴", "班车", "节日福利", "全勤奖"],
        company_words: &["物流", "供应链管理", "冷链物流", "国际货运代理"],
        blurbs: &["区域快递分拨中心。", "零担及整车运输企业。", "冷库仓储和冷链配送企业。"],
    },
    Sector {
        name: "服务业",
        roles: &[
            role("养老护理员", 4500, 6500, JuniorHigh, 1, 10, "为老人提供生活照料、助餐助浴，可免费培训取证。"),
            role("厨师", 5500, 8500, JuniorHigh, 3, 3, "负责鲁菜、家常菜烹制，持健康证。"),
            role("餐厅服务员", 3800, 5000, Any, 0, 8, "负责点餐、传菜和收台。"),
            role("收银员", 3800, 4800, HighSchool, 0, 6, "负责超市收银和会员办理。"),
            role("导购", 4000, 6500, HighSchool, 0, 6, "负责商品陈列和顾客接待，底薪加提成。"),
            role("保洁员", 3200, 4000, Any, 0, 8, "负责公共区域清洁。"),
            role("保安员", 3800, 5000, JuniorHigh, 0, 10, "负责门岗值守和巡逻，退伍军人优先。"),
            role("物业管家", 4200, 5800, Associate, 1, 3, "负责业主接待、报修受理和回访。"),
            role("会计", 5000, 8000, Associate, 3, 1, "负责账务处理和纳税申报，持初级会计职称。"),
            role("行政文员", 3800, 5200, Associate, 0, 2, "负责文件收发、考勤和会务。"),
            role("育婴员", 6000, 9000, JuniorHigh, 2, 6, "负责婴幼儿日常照护，持育婴员证优先。"),
        ],
        benefits: &["五险", "包午餐", "节日福利", "带薪年假", "提成", "带薪培训", "包食宿"],
        company_words: &["养老服务", "餐饮管理", "物业服务", "超市", "家政服务", "酒店管理"],
        blurbs: &["社区嵌入式养老机构。", "社区生鲜超市。", "住宅小区物业服务企业。"],
    },
    Sector {
        name: "电子商务",
        roles: &[
            role("电商运营", 5500, 9000, Associate, 2, 3, "负责店铺上架、活动策划和数据分析。"),
            role("服装直播主播", 6000, 12000, HighSchool, 1, 4, "负责服装直播带货，底薪加提成。"),
            role("直播场控", 4500, 6500, HighSchool, 1, 3, "配合主播控场、上下链接和回复评论。"),
            role("美工设计", 5000, 8000, Associate, 2, 2, "负责主图、详情页和海报设计。"),
            role("电商客服", 4000, 5500, HighSchool, 0, 6, "负责线上咨询、订单处理和售后。"),
            role("跨境电商运营（英语）", 6000, 10000, Bachelor, 2, 2, "负责海外店铺运营和广告投放，英语流利。"),
        ],
        benefits: &["五险", "双休", "提成", "带薪年假", "节日福利", "年终奖"],
        company_words: &["电子商务", "跨境电子商务", "网络科技"],
        blurbs: &["服装直播电商企业。", "跨境电商企业，店铺覆盖北美和日本。"],
    },
];

/// Villages and communities of Tongji.
pub(super) const VILLAGES: &[&str] = &[
    "小李村",
    "郭庄社区",
    "黄家埠",
    "下泊",
    "即发阳光城社区",
    "庄头",
    "西流峰",
    "龙湾",
    "东流峰",
    "山东华府社区",
];

/// Suffixes of a street address after the village name.
pub(super) const SITES: &[&str] = &["工业园", "北侧", "南侧", "工业路", "商业街", ""];

/// Two-character brand names of company names.
pub(super) const BRANDS: &[&str] = &[
    "鑫源", "恒盛", "华泰", "瑞丰", "宏达", "金海", "博雅", "永利", "佳和", "天成", "海川", "立信",
    "德润", "昌盛", "新宇", "东泰", "盛华", "万通", "福瑞", "嘉诚", "安泰", "聚丰", "合力", "润华",
    "明德", "利达", "汇金", "正兴", "广源", "兴业", "同创", "腾飞", "振华", "远航", "锦华", "凯瑞",
    "众成", "泓润", "墨韵", "通和",
];

/// Surnames of contact people.
pub(super) const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
];

/// How contact people are addressed.
pub(super) const TITLES: &[&str] = &["经理", "女士", "先生", "主管"];

/// Mobile prefixes (China Mobile, Unicom, Telecom).
pub(super) const MOBILE_PREFIXES: &[&str] = &[
    "135", "136", "137", "138", "139", "150", "151", "155", "156", "158", "176", "185", "186",
    "187", "189", "199",
];

/// Working hours added to some descriptions.
pub(super) const SHIFTS: &[&str] = &[
    "长白班，月休四天。",
    "两班倒，夜班另有补贴。",
    "做六休一。",
    "八小时工作制，双休。",
];
