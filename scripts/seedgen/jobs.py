"""Fairs, employers and positions of the demo content."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from common import TODAY, day, landline, mobile, record_id, rng
from roles import ROLES

# --- fairs ---------------------------------------------------------------------

FAIRS = [
    {
        "key": "spring",
        "name": "2026年通济街道春风送岗招聘会",
        "kind": "spring",
        "date": day("2026-03-06"),
        "start_time": "09:00",
        "end_time": "12:00",
        "venue": "通济街道便民服务中心广场",
        "online_url": "",
        "organiser": "即墨区人力资源和社会保障局、通济街道办事处",
        "sectors": ["纺织服装", "先进制造", "海绵制品", "物流仓储", "服务业"],
        "description": "春节后返岗高峰，组织辖区纺织服装、先进制造、海绵制品、物流和服务业企业集中招聘，"
                       "现场设政策咨询台、求职登记台和职业技能培训报名点。",
    },
    {
        "key": "manufacturing",
        "name": "先进制造业专场招聘会",
        "kind": "manufacturing",
        "date": day("2026-10-16"),
        "start_time": "09:00",
        "end_time": "11:30",
        "venue": "即墨区人力资源市场（通济街道）一楼招聘大厅",
        "online_url": "",
        "organiser": "通济街道办事处",
        "sectors": ["先进制造", "海绵制品"],
        "description": "面向汽车零部件、机械装备、电子信息、新材料和海绵制品企业，招聘技术工人、工程技术人员和普工，"
                       "现场可咨询技能人才补贴、以工代训等政策。",
    },
    {
        "key": "textile",
        "name": "纺织服装业专场招聘会",
        "kind": "textile",
        "date": day("2026-11-06"),
        "start_time": "09:00",
        "end_time": "11:30",
        "venue": "通济街道便民服务中心二楼多功能厅",
        "online_url": "",
        "organiser": "通济街道办事处、通济商会",
        "sectors": ["纺织服装", "电子商务"],
        "description": "针织、童装、面料与服装辅料企业专场，缝纫、套口、整烫、打版、跟单、外贸和服装电商岗位集中发布，"
                       "熟练工现场面试，新手可报名免费缝纫技能培训。",
    },
    {
        "key": "service",
        "name": "服务业专场招聘会（线上）",
        "kind": "service",
        "date": day("2026-12-10"),
        "start_time": "09:00",
        "end_time": "17:00",
        "venue": "",
        "online_url": "https://live.example.com/tongji/fuwuye-2026",
        "organiser": "通济街道办事处",
        "sectors": ["服务业", "物流仓储", "电子商务"],
        "description": "线上直播带岗加网络投递简历，覆盖商超零售、餐饮、养老托育、物业家政和物流快递岗位；"
                       "岗位在线投递至12月16日，不方便上网的居民可到所在社区党群服务中心协助报名。",
    },
    {
        "key": "graduate",
        "name": "2027届高校毕业生就业双选会",
        "kind": "graduate",
        "date": day("2027-03-13"),
        "start_time": "09:00",
        "end_time": "12:00",
        "venue": "青岛市即墨区第一职业中等专业学校体育馆",
        "online_url": "",
        "organiser": "即墨区人力资源和社会保障局、通济街道办事处",
        "sectors": ["先进制造", "纺织服装", "电子商务", "服务业"],
        "description": "面向2027届高校及职业院校毕业生，提供技术研发、外贸、电商运营、管理培训生等岗位，"
                       "现场解读青岛市、即墨区高校毕业生就业见习和人才补贴政策。",
    },
]

FAIR_IDS = {f["key"]: record_id("fair", f["key"]) for f in FAIRS}
# The fair each sector's specialised event is, for positions not at the spring fair.
SECTOR_FAIR = {
    "纺织服装": "textile",
    "先进制造": "manufacturing",
    "海绵制品": "manufacturing",
    "物流仓储": "service",
    "服务业": "service",
    "电子商务": "textile",
}


def fair_records() -> list[dict]:
    out = []
    for f in FAIRS:
        rec = {"id": FAIR_IDS[f["key"]]}
        rec.update({k: v for k, v in f.items() if k != "key"})
        rec["sample"] = True
        out.append(rec)
    return out


# --- employers -----------------------------------------------------------------


@dataclass
class Emp:
    name: str
    sector: str
    village: str
    address: str
    description: str
    contact: str
    landline: bool
    benefits: list[str]
    roles: list[str]
    fairs: list[str]
    ledger: dict = field(default_factory=dict)

    @property
    def phone(self) -> str:
        return landline(self.name) if self.landline else mobile(self.name)


T, M, F, L, S, E = "纺织服装", "先进制造", "海绵制品", "物流仓储", "服务业", "电子商务"

EMPLOYERS: list[Emp] = [
    # --- 纺织服装 ------------------------------------------------------------------
    Emp("即发集团有限公司", T, "即发阳光城社区", "即墨区通济街道即发工业园",
        "以针织服装和功能性面料为主的大型纺织服装企业，产品主要出口日本、欧美，设有研发中心和多个生产基地。",
        "孙经理", True, ["五险一金", "班车", "员工宿舍", "带薪年假", "节日福利"],
        ["平缝机工", "平缝机工", "套口工", "电脑横机挡车工", "整烫工", "裁剪工", "成衣质检员", "包装工", "打版师",
         "服装设计师", "跟单员", "外贸业务员（日语）", "外贸业务员（日语）", "外贸业务员（英语）", "技术研发工程师",
         "缝纫设备维修工", "管理培训生", "会计", "平缝机工", "成衣质检员", "电商运营", "人事专员"],
        ["spring", "textile", "graduate"]),
    Emp("即墨区瑞祥昌隆服装辅料店", T, "小李村", "即墨区通济街道小李村服装辅料市场",
        "经营拉链、纽扣、织带、花边等服装辅料批发，服务周边数百家服装加工厂，2026年上半年新纳统大个体。",
        "高女士", False, ["五险", "包午餐", "节日福利"],
        ["门店店员", "送货司机", "理单员"],
        ["textile"]),
    Emp("即墨区新林辉布业店", T, "小李村", "即墨区通济街道小李村布料市场",
        "经营针织面料、棉布和里布批发零售，常备现货数百种，2026年上半年新纳统大个体。",
        "林先生", False, ["五险", "包午餐", "提成"],
        ["布料销售", "仓库搬运工", "理单员"],
        ["textile"]),
    Emp("青岛锦程针织服饰有限公司", T, "郭庄社区", "即墨区通济街道郭庄社区工业路",
        "专业生产针织内衣、家居服，对日出口为主，拥有缝制生产线十余条。",
        "王经理", True, ["五险", "计件工资", "包食宿", "全勤奖", "节日福利"],
        ["平缝机工", "平缝机工", "整烫工", "成衣质检员", "包装工", "跟单员", "外贸业务员（日语）", "车间班组长", "裁剪工", "缝纫设备维修工"],
        ["spring", "textile"]),
    Emp("青岛童悦儿童服饰有限公司", T, "黄家埠", "即墨区通济街道黄家埠村南",
        "集设计、生产、电商销售于一体的童装企业，自有品牌在天猫、抖音销售。",
        "赵女士", False, ["五险", "计件工资", "包午餐", "带薪年假", "生日福利"],
        ["平缝机工", "平缝机工", "手缝工", "样衣工", "服装设计师", "打版师", "成衣质检员", "电商运营"],
        ["spring", "textile", "graduate"]),
    Emp("青岛墨河纺织有限公司", T, "西流峰", "即墨区通济街道西流峰村北",
        "从事针织面料织造与后整理，主要为即墨本地服装企业供应坯布和成品面料。",
        "李经理", True, ["五险", "包食宿", "夜班补贴", "节日福利"],
        ["电脑横机挡车工", "验布工", "验布工", "缝纫设备维修工", "仓库搬运工", "面辅料采购员"],
        ["spring", "textile"]),
    Emp("青岛宏绣针织品有限公司", T, "庄头", "即墨区通济街道庄头村",
        "毛衫及针织配饰生产企业，产品有羊毛衫、围巾、帽子，外销韩国、日本。",
        "刘经理", False, ["五险", "计件工资", "包午餐", "全勤奖"],
        ["套口工", "套口工", "电脑横机挡车工", "手缝工", "整烫工", "成衣质检员", "外贸业务员（英语）"],
        ["spring", "textile"]),
    Emp("青岛恒祥服装辅料有限公司", T, "小李村", "即墨区通济街道小李村工业园",
        "生产织带、商标、吊牌等服装辅料，配套即墨及周边服装出口企业。",
        "陈经理", True, ["五险", "包午餐", "节日福利"],
        ["数码印花操作工", "包装工", "理单员", "跟单员", "绣花机操作工"],
        ["textile"]),
    Emp("青岛凯诺制衣有限公司", T, "下泊", "即墨区通济街道下泊工业区",
        "梭织外套、衬衫加工企业，承接国内品牌和外贸订单。",
        "周经理", False, ["五险", "计件工资", "包食宿", "班车"],
        ["平缝机工", "平缝机工", "裁剪工", "整烫工", "包装工", "车间班组长", "跟单员", "外贸业务员（英语）"],
        ["spring", "textile"]),
    Emp("青岛彩韵数码印花有限公司", T, "龙湾", "即墨区通济街道龙湾村东",
        "为服装和家纺企业提供数码印花、热转印加工，设备自动化程度高。",
        "吴经理", False, ["五险", "包午餐", "夜班补贴", "带薪年假"],
        ["数码印花操作工", "数码印花操作工", "成衣质检员", "打包发货员", "美工设计"],
        ["textile"]),
    Emp("青岛丽尔家纺有限公司", T, "郭庄社区", "即墨区通济街道郭庄社区南",
        "生产床品四件套、毛巾浴巾等家纺产品，出口欧美并为国内商超供货。",
        "马女士", True, ["五险", "计件工资", "包午餐", "节日福利", "全勤奖"],
        ["平缝机工", "裁剪工", "包装工", "成衣质检员", "外贸业务员（英语）", "绣花机操作工", "平缝机工"],
        ["spring", "textile"]),
    Emp("青岛福美袜业有限公司", T, "东流峰", "即墨区通济街道东流峰村",
        "袜子及针织小件生产企业，拥有电脑袜机两百余台。",
        "杨经理", False, ["五险", "包食宿", "计件工资"],
        ["电脑横机挡车工", "手缝工", "包装工", "缝纫设备维修工"],
        ["textile"]),
    Emp("青岛云织纺织科技有限公司", T, "西流峰", "即墨区通济街道西流峰工业园",
        "研发生产抗菌、凉感等功能性针织面料，高新技术企业、专精特新中小企业。",
        "时经理", True, ["五险一金", "免费工作餐", "年终奖", "带薪年假"],
        ["电脑横机挡车工", "验布工", "技术研发工程师", "工艺工程师", "跟单员", "外贸业务员（日语）"],
        ["textile", "graduate"]),
    Emp("青岛康博医用敷料有限公司", T, "郭庄社区", "即墨区通济街道郭庄社区工业路",
        "生产医用纱布、无纺布敷料和防护用品，产品出口欧盟，高新技术企业。",
        "黄经理", True, ["五险一金", "免费工作餐", "班车"],
        ["包装工", "包装工", "平缝机工", "品质检验员", "质量工程师", "外贸业务员（英语）"],
        ["spring", "textile"]),
    Emp("青岛优衫服饰电子商务有限公司", E, "即发阳光城社区", "即墨区通济街道即发阳光城商业街",
        "依托即墨服装产业带开展女装、童装直播电商，自建直播间十余个。",
        "郑女士", False, ["五险", "双休", "提成", "节日福利"],
        ["服装直播主播", "服装直播主播", "直播场控", "电商运营", "电商客服", "短视频剪辑", "美工设计"],
        ["textile", "service", "graduate"]),
    Emp("青岛海纳跨境电子商务有限公司", E, "山东华府社区", "即墨区通济街道山东华府商务楼",
        "经营服装、家居用品跨境电商，店铺覆盖北美、日本市场。",
        "韩经理", False, ["五险一金", "双休", "带薪年假", "年终奖"],
        ["跨境电商运营（英语）", "跨境电商运营（英语）", "外贸业务员（日语）", "美工设计", "电商客服"],
        ["service", "graduate"]),
    # --- 先进制造 ------------------------------------------------------------------
    Emp("青岛德瑞汽车零部件有限公司", M, "黄家埠", "即墨区通济街道黄家埠工业园",
        "为整车厂配套生产底盘冲压焊接件和精密机加工件，通过IATF 16949认证，新厂区在建。",
        "冯经理", True, ["五险一金", "班车", "免费工作餐", "年终奖", "带薪年假"],
        ["CNC操作工", "CNC操作工", "焊工", "冲压工", "装配工", "品质检验员", "质量工程师", "工艺工程师",
         "模具钳工", "设备维修工", "管理培训生", "三坐标测量员", "焊工", "电工", "叉车司机"],
        ["spring", "manufacturing", "graduate"]),
    Emp("青岛通达精密机械有限公司", M, "下泊", "即墨区通济街道下泊工业区",
        "生产液压阀体、工程机械精密零件，拥有五轴加工中心和恒温检测室。",
        "褚经理", True, ["五险一金", "免费工作餐", "节日福利", "带薪年假"],
        ["数控车床工", "CNC操作工", "加工中心编程员", "三坐标测量员", "装配钳工", "机械设计工程师"],
        ["spring", "manufacturing", "graduate"]),
    Emp("青岛海诺电子科技有限公司", M, "庄头", "即墨区通济街道庄头工业园",
        "从事智能家电控制板、汽车电子线束的研发和生产，科技型中小企业。",
        "卫女士", True, ["五险一金", "包食宿", "夜班补贴", "带薪年假"],
        ["SMT操作员", "SMT操作员", "电子装配工", "电子装配工", "品质检验员", "电气工程师", "技术研发工程师", "仓管员", "生产计划员"],
        ["spring", "manufacturing", "graduate"]),
    Emp("青岛墨城新材料科技有限公司", M, "西流峰", "即墨区通济街道西流峰工业园",
        "研发生产功能性聚氨酯材料和高分子改性材料，高新技术企业。",
        "蒋经理", True, ["五险一金", "免费工作餐", "年终奖", "带薪培训"],
        ["化工技术员", "技术研发工程师", "配料员", "品质检验员", "安全员", "叉车司机"],
        ["manufacturing", "graduate"]),
    Emp("青岛汇丰模具有限公司", M, "龙湾", "即墨区通济街道龙湾工业区",
        "专业设计制造汽车和家电注塑模具，配套青岛本地家电企业。",
        "沈经理", False, ["五险", "包午餐", "技能补贴"],
        ["模具钳工", "模具钳工", "CNC操作工", "注塑工", "机械设计工程师"],
        ["manufacturing"]),
    Emp("青岛鼎力液压机械有限公司", M, "郭庄社区", "即墨区通济街道郭庄工业路",
        "生产液压油缸和小型工程机械液压系统，产品销往全国并出口东南亚。",
        "韦经理", True, ["五险一金", "包食宿", "节日福利"],
        ["焊工", "焊工", "装配钳工", "喷涂工", "数控车床工", "电工", "叉车司机"],
        ["spring", "manufacturing"]),
    Emp("青岛铭途智能装备有限公司", M, "小李村", "即墨区通济街道小李村工业园",
        "为服装、家纺企业研发自动化缝制设备和智能吊挂系统，专精特新中小企业。",
        "朱经理", True, ["五险一金", "双休", "年终奖", "带薪年假"],
        ["机械设计工程师", "电气工程师", "装配钳工", "电工", "技术研发工程师", "生产计划员"],
        ["manufacturing", "graduate"]),
    Emp("青岛瑞诚汽车内饰件有限公司", M, "黄家埠", "即墨区通济街道黄家埠村东",
        "生产汽车座椅面套、头枕和门板内饰件，配套多家整车和座椅厂。",
        "秦女士", False, ["五险", "计件工资", "班车", "免费工作餐"],
        ["平缝机工", "装配工", "装配工", "注塑工", "品质检验员", "工艺工程师"],
        ["spring", "manufacturing"]),
    Emp("青岛中泰电气设备有限公司", M, "下泊", "即墨区通济街道下泊村北",
        "生产高低压开关柜、箱式变电站和充电桩配电设备。",
        "许经理", True, ["五险一金", "免费工作餐", "节日福利"],
        ["电工", "电工", "装配钳工", "电气工程师", "品质检验员", "安全员"],
        ["manufacturing"]),
    Emp("青岛永固五金制品有限公司", M, "庄头", "即墨区通济街道庄头村北",
        "生产家具五金、紧固件和钣金冲压件，部分产品出口。",
        "何经理", False, ["五险", "包食宿", "全勤奖"],
        ["冲压工", "冲压工", "喷涂工", "打包发货员", "模具钳工"],
        ["spring", "manufacturing"]),
    Emp("青岛鑫泰汽车配件有限公司", M, "黄家埠", "即墨区通济街道黄家埠工业园南区",
        "生产汽车制动盘、轮毂轴承单元等底盘配件，产品出口中东、东南亚，高新技术企业。",
        "顾经理", True, ["五险一金", "免费工作餐", "班车", "节日福利"],
        ["CNC操作工", "CNC操作工", "数控车床工", "品质检验员", "装配工", "外贸业务员（英语）", "质量工程师"],
        ["spring", "manufacturing"]),
    Emp("青岛美诺五金工具有限公司", M, "庄头", "即墨区通济街道庄头村南",
        "生产扳手、钳子等手动五金工具，主要出口欧美市场。",
        "邬经理", True, ["五险", "包食宿", "全勤奖"],
        ["冲压工", "喷涂工", "装配工", "品质检验员", "外贸业务员（英语）", "模具钳工"],
        ["manufacturing"]),
    Emp("青岛博远机械设备有限公司", M, "下泊", "即墨区通济街道下泊工业区",
        "研发制造服装自动裁床、铺布机等纺织服装专用设备，科技型中小企业。",
        "安经理", False, ["五险", "包午餐", "节日福利"],
        ["装配钳工", "电工", "焊工", "机械设计工程师", "电气工程师", "销售代表"],
        ["manufacturing", "graduate"]),
    # --- 海绵制品 ------------------------------------------------------------------
    Emp("青岛仁成海绵制品有限公司", F, "小李村", "即墨区通济街道小李村工业园",
        "生产家具海绵、床垫海绵和汽车座椅海绵，拥有连续发泡线和异形切割设备，常年招工。",
        "刘经理", False, ["五险", "包食宿", "计件工资", "节日福利"],
        ["海绵切割工", "海绵切割工", "发泡工", "复合贴合工", "配料员", "叉车司机", "品质检验员", "化工技术员",
         "销售代表", "打包发货员", "海绵切割工", "电工"],
        ["spring", "manufacturing"]),
    Emp("青岛舒眠海绵床垫有限公司", F, "龙湾", "即墨区通济街道龙湾村",
        "生产海绵床垫、乳胶床垫和沙发坐垫，为酒店和家具商场供货。",
        "吕经理", False, ["五险", "计件工资", "包午餐"],
        ["床垫围边工", "床垫围边工", "海绵切割工", "平缝机工", "打包发货员", "销售代表"],
        ["spring", "manufacturing"]),
    Emp("青岛益华包装材料有限公司", F, "西流峰", "即墨区通济街道西流峰村",
        "生产EPE珍珠棉、EVA内衬等缓冲包装材料，配套家电和电子企业。",
        "施经理", True, ["五险", "包午餐", "全勤奖"],
        ["海绵切割工", "复合贴合工", "打包发货员", "叉车司机"],
        ["manufacturing"]),
    Emp("青岛柔力聚氨酯制品有限公司", F, "郭庄社区", "即墨区通济街道郭庄社区北",
        "生产聚氨酯慢回弹枕芯、坐垫和医疗体位垫，部分产品出口日本。",
        "张经理", False, ["五险", "包食宿", "计件工资"],
        ["发泡工", "海绵切割工", "平缝机工", "品质检验员", "外贸业务员（日语）"],
        ["spring", "manufacturing"]),
    # --- 物流仓储 ------------------------------------------------------------------
    Emp("青岛畅通达物流有限公司", L, "下泊", "即墨区通济街道下泊物流园",
        "从事即墨至全国的零担和整车运输，服务周边服装、机械企业。",
        "孔经理", True, ["五险", "包食宿", "节日福利"],
        ["货车司机", "货车司机", "叉车司机", "装卸工", "调度员", "仓管员", "货车司机"],
        ["spring", "service"]),
    Emp("青岛捷运供应链管理有限公司", L, "黄家埠", "即墨区通济街道黄家埠分拨中心",
        "快递快运区域分拨中心，日均处理快件数十万件，新建智慧物流分拨中心在建。",
        "曹经理", True, ["五险", "包食宿", "夜班补贴", "班车"],
        ["快递分拣员", "快递分拣员", "快递分拣员", "快递派件员", "叉车司机", "调度员", "客服专员", "仓管员", "快递派件员", "装卸工"],
        ["spring", "service"]),
    Emp("青岛墨港国际货运代理有限公司", L, "即发阳光城社区", "即墨区通济街道即发阳光城商务中心",
        "为即墨纺织服装和机械出口企业提供订舱、报关、拖车一站式服务。",
        "严女士", True, ["五险一金", "双休", "带薪年假"],
        ["报关单证员", "货代操作员", "货代操作员", "客服专员"],
        ["service", "graduate"]),
    Emp("青岛鲜达冷链物流有限公司", L, "龙湾", "即墨区通济街道龙湾冷链园",
        "经营冷库仓储和冷链配送，服务城区商超和餐饮门店。",
        "华经理", False, ["五险", "包食宿", "防寒补贴"],
        ["冷库理货员", "冷库理货员", "货车司机", "叉车司机", "仓管员"],
        ["service"]),
    # --- 服务业 --------------------------------------------------------------------
    Emp("青岛佳惠万家超市有限公司通济店", S, "即发阳光城社区", "即墨区通济街道即发阳光城社区商业街",
        "社区生鲜超市，营业面积约三千平方米。",
        "金店长", False, ["五险", "包午餐", "节日福利"],
        ["收银员", "收银员", "理货员", "生鲜加工员", "导购", "保安员", "理货员"],
        ["spring", "service"]),
    Emp("青岛福寿康养老服务有限公司", S, "郭庄社区", "即墨区通济街道郭庄社区颐养中心",
        "运营社区嵌入式养老机构和日间照料中心，提供助餐、助浴和康复服务。",
        "魏院长", True, ["五险", "包食宿", "带薪培训", "节日福利"],
        ["养老护理员", "养老护理员", "养老护理员", "康复理疗师", "厨师", "保洁员", "行政文员"],
        ["spring", "service"]),
    Emp("青岛老街坊餐饮管理有限公司", S, "小李村", "即墨区通济街道小李村商业街",
        "经营鲁菜餐厅和员工食堂承包，为辖区多家工厂供应团餐。",
        "陶经理", False, ["包食宿", "节日福利", "全勤奖"],
        ["厨师", "厨师", "面点师", "餐厅服务员", "餐厅服务员"],
        ["service"]),
    Emp("青岛安居物业服务有限公司", S, "即发阳光城社区", "即墨区通济街道即发阳光城社区物业中心",
        "为辖区住宅小区和老旧小区改造项目提供物业服务，参与“红色物业”建设。",
        "姜经理", True, ["五险", "包午餐", "节日福利"],
        ["物业管家", "物业维修工", "保安员", "保安员", "保洁员", "保洁员"],
        ["spring", "service"]),
    Emp("青岛童心托育服务有限公司", S, "下泊", "即墨区通济街道下泊社区",
        "普惠托育机构，招收1-3岁婴幼儿，提供全日托和半日托服务。",
        "戚园长", False, ["五险", "双休", "带薪年假", "带薪培训"],
        ["育婴员", "保育员", "保育员", "厨师"],
        ["service", "graduate"]),
    Emp("青岛华府家政服务有限公司", S, "山东华府社区", "即墨区通济街道山东华府社区",
        "提供家政保洁、居家养老和月嫂育婴服务，与多个社区合作开展上门服务。",
        "谢女士", False, ["带薪培训", "节日福利", "提成"],
        ["家政服务员", "家政服务员", "育婴员", "养老护理员"],
        ["spring", "service"]),
    Emp("青岛悦途酒店管理有限公司即墨通济店", S, "即发阳光城社区", "即墨区通济街道即发阳光城商业街",
        "商务连锁酒店，客房一百二十间，配套会议室和早餐厅。",
        "邹经理", True, ["五险", "包食宿", "节日福利"],
        ["前台接待", "客房服务员", "客房服务员", "面点师", "保安员"],
        ["service"]),
    Emp("青岛康和大药房连锁有限公司通济店", S, "庄头", "即墨区通济街道庄头社区",
        "社区连锁药店，提供药品零售、慢病管理和医保刷卡服务。",
        "喻店长", False, ["五险", "节日福利", "提成"],
        ["执业药师", "药店营业员", "药店营业员"],
        ["service"]),
    Emp("青岛顺和汽车销售服务有限公司", S, "龙湾", "即墨区通济街道龙湾路",
        "新能源汽车销售及售后服务店，提供保养、维修和充电服务。",
        "柏经理", True, ["五险一金", "提成", "带薪年假"],
        ["汽车维修工", "汽车维修工", "导购", "前台接待"],
        ["spring", "service"]),
    Emp("青岛金鼎财税服务有限公司", S, "山东华府社区", "即墨区通济街道山东华府商务楼",
        "为辖区小微企业和个体工商户提供代理记账、税务申报和工商登记服务。",
        "水女士", False, ["五险", "双休", "带薪年假"],
        ["代账会计", "代账会计", "出纳", "行政文员"],
        ["service", "graduate"]),
    Emp("青岛盛世保安服务有限公司", S, "东流峰", "即墨区通济街道东流峰社区",
        "为工厂、学校、小区提供保安守护服务，持有保安服务许可证。",
        "窦队长", False, ["五险", "包食宿", "节日福利"],
        ["保安员", "保安员", "保安员", "保安队长"],
        ["service"]),
    Emp("青岛喜乐多烘焙食品有限公司", S, "西流峰", "即墨区通济街道西流峰村南",
        "生产面包、糕点并经营城区连锁烘焙门店八家。",
        "章经理", False, ["五险", "包午餐", "员工折扣"],
        ["面点师", "面点师", "导购", "打包发货员", "人事专员"],
        ["spring", "service"]),
]

assert len({e.name for e in EMPLOYERS}) == len(EMPLOYERS), "employer names must be unique"


def employer_id(e: Emp) -> str:
    return record_id("employer", e.name)


def employer_records() -> list[dict]:
    out = []
    for e in EMPLOYERS:
        out.append({
            "id": employer_id(e),
            "name": e.name,
            "sector": e.sector,
            "location": e.address,
            "description": e.description,
            "contact_name": e.contact,
            "contact_phone": e.phone,
            "fair_ids": [FAIR_IDS[k] for k in e.fairs],
            "sample": True,
        })
    return out


# --- positions -----------------------------------------------------------------

EDU_RANK = ["any", "junior_high", "high_school", "associate", "bachelor", "master"]
SHIFTS = ["长白班，月休四天", "两班倒，夜班另有补贴", "长白班，周日休息", "做六休一", "八小时工作制，双休"]
# Positions are published within the two months before today.
EARLIEST_POSTING = TODAY - dt.timedelta(days=60)


def _round_salary(value: float, r) -> int:
    step = 500 if r.random() < 0.6 else 100
    return int(round(value / step) * step)


def _salary(role, r) -> tuple[int, int]:
    lo, hi = role.salary
    smin = _round_salary(lo * r.uniform(0.94, 1.06), r)
    smax = _round_salary(hi * r.uniform(0.94, 1.06), r)
    if role.kind == "engineer":
        smax = min(smax, 15000)
    if smax < smin + 500:
        smax = smin + 500
    return smin, smax


def _benefits(e: Emp, role, r) -> list[str]:
    out = list(e.benefits)
    extra = []
    if role.kind == "operative":
        if e.sector in (T, F) and "计件工资" not in out:
            extra.append("计件工资")
        extra += ["全勤奖", "工龄工资"]
    elif role.kind == "skilled":
        extra += ["技能补贴", "全勤奖"]
    elif role.kind == "engineer":
        extra += ["年终奖", "带薪培训", "人才公寓申请"]
    elif role.kind == "sales":
        if "提成" not in out:
            extra.append("提成")
    elif role.kind == "office":
        extra += ["带薪年假", "年终奖"]
    for b in extra:
        if b not in out and r.random() < 0.7:
            out.append(b)
    return out[:6]


def _fair_for(e: Emp, role, r) -> str | None:
    graduate_role = EDU_RANK.index(role.education) >= EDU_RANK.index("bachelor") or role.title == "管理培训生"
    if graduate_role and "graduate" in e.fairs and r.random() < 0.8:
        return "graduate"
    if r.random() < 0.05:
        return None  # 日常招聘, not tied to a fair
    non_grad = [k for k in e.fairs if k != "graduate"]
    if not non_grad:
        return "graduate"
    special = [k for k in non_grad if k != "spring"]
    if "spring" in non_grad and (not special or r.random() < 0.15):
        return "spring"
    return r.choice(special)


def _posted_on(fair: str | None, r) -> str:
    start = EARLIEST_POSTING
    if fair in ("service", "graduate"):
        start = TODAY - dt.timedelta(days=35)
    span = (TODAY - start).days
    return (start + dt.timedelta(days=r.randrange(span))).isoformat()


def _description(role, fair: str | None, r) -> str:
    text = role.duties
    if role.kind in ("operative", "skilled") and r.random() < 0.6:
        text += "工作时间：" + r.choice(SHIFTS) + "。"
    if fair == "spring":
        # The spring fair was in March; its positions are still open.
        text += "春风送岗招聘会发布，常年招聘，近期重新发布。"
    return text


def position_records() -> list[dict]:
    out = []
    for e in EMPLOYERS:
        seen: dict[str, int] = {}
        for title in e.roles:
            role = ROLES[title]
            n = seen.get(title, 0)
            seen[title] = n + 1
            key = f"{e.name}#{title}#{n}"
            r = rng("position:" + key)
            smin, smax = _salary(role, r)
            fair = _fair_for(e, role, r)
            exp_lo, exp_hi = role.experience
            head_lo, head_hi = role.headcount
            contact = e.contact if r.random() < 0.75 else e.contact[0] + ("女士" if r.random() < 0.5 else "先生")
            phone = e.phone if contact == e.contact else mobile(key)
            out.append({
                "id": record_id("position", key),
                "employer_id": employer_id(e),
                "fair_id": FAIR_IDS[fair] if fair else None,
                "title": title,
                "sector": e.sector,
                "headcount": r.randint(head_lo, head_hi),
                "salary_min": smin,
                "salary_max": smax,
                "education": role.education,
                "experience_years": r.randint(exp_lo, exp_hi),
                "location": e.village,
                "benefits": _benefits(e, role, r),
                "description": _description(role, fair, r),
                "contact_name": contact,
                "contact_phone": phone,
                "posted_on": _posted_on(fair, r),
                "sample": True,
            })
    return out
