"""Large synthetic knowledge bases for benchmarks and load tests, deterministic for a given seed.

The articles read like Hangzhou service guides (subjects, actions, materials, places, hours, online
channels) so that character and pinyin statistics resemble a real base; they are not real advice.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from seatclient.knowledge.model import Article, ArticleKind, ArticleStatus, Topic


@dataclass(frozen=True)
class _Theme:
    topic_class: str
    topic_item: str
    organisations: tuple[str, ...]
    subjects: tuple[str, ...]
    actions: tuple[str, ...]
    materials: tuple[str, ...]


_THEMES: tuple[_Theme, ...] = (
    _Theme(
        "城乡建设",
        "住房保障与房地产",
        ("杭州住房公积金管理中心",),
        ("住房公积金", "公积金贷款", "公积金账户"),
        ("提取", "转移", "缴存", "基数调整", "贷款申请", "异地转入"),
        ("身份证", "购房合同", "不动产权证书", "银行卡"),
    ),
    _Theme(
        "劳动和社会保障",
        "城镇职工社会保险",
        ("杭州市人力资源和社会保障局", "杭州市社会保险管理服务中心"),
        ("社会保险", "养老保险", "失业保险", "工伤保险"),
        ("参保登记", "转移接续", "缴费查询", "待遇申领", "停保"),
        ("身份证", "社会保障卡", "劳动合同", "离职证明"),
    ),
    _Theme(
        "劳动和社会保障",
        "医疗和生育保险",
        ("杭州市医疗保障局",),
        ("医疗保险", "生育津贴", "医保账户", "异地就医"),
        ("备案", "报销", "参保", "家庭共济", "查询"),
        ("医保电子凭证", "身份证", "出院小结", "发票"),
    ),
    _Theme(
        "政法",
        "户籍证件",
        ("杭州市公安局",),
        ("居民身份证", "户口迁移", "居住证", "新生儿落户"),
        ("首次申领", "换领", "补领", "迁入", "签注"),
        ("户口簿", "出生医学证明", "照片回执", "结婚证"),
    ),
    _Theme(
        "政法",
        "移民和出入境管理",
        ("杭州市公安局出入境管理局",),
        ("普通护照", "港澳通行证", "台湾通行证", "外国人签证"),
        ("申请", "换发", "补发", "签注", "延期"),
        ("身份证", "户口簿", "数码照片回执", "在职证明"),
    ),
    _Theme(
        "政法",
        "交通管理",
        ("杭州市公安局交通警察支队",),
        ("机动车驾驶证", "机动车号牌", "交通违法", "电动自行车"),
        ("换证", "补证", "处理", "上牌", "年检"),
        ("身份证", "驾驶证", "行驶证", "体检证明"),
    ),
    _Theme(
        "交通运输",
        "客货运输",
        ("杭州市交通运输局", "杭州市地铁集团有限责任公司"),
        ("公交", "地铁", "长途客运", "定制公交"),
        ("线路查询", "乘车优惠", "失物招领", "票务退款", "运营时间"),
        ("交通卡", "身份证", "乘车码"),
    ),
    _Theme(
        "交通运输",
        "出租车管理",
        ("杭州市交通运输局",),
        ("出租车", "网约车", "巡游车"),
        ("投诉", "失物寻找", "计价", "资格证"),
        ("发票", "行程单", "身份证"),
    ),
    _Theme(
        "教育",
        "考试招生",
        ("杭州市教育局",),
        ("义务教育招生", "中考", "幼儿园入园", "随迁子女入学"),
        ("报名", "材料审核", "录取查询", "积分申请"),
        ("户口簿", "房产证明", "居住证", "出生证明"),
    ),
    _Theme(
        "市场监管",
        "市场主体登记注册",
        ("杭州市市场监督管理局",),
        ("个体工商户", "有限责任公司", "营业执照"),
        ("设立登记", "变更登记", "注销", "年报"),
        ("身份证", "经营场所证明", "公司章程"),
    ),
    _Theme(
        "市场监管",
        "市场秩序",
        ("杭州市市场监督管理局", "杭州市消费者权益保护委员会"),
        ("消费维权", "预付卡", "网购纠纷", "价格欺诈"),
        ("投诉", "举报", "退款", "调解"),
        ("购物凭证", "聊天记录", "付款记录"),
    ),
    _Theme(
        "市场监管",
        "食品药品",
        ("杭州市市场监督管理局",),
        ("食品安全", "食品经营许可", "药品零售"),
        ("举报", "许可申请", "抽检查询"),
        ("营业执照", "健康证明", "平面图"),
    ),
    _Theme(
        "自然资源",
        "不动产登记",
        ("杭州市规划和自然资源局", "杭州市不动产登记服务中心"),
        ("不动产登记", "房产证", "抵押登记"),
        ("首次登记", "转移登记", "查询", "更正"),
        ("不动产权证书", "身份证", "买卖合同", "完税凭证"),
    ),
    _Theme(
        "组织人事",
        "人力资源",
        ("杭州市人力资源和社会保障局",),
        ("人才落户", "高层次人才", "人才补贴", "职称评审"),
        ("申请", "认定", "发放查询", "材料清单"),
        ("学历证书", "劳动合同", "社保缴纳证明"),
    ),
    _Theme(
        "城乡建设",
        "城市建设和管理",
        ("杭州市城市管理局",),
        ("垃圾分类", "大件垃圾", "装修垃圾", "厨余垃圾"),
        ("投放", "预约清运", "收费", "督导"),
        ("预约单", "小区名称"),
    ),
    _Theme(
        "劳动和社会保障",
        "劳动关系",
        ("杭州市劳动人事争议仲裁院", "杭州市人力资源和社会保障局"),
        ("劳动仲裁", "欠薪", "劳动合同", "经济补偿"),
        ("申请", "立案", "调解", "维权"),
        ("仲裁申请书", "劳动合同", "工资流水", "身份证"),
    ),
)

_PLACES = (
    "杭州市",
    "上城区",
    "拱墅区",
    "西湖区",
    "滨江区",
    "萧山区",
    "余杭区",
    "临平区",
    "钱塘区",
    "富阳区",
    "临安区",
    "桐庐县",
    "淳安县",
    "建德市",
)
_TAILS = ("办理指南", "常见问题", "政策解读", "办事流程", "温馨提示", "问答", "服务须知", "业务口径")
_KINDS = (
    ArticleKind.GUIDE,
    ArticleKind.QA,
    ArticleKind.POLICY,
    ArticleKind.NOTICE,
    ArticleKind.OFFICIAL_ANSWER,
)
_HOURS = (
    "工作日上午9:00-12:00、下午13:30-17:00",
    "周一至周五8:30-17:00，周六上午9:00-12:00",
    "工作日9:00-17:00（法定节假日除外）",
)
_FEES = ("不收费", "免费办理", "工本费按省定标准收取", "收费标准以窗口公示为准")
_ELIGIBLE = (
    "本市户籍居民",
    "在杭参保职工",
    "持有浙江省居住证的人员",
    "在本市登记注册的经营主体",
    "本人或委托代理人",
)
_EPOCH = datetime(2023, 1, 1, tzinfo=UTC)


def _body(rng: random.Random, theme: _Theme, place: str, subject: str, action: str) -> str:
    materials = "、".join(rng.sample(theme.materials, k=min(len(theme.materials), rng.randint(2, 3))))
    parts = [
        f"<p><b>适用对象：</b>{rng.choice(_ELIGIBLE)}办理{subject}{action}业务。</p>",
        f"<p><b>所需材料：</b>{materials}（原件）。</p>",
        f"<p><b>办理地点：</b>{place}民生服务中心{rng.randint(1, 40)}号窗口，{rng.choice(_HOURS)}。</p>",
    ]
    if rng.random() < 0.7:
        parts.append(f"<p><b>收费标准：</b>{rng.choice(_FEES)}。</p>")
    if rng.random() < 0.8:
        parts.append(
            f"<p><b>线上渠道：</b>可通过“浙里办”APP搜索“{subject}{action}”在线申请，"
            f"{rng.randint(1, 20)}个工作日内办结。</p>"
        )
    if rng.random() < 0.5:
        parts.append("<p>如有疑问可拨打12345政务服务便民热线咨询。</p>")
    return "".join(parts)


def iter_synthetic_articles(count: int, seed: int = 12345) -> Iterator[Article]:
    """Yield ``count`` synthetic articles; the same ``count`` and ``seed`` always give the same ones.

    About 2 % are withdrawn and 3 % expired by 2025, like a real base that has aged a little.
    """
    rng = random.Random(seed)
    for number in range(count):
        theme = _THEMES[rng.randrange(len(_THEMES))]
        place = rng.choice(_PLACES)
        subject = rng.choice(theme.subjects)
        action = rng.choice(theme.actions)
        effective = date(2022, 1, 1) + timedelta(days=rng.randrange(1200))
        roll = rng.random()
        expires = effective + timedelta(days=rng.randrange(30, 300)) if roll < 0.03 else None
        status = ArticleStatus.WITHDRAWN if 0.03 <= roll < 0.05 else ArticleStatus.PUBLISHED
        # Built without re-validation: the generator only makes valid values, and a 100,000-article
        # base would otherwise spend most of its time in pydantic.
        yield Article.model_construct(
            id=f"SYN-{seed}-{number:07d}",
            title=f"{place}{subject}{action}{rng.choice(_TAILS)}",
            body=_body(rng, theme, place, subject, action),
            organisation=rng.choice(theme.organisations),
            topic=Topic.model_construct(class_=theme.topic_class, item=theme.topic_item),
            keywords=(subject, action, place),
            kind=rng.choice(_KINDS),
            effective_from=effective,
            expires_on=expires,
            status=status,
            updated_at=_EPOCH + timedelta(minutes=number * 7 + rng.randrange(7)),
            version=rng.randint(1, 5),
        )


def synthetic_articles(count: int, seed: int = 12345) -> list[Article]:
    """Return ``count`` synthetic articles as a list (see ``iter_synthetic_articles``)."""
    return list(iter_synthetic_articles(count, seed))
