"""Key projects (重点项目) and the other works the article names.

As of TODAY (2026-11-26) the milestones are deliberately varied: some done on
time, some done late, some due within the next 30 days and a few slipping
(planned date passed, no actual date).
"""

from __future__ import annotations

from common import day, record_id

ZHUANBAN = "通济街道项目服务专班"
ZHUJIAN = "即墨区住房和城乡建设局"
ZIRAN = "青岛市自然资源和规划局即墨分局"
GONGDIAN = "国网青岛市即墨区供电公司"
SHENGTAI = "青岛市生态环境局即墨分局"
JIAOJING = "青岛市公安局即墨分局交通警察大队"
ZHENGQIAN = "通济街道征收安置办公室"


def m(name, planned, actual=None):
    return (name, day(planned), day(actual) if actual else None)


def b(description, department, raised, resolved=False):
    return (description, department, day(raised), resolved)


def u(date, text, author=ZHUANBAN):
    return (day(date), text, author)


PROJECTS = [
    # --- the 9 key projects (names invented where the article gives only the type) --------
    dict(
        name="德瑞汽车零部件智能制造项目", level="city_key", status="building",
        owner="青岛德瑞汽车零部件有限公司", location="通济街道黄家埠工业园北侧", investment=65000,
        description="2026年市重点产业项目。新建智能冲压焊接车间和精密机加工车间约4.2万平方米，"
                    "引进机器人焊接线6条，达产后年产底盘结构件300万件。",
        milestones=[m("土地手续", "2026-03-31", "2026-03-25"), m("开工", "2026-05-15", "2026-05-20"),
                    m("主体完工", "2026-12-05"), m("设备安装调试", "2027-03-31"), m("竣工投产", "2027-06-30")],
        blockers=[b("厂区北侧10千伏架空线路需迁改入地，影响2号车间钢结构吊装。", GONGDIAN, "2026-08-12")],
        updates=[u("2026-09-18", "1号车间钢结构封顶，2号车间基础施工完成。"),
                 u("2026-11-20", "1号车间屋面、墙面板安装完成，2号车间待线路迁改后吊装。")],
    ),
    dict(
        name="即墨服装智能制造产业园项目", level="district_key", status="building",
        owner="青岛墨织产业园开发有限公司", location="通济街道西流峰村北", investment=42000,
        description="2026年区重点产业项目。规划建设标准厂房及研发设计中心约8.6万平方米，"
                    "一期建设智能吊挂缝制车间和共享打版中心，引导小李村周边服装加工户入园。",
        milestones=[m("土地手续", "2026-02-28", "2026-04-10"), m("开工", "2026-05-30", "2026-06-18"),
                    m("一期厂房主体完工", "2026-10-31"), m("一期竣工投用", "2027-08-31")],
        blockers=[b("园区东侧燃气、给水管线需迁改，迁改方案未确定。", ZHUJIAN, "2026-07-05"),
                  b("汛期连续降雨导致基坑积水，土方外运受阻。", ZHUANBAN, "2026-07-28", True)],
        updates=[u("2026-08-30", "1号、2号厂房基础完成，3号厂房受管线影响暂缓。"),
                 u("2026-11-12", "一期主体完成约七成，未能按10月底节点完工，专班协调住建局加快管线迁改方案审查。")],
    ),
    dict(
        name="通济智慧物流分拨中心项目", level="district_key", status="building",
        owner="青岛捷运供应链管理有限公司", location="通济街道黄家埠", investment=28000,
        description="2026年区重点产业项目。建设自动化分拣中心和仓储用房约3.5万平方米，"
                    "配置交叉带分拣线2条，日处理快件能力60万件，新增就业岗位约300个。",
        milestones=[m("土地手续", "2026-01-20", "2026-01-15"), m("开工", "2026-03-20", "2026-03-18"),
                    m("主体完工", "2026-09-30", "2026-09-28"), m("分拣设备安装", "2026-12-15"),
                    m("竣工投用", "2027-01-31")],
        blockers=[],
        updates=[u("2026-09-28", "主体结构完工，提前两天完成节点目标。"),
                 u("2026-11-16", "交叉带分拣线进场安装，计划12月中旬调试。")],
    ),
    dict(
        name="新能源汽车精密零部件项目", level="preparatory", status="preparing",
        owner="青岛通达精密机械有限公司", location="通济街道下泊工业区", investment=18000,
        description="2026年市重点准备产业项目。拟新建电机壳体、电控壳体精密加工车间1.8万平方米，"
                    "购置五轴加工中心40台。",
        milestones=[m("项目备案", "2026-06-30", "2026-06-28"), m("土地手续", "2026-10-31"),
                    m("施工许可", "2027-02-28"), m("开工", "2027-04-30")],
        blockers=[b("新增建设用地指标尚未落实，需列入区年度供地计划。", ZIRAN, "2026-09-15")],
        updates=[u("2026-07-10", "完成项目备案，开展用地预审和规划条件申请。"),
                 u("2026-11-05", "用地指标待区里统筹，土地手续节点已逾期，专班已上报区重点项目推进会。")],
    ),
    dict(
        name="功能性聚氨酯新材料项目", level="preparatory", status="preparing",
        owner="青岛墨城新材料科技有限公司", location="通济街道西流峰工业园", investment=12000,
        description="2026年区重点准备产业项目。建设环保型慢回弹、高回弹聚氨酯材料生产线2条，"
                    "年产功能性海绵材料1.2万吨。",
        milestones=[m("项目备案", "2026-05-31", "2026-05-20"), m("环评批复", "2026-10-31", "2026-11-24"),
                    m("能评审查", "2026-12-20"), m("开工", "2027-03-31")],
        blockers=[b("环评需补充VOCs治理方案论证。", SHENGTAI, "2026-09-22", True)],
        updates=[u("2026-09-22", "环评报告技术审查提出补充VOCs治理方案。"),
                 u("2026-11-24", "取得环评批复，较计划晚约三周，能评资料已提交。")],
    ),
    dict(
        name="电子信息产业孵化基地项目", level="preparatory", status="preparing",
        owner="青岛通济城市发展有限公司", location="通济街道庄头工业园", investment=9500,
        description="2026年区重点准备项目。利用闲置厂房改造孵化空间约2万平方米，"
                    "面向智能控制、汽车电子初创企业提供研发和中试场地。",
        milestones=[m("方案设计", "2026-08-31", "2026-09-12"), m("土地手续", "2026-12-10"),
                    m("开工", "2027-05-31")],
        blockers=[],
        updates=[u("2026-09-12", "改造方案通过专家评审。"),
                 u("2026-11-18", "办理存量厂房用途变更手续，预计12月上旬完成。")],
    ),
    dict(
        name="通济街道社区养老服务综合体", level="public_welfare", status="building",
        owner="通济街道办事处", location="通济街道郭庄社区", investment=3800,
        description="2026年区公益性项目。建设养老床位120张、日间照料中心和社区助餐点，"
                    "建筑面积约6800平方米。",
        milestones=[m("立项", "2026-03-31", "2026-03-30"), m("开工", "2026-06-30", "2026-07-06"),
                    m("主体完工", "2026-11-15"), m("装修完工", "2027-02-28"), m("投入运营", "2027-05-31")],
        blockers=[b("消防设计审查意见需整改，疏散楼梯调整影响主体施工。", ZHUJIAN, "2026-09-03")],
        updates=[u("2026-08-20", "基础施工完成。"),
                 u("2026-11-19", "主体四层结构施工中，受消防设计调整影响，主体完工节点逾期。")],
    ),
    dict(
        name="通济街道新社会治理中心", level="public_welfare", status="building",
        owner="通济街道办事处", location="通济街道即发阳光城社区", investment=1600,
        description="2026年区公益性项目。改造建设社会治理中心约3200平方米，"
                    "集“红邻里·有事您说话”议事、矛盾调解、网格指挥和“五社联动”服务于一体。",
        milestones=[m("设计", "2026-04-30", "2026-04-28"), m("开工", "2026-06-15", "2026-06-15"),
                    m("装修完工", "2026-12-20"), m("投入使用", "2027-01-15")],
        blockers=[],
        updates=[u("2026-10-30", "室内隔墙、水电改造完成。"),
                 u("2026-11-21", "精装修进行中，网格指挥大屏设备已招标。")],
    ),
    dict(
        name="通济街道城区雨污分流及排水管网改造工程", level="national_bond", status="building",
        owner="即墨区水务局", location="通济街道城区（小李村、下泊、庄头片区）", investment=9600,
        description="2026年国债项目。新建、改造雨污水管网约28公里，实施雨污分流，"
                    "解决片区道路积水和污水溢流问题。",
        milestones=[m("国债资金下达", "2026-02-28", "2026-03-10"), m("开工", "2026-04-15", "2026-04-20"),
                    m("主管网铺设完成", "2026-10-31", "2026-10-29"), m("路面恢复", "2026-12-25"),
                    m("竣工验收", "2027-03-31")],
        blockers=[b("施工占路需交通导改方案审批。", JIAOJING, "2026-04-08", True)],
        updates=[u("2026-06-30", "完成管网铺设约9公里。"),
                 u("2026-10-29", "主管网铺设全部完成，转入支管接驳和路面恢复。")],
    ),
    # --- the other works named in the article -------------------------------------------
    dict(
        name="下泊安置区片区改造", level="other", status="building",
        owner="通济街道办事处", location="通济街道下泊片区", investment=185000,
        description="拆除房屋约11.8万平方米，配套幼儿园、学校地上物清表工作基本完成，后续建设回迁安置楼。",
        milestones=[m("房屋拆除（约11.8万平方米）", "2026-06-30", "2026-07-28"),
                    m("配套幼儿园、学校地上物清表", "2026-10-31"), m("安置楼开工", "2027-03-31"),
                    m("安置楼主体封顶", "2027-12-31")],
        blockers=[b("个别户地上附着物补偿未达成一致，影响学校地块清表收尾。", ZHENGQIAN, "2026-09-20")],
        updates=[u("2026-07-28", "完成房屋拆除约11.8万平方米。"),
                 u("2026-11-10", "配套幼儿园、学校地上物清表基本完成，剩余2户正在协商。")],
    ),
    dict(
        name="老旧小区改造（12个小区）", level="other", status="building",
        owner=ZHUJIAN, location="通济街道城区12个老旧小区", investment=11500,
        description="12个老旧小区改造项目全面推进，惠及4281户居民；改造内容包括地下管网、绿化调整、路面铺设等，"
                    "12月底按时完工。",
        milestones=[m("开工", "2026-04-10", "2026-04-08"), m("地下管网改造完成", "2026-09-30", "2026-10-22"),
                    m("绿化调整、路面铺设", "2026-12-15"), m("竣工验收", "2026-12-31")],
        blockers=[b("部分小区燃气立管改造需居民入户配合，进度偏慢。", ZHUJIAN, "2026-08-15", True)],
        updates=[u("2026-10-22", "12个小区地下管网改造全部完成。"),
                 u("2026-11-24", "进入绿化调整和路面铺设阶段，已完成8个小区，12月底将按时完工。")],
    ),
    dict(
        name="黄家埠南美丽乡村示范村", level="other", status="building",
        owner="即墨区农业农村局", location="通济街道黄家埠村南", investment=1200,
        description="建设美丽乡村示范村：道路硬化、雨污管网、村庄绿化和公共活动空间提升。",
        milestones=[m("规划设计", "2026-04-30", "2026-05-08"), m("道路硬化及管网", "2026-09-30", "2026-09-26"),
                    m("绿化及景观节点完工", "2026-12-20"), m("验收", "2027-01-31")],
        blockers=[],
        updates=[u("2026-09-26", "主干道路硬化和雨污管网完成。"),
                 u("2026-11-15", "村口游园和文化墙施工中。")],
    ),
    dict(
        name="郭庄社区2600亩高标准农田建设", level="other", status="preparing",
        owner="即墨区农业农村局", location="通济街道郭庄社区", investment=780,
        description="规划建设高标准农田2600亩，实施土地平整、灌排设施、田间道路和农田防护工程。",
        milestones=[m("规划设计批复", "2026-06-30", "2026-06-20"), m("施工招标", "2026-08-31", "2026-09-15"),
                    m("开工", "2026-12-01"), m("竣工验收", "2027-05-31")],
        blockers=[],
        updates=[u("2026-09-15", "完成施工招标。"),
                 u("2026-11-22", "施工单位进场踏勘，秋收后开工。")],
    ),
    dict(
        name="蓝谷至机场快速路（通济段）", level="other", status="building",
        owner="青岛市交通运输局", location="通济街道境内沿线", investment=None,
        description="市级重点交通工程。街道负责沿线征迁交地和施工协调，通济段桥梁桩基已施工。",
        milestones=[m("通济段征迁交地", "2026-05-31", "2026-06-25"), m("桥梁桩基施工", "2026-10-31", "2026-10-30"),
                    m("主线高架贯通", "2027-06-30")],
        blockers=[b("沿线通信、燃气管线迁改未完成，影响部分墩柱施工。", ZHUJIAN, "2026-10-08")],
        updates=[u("2026-06-25", "完成通济段征迁交地。"),
                 u("2026-10-30", "通济段桥梁桩基施工完成。")],
    ),
    dict(
        name="地铁7号线（通济段）", level="other", status="building",
        owner="青岛地铁集团有限公司", location="通济街道境内沿线", investment=None,
        description="市级轨道交通工程。街道配合车站围挡、管线迁改和交通导改，通济段建设取得新进展。",
        milestones=[m("车站围挡及管线迁改", "2026-04-30", "2026-05-18"), m("车站主体结构施工", "2026-12-31"),
                    m("区间盾构始发", "2027-03-31")],
        blockers=[b("车站施工需交通导改，临时便道审批。", JIAOJING, "2026-04-12", True),
                  b("车站范围雨水管线迁改。", ZHUJIAN, "2026-04-20", True)],
        updates=[u("2026-05-18", "完成车站围挡和管线迁改。"),
                 u("2026-11-08", "车站主体结构底板浇筑完成。")],
    ),
    dict(
        name="墨水河流域及其支流防洪减灾治理工程", level="other", status="building",
        owner="即墨区水务局", location="西流峰河、小李村河、龙湾河", investment=12000,
        description="即墨区和通济街道重点工程。西流峰河、小李村河、龙湾河同步开展河道疏浚、岸坡整理、挡土墙砌筑，"
                    "提升防洪排涝能力，兼顾水源涵养、水质净化和生态景观。",
        milestones=[m("河道疏浚", "2026-05-31", "2026-05-30"), m("岸坡整理", "2026-10-31", "2026-11-10"),
                    m("挡土墙砌筑", "2026-12-20"), m("生态景观及竣工验收", "2027-04-30")],
        blockers=[b("小李村河段沿岸临时占地需村居协调。", ZHUANBAN, "2026-08-05", True)],
        updates=[u("2026-05-30", "汛期前完成三条河道疏浚。"),
                 u("2026-11-10", "岸坡整理完成，挡土墙砌筑同步推进。")],
    ),
    dict(
        name="电动汽车充电桩建设", level="other", status="preparing",
        owner="通济街道办事处", location="通济街道各社区", investment=2250,
        description="完成约1500把充电桩选点，后续压茬推进开工安装并投入使用，对辖区新能源充电桩统一布局、集中管理。",
        milestones=[m("选点（约1500把）", "2026-09-30", "2026-09-25"), m("电力接入方案批复", "2026-11-20"),
                    m("首批500把安装", "2026-12-31"), m("全部投入使用", "2027-06-30")],
        blockers=[b("部分小区变压器容量不足，需电力增容。", GONGDIAN, "2026-10-15"),
                  b("个别小区业委会对车位改造有异议。", "通济街道社区治理办公室", "2026-10-20")],
        updates=[u("2026-09-25", "完成约1500把充电桩选点。"),
                 u("2026-11-23", "电力接入方案待供电公司批复，节点已逾期。")],
    ),
    dict(
        name="下泊小学改扩建工程", level="other", status="building",
        owner="即墨区教育和体育局", location="通济街道下泊社区", investment=8600,
        description="新建教学楼和风雨操场，增加学位约540个。",
        milestones=[m("开工", "2026-03-15", "2026-03-20"), m("教学楼主体封顶", "2026-10-15", "2026-10-12"),
                    m("室内外装修", "2026-12-20"), m("竣工交付", "2027-07-31")],
        blockers=[],
        updates=[u("2026-10-12", "教学楼主体封顶。"),
                 u("2026-11-20", "室内装修和外墙保温施工中。")],
    ),
    dict(
        name="通济中心小学厕所改造", level="other", status="completed",
        owner="即墨区教育和体育局", location="通济街道通济中心小学", investment=180,
        description="改造教学楼和操场厕所，增设无障碍卫生间和洗手设施，已完工。",
        milestones=[m("开工", "2026-07-10", "2026-07-10"), m("完工", "2026-08-25", "2026-08-22"),
                    m("验收交付", "2026-08-31", "2026-08-30")],
        blockers=[],
        updates=[u("2026-08-30", "通过验收，秋季开学前投入使用。")],
    ),
    dict(
        name="庄头小学装修工程", level="other", status="completed",
        owner="即墨区教育和体育局", location="通济街道庄头社区", investment=420,
        description="教学楼内外装修、教室照明改造和功能室提升，已完工。",
        milestones=[m("开工", "2026-07-05", "2026-07-08"), m("完工", "2026-08-28", "2026-08-29"),
                    m("验收交付", "2026-08-31", "2026-08-31")],
        blockers=[],
        updates=[u("2026-08-31", "装修工程验收交付。")],
    ),
]


def project_records() -> list[dict]:
    out = []
    for p in PROJECTS:
        key = p["name"]
        out.append({
            "id": record_id("project", key),
            "name": p["name"],
            "level": p["level"],
            "owner_unit": p["owner"],
            "location": p["location"],
            "investment": float(p["investment"]) if p["investment"] is not None else None,
            "description": p["description"],
            "status": p["status"],
            "milestones": [
                {"id": record_id("milestone", f"{key}#{i}"), "name": n, "planned": pl, "actual": ac}
                for i, (n, pl, ac) in enumerate(p["milestones"])
            ],
            "blockers": [
                {"id": record_id("blocker", f"{key}#{i}"), "description": d, "department": dep,
                 "raised_on": r, "resolved": res}
                for i, (d, dep, r, res) in enumerate(p["blockers"])
            ],
            "updates": [
                {"id": record_id("update", f"{key}#{i}"), "date": d, "text": t, "author": a, "photos": []}
                for i, (d, t, a) in enumerate(p["updates"])
            ],
            "sample": True,
        })
    return out
