"""The enterprise ledger (企业台账): every demo employer plus other firms of Tongji.

Figures are in 万元. `None` means "not known yet" on purpose (the policy
matcher then says "possibly eligible"); 0 means known to be zero.
"""

from __future__ import annotations

from common import credit_code, landline, mobile, record_id
from jobs import EMPLOYERS

UNKNOWN = None

# name -> (industry, size, enrolled, revenue, employees, insured, founded, rd, export, quals, notes)
# Optional extras: "band" (when revenue is unknown), "kind" (company/individual/cooperative).
EMPLOYER_LEDGER = {
    "即发集团有限公司": dict(
        industry="纺织服装", size="large", enrolled=True, revenue=486000, employees=8600, insured=8420,
        founded=1996, rd=14600, export=298000, quals=["high_tech", "foreign_trade", "above_scale"],
        notes="通济辖区厂区数据（示例）。2026年街道协助引进日本高层次纺织技术人才1名，对接人才补贴政策。"),
    "即墨区瑞祥昌隆服装辅料店": dict(
        industry="批发零售", size="small", enrolled=True, revenue=2380, employees=12, insured=10,
        founded=2016, rd=0, export=0, quals=["above_scale"], kind="individual",
        notes="小李村大个体，2026年上半年新纳统（限上批发业）。经营拉链、纽扣、织带批发。"),
    "即墨区新林辉布业店": dict(
        industry="批发零售", size="small", enrolled=True, revenue=2150, employees=9, insured=7,
        founded=2018, rd=0, export=0, quals=["above_scale"], kind="individual",
        notes="小李村大个体，2026年上半年新纳统（限上批发业）。经营针织面料、棉布批发。"),
    "青岛锦程针织服饰有限公司": dict(
        industry="纺织服装", size="medium", enrolled=True, revenue=18600, employees=420, insured=398,
        founded=2006, rd=310, export=15800, quals=["foreign_trade", "above_scale"],
        notes="对日出口为主，2026年1-10月出口额已核实。反映缝纫工招工难。"),
    "青岛童悦儿童服饰有限公司": dict(
        industry="纺织服装", size="small", enrolled=False, revenue=1650, employees=120, insured=96,
        founded=2017, rd=45, export=0, quals=[],
        notes="线上销售增长快，预计2027年营收超2000万元，已列入纳统培育库。"),
    "青岛墨河纺织有限公司": dict(
        industry="纺织服装", size="small", enrolled=True, revenue=9800, employees=180, insured=170,
        founded=2009, rd=120, export=860, quals=["above_scale"],
        notes="计划更新电脑横机30台，关注技术改造补助政策。"),
    "青岛宏绣针织品有限公司": dict(
        industry="纺织服装", size="small", enrolled=False, revenue=2860, employees=150, insured=121,
        founded=2012, rd=UNKNOWN, export=2450, quals=["foreign_trade"],
        notes="2026年营业收入预计超2000万元，已达规上工业标准，正在动员纳统；企业担心统计报表填报负担。"),
    "青岛恒祥服装辅料有限公司": dict(
        industry="服装辅料", size="small", enrolled=True, revenue=5200, employees=95, insured=90,
        founded=2011, rd=160, export=1200, quals=["above_scale", "tech_sme"], notes=""),
    "青岛凯诺制衣有限公司": dict(
        industry="纺织服装", size="small", enrolled=True, revenue=7400, employees=230, insured=205,
        founded=2008, rd=0, export=5100, quals=["foreign_trade", "above_scale"], notes="外贸订单回流，需扩招熟练缝纫工。"),
    "青岛彩韵数码印花有限公司": dict(
        industry="纺织服装", size="small", enrolled=False, revenue=1380, employees=46, insured=40,
        founded=2019, rd=85, export=0, quals=["tech_sme"], notes=""),
    "青岛丽尔家纺有限公司": dict(
        industry="纺织服装", size="medium", enrolled=True, revenue=23500, employees=460, insured=436,
        founded=2004, rd=380, export=17600, quals=["foreign_trade", "above_scale"],
        notes="欧美订单占七成，反映海运费波动和汇率风险。"),
    "青岛福美袜业有限公司": dict(
        industry="纺织服装", size="small", enrolled=False, revenue=UNKNOWN, band="from500_to2000", employees=88,
        insured=UNKNOWN, founded=2014, rd=UNKNOWN, export=UNKNOWN, quals=[],
        notes="企业仅提供营收区间，参保人数和出口数据待下次走访核实。"),
    "青岛优衫服饰电子商务有限公司": dict(
        industry="电子商务", size="small", enrolled=False, revenue=4200, employees=64, insured=41,
        founded=2020, rd=0, export=0, quals=[],
        notes="网络零售额已超限上标准，动员纳统中；直播团队流动性大。"),
    "青岛海纳跨境电子商务有限公司": dict(
        industry="电子商务", size="small", enrolled=True, revenue=6800, employees=38, insured=38,
        founded=2018, rd=0, export=6100, quals=["foreign_trade", "above_scale"], notes="跨境电商出口额已核实。"),
    "青岛德瑞汽车零部件有限公司": dict(
        industry="汽车零部件", size="medium", enrolled=True, revenue=36800, employees=620, insured=600,
        founded=2010, rd=1380, export=2600, quals=["high_tech", "specialised", "above_scale", "foreign_trade"],
        notes="市重点项目“汽车零部件智能制造项目”建设单位，新厂区2027年投产。"),
    "青岛通达精密机械有限公司": dict(
        industry="机械制造", size="small", enrolled=True, revenue=8600, employees=190, insured=182,
        founded=2013, rd=420, export=0, quals=["high_tech", "specialised", "above_scale"],
        notes="新能源汽车精密零部件项目（准备项目）用地手续办理中。"),
    "青岛海诺电子科技有限公司": dict(
        industry="电子信息", size="small", enrolled=True, revenue=12400, employees=260, insured=248,
        founded=2015, rd=690, export=0, quals=["tech_sme", "high_tech", "above_scale"], notes=""),
    "青岛墨城新材料科技有限公司": dict(
        industry="新材料", size="small", enrolled=True, revenue=6900, employees=85, insured=85,
        founded=2016, rd=520, export=0, quals=["high_tech", "tech_sme", "specialised", "above_scale"],
        notes="功能性聚氨酯材料项目建设单位。"),
    "青岛汇丰模具有限公司": dict(
        industry="机械制造", size="small", enrolled=False, revenue=1750, employees=62, insured=55,
        founded=2012, rd=90, export=0, quals=["tech_sme"], notes=""),
    "青岛鼎力液压机械有限公司": dict(
        industry="机械制造", size="small", enrolled=True, revenue=11200, employees=240, insured=226,
        founded=2007, rd=330, export=2900, quals=["foreign_trade", "above_scale", "specialised"], notes=""),
    "青岛铭途智能装备有限公司": dict(
        industry="智能装备", size="small", enrolled=True, revenue=4600, employees=72, insured=72,
        founded=2017, rd=610, export=0, quals=["specialised", "high_tech", "tech_sme", "above_scale"], notes=""),
    "青岛瑞诚汽车内饰件有限公司": dict(
        industry="汽车零部件", size="small", enrolled=False, revenue=3350, employees=210, insured=168,
        founded=2019, rd=UNKNOWN, export=0, quals=[],
        notes="2025年起营收连续超2000万元，尚未纳统；企业顾虑报表负担，需继续做工作。"),
    "青岛中泰电气设备有限公司": dict(
        industry="电气机械", size="small", enrolled=True, revenue=9300, employees=140, insured=138,
        founded=2011, rd=380, export=0, quals=["high_tech", "above_scale"], notes=""),
    "青岛永固五金制品有限公司": dict(
        industry="金属制品", size="small", enrolled=False, revenue=1900, employees=75, insured=UNKNOWN,
        founded=2010, rd=0, export=640, quals=["foreign_trade"], notes="参保人数未提供。"),
    "青岛仁成海绵制品有限公司": dict(
        industry="海绵制品", size="small", enrolled=True, revenue=4300, employees=110, insured=98,
        founded=2009, rd=60, export=0, quals=["above_scale"],
        notes="发泡工、切割工长期缺口，街道协助发布用工招聘信息并推荐参加专场招聘会。"),
    "青岛舒眠海绵床垫有限公司": dict(
        industry="海绵制品", size="small", enrolled=False, revenue=1450, employees=58, insured=41,
        founded=2015, rd=0, export=0, quals=[], notes=""),
    "青岛益华包装材料有限公司": dict(
        industry="包装材料", size="small", enrolled=False, revenue=2280, employees=66, insured=60,
        founded=2016, rd=0, export=0, quals=[],
        notes="EPE订单增长，2026年营收已超2000万元，符合规上工业条件，待纳统。"),
    "青岛柔力聚氨酯制品有限公司": dict(
        industry="海绵制品", size="small", enrolled=True, revenue=3600, employees=92, insured=85,
        founded=2012, rd=140, export=1900, quals=["foreign_trade", "above_scale", "tech_sme"], notes=""),
    "青岛畅通达物流有限公司": dict(
        industry="物流运输", size="small", enrolled=True, revenue=6200, employees=85, insured=80,
        founded=2012, rd=0, export=0, quals=["above_scale"], notes=""),
    "青岛捷运供应链管理有限公司": dict(
        industry="物流运输", size="medium", enrolled=True, revenue=21800, employees=640, insured=560,
        founded=2018, rd=0, export=0, quals=["above_scale"], notes="智慧物流分拨中心项目建设单位；旺季分拣工缺口约百人。"),
    "青岛墨港国际货运代理有限公司": dict(
        industry="物流运输", size="small", enrolled=False, revenue=1680, employees=24, insured=24,
        founded=2016, rd=0, export=0, quals=[], notes=""),
    "青岛鲜达冷链物流有限公司": dict(
        industry="物流运输", size=UNKNOWN, enrolled=False, revenue=UNKNOWN, employees=UNKNOWN, insured=UNKNOWN,
        founded=2025, rd=UNKNOWN, export=UNKNOWN, quals=[], notes="新入驻企业，经营数据尚未采集。"),
    "青岛佳惠万家超市有限公司通济店": dict(
        industry="批发零售", size="small", enrolled=True, revenue=3100, employees=48, insured=40,
        founded=2015, rd=0, export=0, quals=["above_scale"], notes="参与社区“优质产品进万家”对接活动。"),
    "青岛福寿康养老服务有限公司": dict(
        industry="养老服务", size="small", enrolled=False, revenue=620, employees=55, insured=48,
        founded=2019, rd=0, export=0, quals=[], notes="护理员持证率不足一半，关注技能培训补贴。"),
    "青岛老街坊餐饮管理有限公司": dict(
        industry="住宿餐饮", size="small", enrolled=True, revenue=980, employees=40, insured=28,
        founded=2014, rd=0, export=0, quals=["above_scale"], notes=""),
    "青岛安居物业服务有限公司": dict(
        industry="物业服务", size="small", enrolled=True, revenue=1850, employees=210, insured=190,
        founded=2008, rd=0, export=0, quals=["above_scale"], notes="承接部分老旧小区改造后的物业服务。"),
    "青岛童心托育服务有限公司": dict(
        industry="托育服务", size="micro", enrolled=False, revenue=180, employees=14, insured=12,
        founded=2021, rd=0, export=0, quals=[], notes=""),
    "青岛华府家政服务有限公司": dict(
        industry="家政服务", size="micro", enrolled=False, revenue=260, employees=35, insured=6,
        founded=2020, rd=0, export=0, quals=[], notes="家政员多为灵活就业，参保率低。"),
    "青岛悦途酒店管理有限公司即墨通济店": dict(
        industry="住宿餐饮", size="small", enrolled=True, revenue=860, employees=32, insured=30,
        founded=2017, rd=0, export=0, quals=["above_scale"], notes=""),
    "青岛康和大药房连锁有限公司通济店": dict(
        industry="批发零售", size="micro", enrolled=False, revenue=420, employees=7, insured=7,
        founded=2014, rd=0, export=0, quals=[], notes=""),
    "青岛顺和汽车销售服务有限公司": dict(
        industry="批发零售", size="small", enrolled=True, revenue=14600, employees=45, insured=45,
        founded=2016, rd=0, export=0, quals=["above_scale"], notes="新能源车销量增长，配套建设充电桩8个。"),
    "青岛金鼎财税服务有限公司": dict(
        industry="商务服务", size="micro", enrolled=False, revenue=150, employees=12, insured=12,
        founded=2018, rd=0, export=0, quals=[], notes=""),
    "青岛盛世保安服务有限公司": dict(
        industry="商务服务", size="small", enrolled=False, revenue=880, employees=160, insured=150,
        founded=2013, rd=0, export=0, quals=[], notes="接近规上服务业门槛（1000万元），列入培育库。"),
    "青岛喜乐多烘焙食品有限公司": dict(
        industry="食品制造", size="small", enrolled=True, revenue=2600, employees=96, insured=90,
        founded=2011, rd=0, export=0, quals=["above_scale"], notes=""),
    "青岛鑫泰汽车配件有限公司": dict(
        industry="汽车零部件", size="small", enrolled=True, revenue=6700, employees=150, insured=150, founded=2012,
        rd=260, export=3500, quals=["foreign_trade", "above_scale", "high_tech"], notes="出口额已核实。"),
    "青岛美诺五金工具有限公司": dict(
        industry="金属制品", size="small", enrolled=True, revenue=5600, employees=120, insured=116, founded=2009,
        rd=150, export=4800, quals=["foreign_trade", "above_scale"], notes="外贸摸排：出口额已核实。"),
    "青岛博远机械设备有限公司": dict(
        industry="机械制造", size="small", enrolled=False, revenue=2650, employees=68, insured=60, founded=2018,
        rd=110, export=0, quals=["tech_sme"],
        notes="2026年1-10月营收已超2000万元，符合规上工业入库条件，企业同意12月申报纳统。"),
    "青岛云织纺织科技有限公司": dict(
        industry="纺织服装", size="small", enrolled=True, revenue=5800, employees=88, insured=88, founded=2015,
        rd=460, export=1200, quals=["high_tech", "specialised", "tech_sme", "above_scale", "foreign_trade"],
        notes="研发抗菌、凉感功能面料，2026年开始对日出口。"),
    "青岛康博医用敷料有限公司": dict(
        industry="医用纺织品", size="small", enrolled=True, revenue=4800, employees=110, insured=106, founded=2013,
        rd=230, export=2600, quals=["high_tech", "foreign_trade", "above_scale"], notes=""),
}

# Firms of the ledger that do not recruit at the demo fairs.
OTHER_FIRMS = [
    dict(name="青岛安澜针织服饰进出口有限公司", community="即发阳光城社区", contact="白经理",
         industry="批发零售", size="small", enrolled=True, revenue=9800, employees=26, insured=26, founded=2010,
         rd=0, export=9400, quals=["foreign_trade", "above_scale"],
         notes="外贸摸排：2026年1-10月出口额较上年增长12%，主要出口日本针织服装。"),
    dict(name="青岛艾尚服饰配件有限公司", community="小李村", contact="毛经理",
         industry="服装辅料", size="small", enrolled=False, revenue=1600, employees=58, insured=50, founded=2014,
         rd=0, export=1350, quals=["foreign_trade"], notes="外贸摸排：出口额已核实，主要出口韩国。"),
    dict(name="青岛恒锐精密部件有限公司", community="黄家埠", contact="常经理",
         industry="汽车零部件", size="small", enrolled=False, revenue=3100, employees=UNKNOWN, insured=UNKNOWN,
         founded=2020, rd=UNKNOWN, export=0, quals=[],
         notes="营收达限，待补充从业人员和社保数据后申报纳统。"),
    dict(name="青岛润泽服装有限公司", community="黄家埠", contact="乐经理",
         industry="纺织服装", size="small", enrolled=False, revenue=2240, employees=135, insured=102, founded=2016,
         rd=0, export=800, quals=[], notes="营收刚过2000万元，已上门讲解纳统政策。"),
    dict(name="即墨区鑫诚服装辅料经营部", community="小李村", contact="于先生", kind="individual",
         industry="批发零售", size="small", enrolled=False, revenue=2300, employees=8, insured=5, founded=2017,
         rd=0, export=0, quals=[], notes="大个体，年销售额超2000万元，已达限上批发业标准，动员纳统中。"),
    dict(name="青岛睿达智能科技有限公司", community="山东华府社区", contact="傅经理",
         industry="软件信息", size="micro", enrolled=False, revenue=380, employees=18, insured=18, founded=2022,
         rd=95, export=0, quals=["tech_sme"], notes="为服装企业开发生产管理软件。"),
    dict(name="青岛明润食品有限公司", community="龙湾", contact="皮经理",
         industry="食品制造", size="small", enrolled=True, revenue=4200, employees=130, insured=118, founded=2008,
         rd=0, export=1900, quals=["foreign_trade", "above_scale"], notes="速冻面点出口日本，出口额已核实。"),
    dict(name="即墨区郭庄丰源农机专业合作社", community="郭庄社区", contact="卞先生", kind="cooperative",
         industry="农业", size="micro", enrolled=False, revenue=210, employees=9, insured=UNKNOWN, founded=2014,
         rd=0, export=0, quals=[], notes="参与郭庄社区高标准农田项目机械作业。"),
    dict(name="青岛汇通建筑安装工程有限公司", community="东流峰", contact="齐经理",
         industry="建筑业", size="small", enrolled=True, revenue=8700, employees=150, insured=140, founded=2006,
         rd=0, export=0, quals=["above_scale"], notes="承建部分老旧小区改造工程。"),
    dict(name="青岛通济商贸有限公司", community="即发阳光城社区", contact="康经理",
         industry="批发零售", size="small", enrolled=False, revenue=UNKNOWN, band="from2000_to10000", employees=15,
         insured=15, founded=2019, rd=0, export=UNKNOWN, quals=[],
         notes="企业自报营收在2000万–1亿元之间，具体数据待核实，可能达限上标准。"),
    dict(name="青岛信达包装制品有限公司", community="下泊", contact="伍经理",
         industry="包装材料", size="small", enrolled=True, revenue=3900, employees=74, insured=70, founded=2010,
         rd=0, export=0, quals=["above_scale"], notes=""),
    dict(name="青岛海韵家居用品有限公司", community="龙湾", contact="余经理",
         industry="海绵制品", size="small", enrolled=False, revenue=1850, employees=64, insured=52, founded=2016,
         rd=0, export=1720, quals=["foreign_trade"], notes="海绵靠垫、宠物垫出口美国，关注出口信用保险支持。"),
    dict(name="青岛北辰新能源科技有限公司", community="即发阳光城社区", contact="元经理",
         industry="新能源", size="small", enrolled=False, revenue=1200, employees=34, insured=34, founded=2021,
         rd=180, export=0, quals=["tech_sme"], notes="参与辖区电动汽车充电桩布局建设。"),
    dict(name="即墨区晨阳服装加工厂", community="庄头", contact="孟女士", kind="individual",
         industry="纺织服装", size="micro", enrolled=False, revenue=320, employees=22, insured=UNKNOWN, founded=2015,
         rd=0, export=0, quals=[], notes="为周边服装企业做外发缝制加工。"),
    dict(name="即墨区福顺布行", community="小李村", contact="平先生", kind="individual",
         industry="批发零售", size="micro", enrolled=False, revenue=260, employees=4, insured=2, founded=2012,
         rd=0, export=0, quals=[], notes=""),
]

BANDS = [
    ("below500", 0, 500),
    ("from500_to2000", 500, 2000),
    ("from2000_to10000", 2000, 10000),
    ("from10000_to40000", 10000, 40000),
    ("above40000", 40000, float("inf")),
]


def band_of(revenue: float) -> str:
    for name, lo, hi in BANDS:
        if lo <= revenue < hi:
            return name
    raise ValueError(revenue)


def _record(name: str, community: str, contact: str, phone: str, d: dict) -> dict:
    revenue = d["revenue"]
    band = band_of(revenue) if revenue is not None else d.get("band")
    if d["employees"] is not None and d["insured"] is not None:
        assert d["insured"] <= d["employees"], name
    return {
        "id": record_id("enterprise", name),
        "name": name,
        "credit_code": credit_code(name, d.get("kind", "company"), d["founded"]),
        "industry": d["industry"],
        "community": community,
        "size": d["size"],
        "enrolled": d["enrolled"],
        "revenue_band": band,
        "annual_revenue": float(revenue) if revenue is not None else None,
        "employees": d["employees"],
        "insured_headcount": d["insured"],
        "founded_year": d["founded"],
        "rd_spend": float(d["rd"]) if d["rd"] is not None else None,
        "export_volume": float(d["export"]) if d["export"] is not None else None,
        "qualifications": d["quals"],
        "contact_name": contact,
        "contact_phone": phone,
        "notes": d["notes"],
        "sample": True,
    }


def enterprise_records() -> list[dict]:
    out = []
    assert set(EMPLOYER_LEDGER) == {e.name for e in EMPLOYERS}, "every employer needs a ledger entry"
    for e in EMPLOYERS:
        out.append(_record(e.name, e.village, e.contact, e.phone, EMPLOYER_LEDGER[e.name]))
    for d in OTHER_FIRMS:
        phone = landline(d["name"]) if d["size"] in ("medium", "large") or len(d["name"]) % 3 == 0 else mobile(d["name"])
        out.append(_record(d["name"], d["community"], d["contact"], phone, d))
    return out
