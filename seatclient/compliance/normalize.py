"""Text normalisation for phrase matching: width, case, traditional characters, look-alikes, separators.

Call-takers' text reaches the checker typed in either input mode (full-width or half-width), pasted from
traditional-character sources, with pinyin-input homophones (不知到), look-alike glyphs (自已) and, now and
then, spaces or punctuation inside a phrase (不 知 道, 不，知，道). Everything is folded to one canonical
character per original character, so a hit found in the normalised text maps straight back to the
original span the UI underlines. Separators are removed from the text the matcher scans but remembered
with their class, because a phrase split by a full stop is usually two sentences, not one phrase.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from seatclient.i18n import tr
from seatclient.rules import RuleBook, RuleError, RuleFile

LOOKALIKES_RULE_NAME = "lookalikes"

#: Traditional -> simplified, for the characters hotline talk uses (every pair shares a reading; a unit
#: test checks that with pypinyin). Each token is "<traditional><simplified>".
_TRADITIONAL_TO_SIMPLIFIED = """
萬万 與与 醜丑 專专 業业 叢丛 東东 絲丝 兩两 嚴严 喪丧 個个 豐丰 臨临 為为 爲为 麗丽 舉举 麼么 義义 烏乌 樂乐 喬乔 習习
鄉乡 書书 買买 亂乱 爭争 於于 虧亏 雲云 亞亚 產产 畝亩 親亲 億亿 僅仅 從从 侖仑 倉仓 儀仪 們们 價价 眾众 衆众 優优 夥伙
會会 傘伞 偉伟 傳传 傷伤 倫伦 偽伪 僞伪 體体 餘余 傭佣 俠侠 侶侣 僥侥 偵侦 側侧 僑侨 儈侩 儂侬 儔俦 儼俨 倆俩 儷俪 儉俭
債债 傾倾 僂偻 償偿 儻傥 儐傧 儲储 兒儿 兌兑 黨党 蘭兰 關关 興兴 養养 獸兽 內内 岡冈 冊册 寫写 軍军 農农 馮冯 衝冲 決决
況况 凍冻 淨净 涼凉 減减 湊凑 凜凛 幾几 鳳凤 憑凭 凱凯 擊击 鑿凿 劃划 劉刘 則则 剛刚 創创 刪删 別别 劑剂 剮剐 劍剑 剝剥
劇剧 勸劝 辦办 務务 動动 勵励 勁劲 勞劳 勢势 勳勋 勝胜 區区 醫医 華华 協协 單单 賣卖 盧卢 滷卤 鹵卤 臥卧 衛卫 卻却 廠厂
廳厅 曆历 歷历 厲厉 壓压 厭厌 縣县 參参 雙双 發发 髮发 變变 敘叙 疊叠 葉叶 號号 嘆叹 嘰叽 籲吁 後后 嚇吓 呂吕 嗎吗 噸吨
聽听 啟启 吳吴 嘔呕 唄呗 員员 嗆呛 嗚呜 詠咏 嚨咙 響响 啞哑 噠哒 嘩哗 噥哝 喲哟 嘮唠 喚唤 嘖啧 嗇啬 嘯啸 噴喷 嘍喽 囁嗫
噯嗳 嚶嘤 囑嘱 嚕噜 囂嚣 囉啰 團团 糰团 園园 圍围 國国 圖图 圓圆 聖圣 場场 壞坏 塊块 堅坚 壇坛 罈坛 壩坝 墳坟 墜坠 壟垄
壘垒 墾垦 墊垫 塹堑 墮堕 牆墙 墻墙 壯壮 聲声 殼壳 壺壶 處处 備备 復复 複复 夠够 頭头 誇夸 夾夹 奪夺 奮奋 獎奖 奬奖 奧奥
妝妆 粧妆 婦妇 媽妈 嫗妪 婁娄 嬌娇 娛娱 嫻娴 嬰婴 嬸婶 嬤嬷 孫孙 學学 寧宁 寶宝 實实 寵宠 審审 憲宪 宮宫 寬宽 賓宾 寢寝
對对 尋寻 導导 壽寿 將将 爾尔 塵尘 堯尧 尷尴 屍尸 盡尽 儘尽 層层 屆届 屜屉 屬属 屢屡 嶼屿 歲岁 豈岂 崗岗 嵐岚 島岛 嶺岭
嶽岳 巒峦 巔巅 鞏巩 幣币 帥帅 師师 帳帐 簾帘 幟帜 帶带 幫帮 幹干 乾干 並并 併并 廣广 莊庄 慶庆 廬庐 庫库 應应 廟庙 龐庞
廢废 開开 異异 棄弃 張张 彌弥 彎弯 彈弹 強强 歸归 當当 噹当 錄录 彥彦 徹彻 徑径 憶忆 憂忧 懷怀 態态 慫怂 悵怅 愴怆 憐怜
總总 懟怼 戀恋 懇恳 惡恶 噁恶 懨恹 惻恻 惱恼 悅悦 懸悬 憫悯 驚惊 懼惧 慘惨 懲惩 憊惫 愜惬 慚惭 憚惮 慣惯 慍愠 憤愤 願愿
懾慑 懣懑 懶懒 戲戏 戰战 戶户 紮扎 紥扎 撲扑 託托 執执 擴扩 掃扫 揚扬 擾扰 撫抚 拋抛 摳抠 搶抢 護护 報报 擔担 擬拟 攏拢
揀拣 擁拥 攔拦 擰拧 撥拨 擇择 掛挂 摯挚 攣挛 撻挞 挾挟 撓挠 擋挡 掙挣 擠挤 揮挥 撈捞 損损 撿捡 換换 搗捣 擣捣 據据 擄掳
擲掷 撣掸 摻掺 攬揽 攙搀 擱搁 摟搂 攪搅 攜携 攝摄 擺摆 搖摇 擯摈 攤摊 撐撑 攆撵 擷撷 擼撸 攛撺 擻擞 攢攒 擡抬 捨舍 捲卷
揹背 敵敌 斂敛 數数 齋斋 鬥斗 斬斩 斷断 無无 舊旧 時时 曠旷 曇昙 晝昼 顯显 晉晋 曬晒 曉晓 曄晔 暈晕 暉晖 暫暂 曖暧 術术
朮术 樸朴 機机 殺杀 雜杂 權权 條条 來来 楊杨 傑杰 極极 構构 樞枢 棗枣 槍枪 楓枫 梟枭 櫃柜 檸柠 柵栅 標标 棧栈 棟栋 欄栏
樹树 棲栖 樣样 橋桥 樺桦 檜桧 槳桨 樁桩 夢梦 檢检 樓楼 欖榄 櫚榈 櫸榉 檻槛 檳槟 橫横 櫻樱 櫥橱 簷檐 槓杠 歡欢 歐欧 殲歼
殘残 殞殒 殮殓 殯殡 毆殴 毀毁 畢毕 斃毙 氈毡 氣气 氫氢 匯汇 彙汇 滙汇 漢汉 湯汤 溝沟 沒没 漚沤 瀝沥 淪沦 滄沧 滬沪 濘泞
淚泪 瀉泻 潑泼 澤泽 潔洁 灑洒 窪洼 淺浅 漿浆 澆浇 濁浊 測测 濟济 瀏浏 渾浑 滸浒 濃浓 濤涛 澇涝 渦涡 渙涣 滌涤 潤润 澗涧
漲涨 澀涩 淵渊 漬渍 瀆渎 漸渐 漁渔 瀋沈 滲渗 溫温 遊游 灣湾 濕湿 溼湿 潰溃 濺溅 滾滚 滯滞 滿满 濾滤 濫滥 濱滨 灘滩 瀟潇
濰潍 潛潜 瀾澜 瀨濑 滅灭 燈灯 靈灵 災灾 燦灿 爐炉 鑪炉 燉炖 點点 煉炼 鍊炼 熾炽 爍烁 爛烂 燭烛 煙烟 菸烟 煩烦 燒烧 燴烩
燙烫 燼烬 熱热 煥焕 燜焖 營营 爺爷 牘牍 牽牵 犧牺 犢犊 狀状 猶犹 狽狈 獰狞 獨独 狹狭 獅狮 獪狯 猙狰 獄狱 獵猎 獼猕 豬猪
貓猫 獻献 獺獭 瑪玛 環环 現现 璽玺 瓏珑 琺珐 璉琏 瑣琐 瓊琼 瑤瑶 甌瓯 甕瓮 電电 畫画 暢畅 疇畴 療疗 瘧疟 瘍疡 瘋疯 癰痈
痙痉 癢痒 癆痨 瘓痪 癇痫 瘺瘘 癟瘪 癱瘫 癮瘾 癩癞 癬癣 癲癫 癡痴 皚皑 皺皱 盜盗 盞盏 鹽盐 監监 盤盘 盪荡 蕩荡 睜睁 瞼睑
瞞瞒 矚瞩 矯矫 磯矶 礦矿 鑛矿 碼码 磚砖 硯砚 礪砺 礫砾 礎础 碩硕 確确 鹼碱 礙碍 禮礼 禍祸 禎祯 祿禄 禪禅 離离 禿秃 稈秆
種种 積积 稱称 穢秽 穩稳 穫获 獲获 窮穷 竊窃 竅窍 窯窑 窰窑 竄窜 窩窝 窺窥 竇窦 豎竖 競竞 筆笔 筍笋 箋笺 籠笼 箏筝 築筑
篩筛 簽签 簡简 籌筹 籃篮 簫箫 籬篱 籮箩 糧粮 糞粪 粵粤 緊紧 糾纠 紅红 纖纤 約约 級级 紀纪 緯纬 純纯 紗纱 綱纲 納纳 縱纵
綸纶 紛纷 紙纸 紋纹 紡纺 紐纽 線线 綫线 練练 組组 紳绅 細细 織织 終终 絆绊 紹绍 繹绎 經经 綁绑 絨绒 結结 繞绕 繪绘 給给
絢绚 絡络 絕绝 絞绞 統统 絹绢 綉绣 繡绣 綏绥 繼继 績绩 緒绪 綾绫 續续 綺绮 綽绰 繩绳 維维 綿绵 綬绶 繃绷 綢绸 綜综 綻绽
綠绿 綴缀 緘缄 緬缅 纜缆 緝缉 緞缎 締缔 緣缘 編编 緩缓 縛缚 縫缝 纏缠 縮缩 繆缪 纓缨 縷缕 繳缴 繚缭 繕缮 罌罂 網网 羅罗
罰罚 罷罢 羈羁 翹翘 聳耸 恥耻 聶聂 聾聋 職职 聯联 聵聩 聰聪 肅肃 腸肠 膚肤 腎肾 腫肿 脹胀 脅胁 膽胆 朧胧 脛胫 膠胶 脈脉
臍脐 腦脑 膿脓 腳脚 脫脱 臉脸 臘腊 醃腌 膩腻 騰腾 輿舆 艦舰 艙舱 艱艰 豔艳 藝艺 節节 蘆芦 蘇苏 甦苏 蘋苹 範范 莖茎 薦荐
莢荚 蕎荞 薈荟 薺荠 榮荣 葷荤 熒荧 蔭荫 藥药 葯药 萊莱 蓮莲 蒔莳 萵莴 瑩莹 鶯莺 蘿萝 螢萤 縈萦 蕭萧 薩萨 蔥葱 蔣蒋 藍蓝
薊蓟 驀蓦 薔蔷 藺蔺 藹蔼 蘊蕴 蘚藓 虜虏 慮虑 虛虚 蟲虫 雖虽 蝦虾 蝕蚀 蟻蚁 螞蚂 蠶蚕 蠔蚝 蠱蛊 蠣蛎 蠻蛮 蟄蛰 蛻蜕 蝸蜗
蠟蜡 蠅蝇 蟬蝉 蠍蝎 釁衅 銜衔 補补 襯衬 襖袄 襪袜 襲袭 裝装 褲裤 褸褛 襤褴 見见 觀观 規规 覓觅 視视 覽览 覺觉 覬觊 覲觐
覷觑 觸触 計计 訂订 訃讣 認认 譏讥 討讨 讓让 訕讪 訖讫 訓训 議议 訊讯 記记 講讲 諱讳 謳讴 訝讶 訥讷 許许 訛讹 論论 訟讼
諷讽 設设 訪访 訣诀 證证 評评 詛诅 識识 詐诈 訴诉 診诊 詆诋 詞词 詔诏 譯译 誆诓 試试 詩诗 詰诘 詼诙 誠诚 誅诛 話话 誕诞
詬诟 詮诠 詭诡 詢询 詣诣 諍诤 該该 詳详 詫诧 誡诫 誣诬 語语 誚诮 誤误 誥诰 誘诱 誨诲 誑诳 說说 誦诵 請请 諸诸 諾诺 讀读
誹诽 課课 諉诿 諛谀 誰谁 調调 諂谄 諒谅 諄谆 談谈 誼谊 謀谋 諜谍 謊谎 諫谏 諧谐 謁谒 謂谓 諭谕 讒谗 諮谘 諳谙 諺谚 諦谛
謎谜 謝谢 謠谣 謗谤 謙谦 謐谧 謹谨 謾谩 謫谪 謬谬 譚谭 譜谱 譴谴 貝贝 貞贞 負负 財财 貢贡 貧贫 貨货 販贩 貪贪 貫贯 責责
貯贮 貳贰 貴贵 貶贬 貸贷 費费 貼贴 貽贻 貿贸 賀贺 賂赂 賃赁 賄贿 資资 賈贾 賊贼 贓赃 賑赈 賒赊 賜赐 賞赏 賠赔 賢贤 賤贱
賦赋 質质 賬账 賭赌 賴赖 賺赚 購购 賽赛 贅赘 贈赠 贊赞 讚赞 贍赡 贏赢 贖赎 贛赣 趙赵 趕赶 趨趋 躍跃 蹌跄 跡迹 蹟迹 踐践
躊踌 蹤踪 躓踬 蹣蹒 躥蹿 躪躏 軀躯 車车 軋轧 軌轨 軒轩 轉转 輪轮 軟软 轟轰 軸轴 輕轻 載载 轎轿 較较 輔辅 輛辆 輩辈 輝辉
輟辍 輸输 轄辖 輾辗 輻辐 輯辑 轆辘 轍辙 辭辞 辯辩 辮辫 邊边 遼辽 達达 遷迁 過过 邁迈 運运 還还 這这 進进 遠远 違违 連连
遲迟 邇迩 適适 選选 遜逊 遞递 邏逻 遺遗 遙遥 鄧邓 郵邮 鄒邹 鄰邻 鬱郁 鄭郑 醞酝 醬酱 釀酿 釋释 裏里 裡里 鑒鉴 鑑鉴 針针
釘钉 釣钓 鈣钙 鈍钝 鈔钞 鐘钟 鍾钟 鈕钮 鋼钢 鑰钥 欽钦 鈞钧 錢钱 鉗钳 鉛铅 鈴铃 鐵铁 鑄铸 鋁铝 銅铜 銘铭 鋪铺 鏈链 鏟铲
銷销 鎖锁 鋤锄 鍋锅 銹锈 鏽锈 鋒锋 鋅锌 鋸锯 錫锡 錯错 錨锚 錦锦 鍵键 鍍镀 鏡镜 鐮镰 鑲镶 鎮镇 長长 門门 閃闪 閉闭 問问
闖闯 閑闲 閒闲 間间 悶闷 閘闸 鬧闹 閨闺 聞闻 閥阀 閣阁 閱阅 闊阔 闆板 闡阐 隊队 陽阳 陰阴 陣阵 階阶 際际 陸陆 陳陈 險险
隨随 隱隐 隸隶 難难 雛雏 雞鸡 霧雾 靂雳 靄霭 靜静 麵面 麪面 韆千 韋韦 韌韧 韓韩 韻韵 頁页 頂顶 頃顷 項项 順顺 須须 鬚须
頑顽 顧顾 頓顿 頒颁 頌颂 預预 顱颅 領领 頗颇 頰颊 頸颈 頻频 顆颗 題题 額额 顏颜 顛颠 類类 顫颤 顰颦 風风 颳刮 臺台 檯台
颱台 颯飒 飄飘 飛飞 飢饥 饑饥 飯饭 飲饮 飾饰 飽饱 飼饲 餌饵 饒饶 餃饺 餅饼 館馆 餓饿 餒馁 餡馅 饅馒 饋馈 饞馋 馬马 馭驭
馱驮 馴驯 馳驰 驅驱 驢驴 駁驳 駐驻 駝驼 駛驶 駕驾 駒驹 駭骇 駱骆 驗验 駿骏 騎骑 騙骗 騷骚 驟骤 驕骄 騾骡 驛驿 骯肮 髏髅
髒脏 鬆松 鬍胡 鬢鬓 魚鱼 魯鲁 鮮鲜 鯨鲸 鯉鲤 鯽鲫 鰻鳗 鱷鳄 鱗鳞 鳥鸟 鳴鸣 鴉鸦 鴨鸭 鴻鸿 鵝鹅 鵬鹏 鶴鹤 鷹鹰 鸚鹦 鹹咸
麥麦 黃黄 黴霉 齊齐 齒齿 齡龄 齣出 龍龙 龔龚 龜龟 隻只 衹只 祇只 妳你 纔才 佈布 佔占 倖幸 傢家 兇凶 喫吃 嚐尝 姦奸 峯峰
巖岩 弔吊 彫雕 徵征 恆恒 慾欲 汙污 洩泄 淒凄 燄焰 疎疏 皁皂 祕秘 稜棱 穀谷 竈灶 箇个 脣唇 蒐搜 衊蔑 讎仇 讐仇 賸剩 鉅巨
陞升 隄堤 餵喂 鱉鳖 麴曲 製制 準准 繫系 係系 誌志 瞭了 罵骂 獃呆 鍛锻 著着 嚮向 迴回 週周 牀床 癒愈 剋克 厠厕 蹧糟 躭耽
韮韭 鳩鸠
愛爱 癥症 嘗尝 廁厕 艷艳 盃杯 唸念
"""

# Sentinels the character table maps separators to; they never survive into the scanned text.
_SPACE_SENTINEL = "\x01"
_PUNCT_SENTINEL = "\x02"
_STOP_SENTINEL = "\x03"
_SENTINEL_RE = re.compile("[\x01\x02\x03]")
_DROP_SENTINELS = {1: None, 2: None, 3: None}

# Sentence terminators, after NFKC folding (so ！？；．｡ are covered by their ASCII/CJK forms).
_STOP_CHARACTERS = frozenset("。.!?;…⋯\n\r\u2028\u2029")

# Code point ranges whose characters may need folding; everything else is left as it is (CJK unified
# ideographs, which NFKC never changes, make up almost all hotline text).
_FOLD_RANGES = (
    (0x0000, 0x3400),  # Latin, Greek, Cyrillic, symbols, Kangxi radicals, CJK punctuation
    (0xA000, 0xAC00),  # Yi, Lisu, Vai, modifier letters and other small scripts' punctuation
    (0xD7B0, 0xD800),
    (0xF900, 0x10000),  # CJK compatibility ideographs, presentation forms, full-width forms
    (0x1D400, 0x1D800),  # mathematical alphanumerics (𝐬𝐛)
    (0x1F000, 0x1FB00),  # enclosed alphanumerics, emoji and pictographs
    (0x2F800, 0x2FA20),  # CJK compatibility ideographs supplement
)


class SeparatorKind(StrEnum):
    """How strongly a separator splits the text around it."""

    SPACE = "space"
    """Spaces and invisible formatting characters: never a phrase boundary."""
    PUNCTUATION = "punctuation"
    """Commas, quotes, brackets, symbols, emoji: end a clause, but are skipped inside a phrase."""
    STOP = "stop"
    """Sentence terminators: a phrase only spans them when every gap is one (不。知。道)."""


_SENTINEL_KIND = {
    _SPACE_SENTINEL: SeparatorKind.SPACE,
    _PUNCT_SENTINEL: SeparatorKind.PUNCTUATION,
    _STOP_SENTINEL: SeparatorKind.STOP,
}


def traditional_to_simplified() -> dict[str, str]:
    """Return the built-in traditional -> simplified character mapping."""
    return _traditional_pairs()


@functools.cache
def _traditional_pairs() -> dict[str, str]:
    return {token[0]: token[1] for token in _TRADITIONAL_TO_SIMPLIFIED.split()}


def _sentinel_for(category: str, folded: str) -> str | None:
    if folded in _STOP_CHARACTERS:
        return _STOP_SENTINEL
    if category[0] == "Z" or category in ("Cc", "Cf"):
        return _SPACE_SENTINEL
    if category[0] in "PS":
        return _PUNCT_SENTINEL
    return None


@functools.cache
def _base_table() -> dict[int, str]:
    """Width/compatibility folding, case folding and separator classes, independent of hall data."""
    table: dict[int, str] = {}
    for low, high in _FOLD_RANGES:
        for code in range(low, high):
            char = chr(code)
            category = unicodedata.category(char)
            if category in ("Cs", "Cn", "Co"):
                continue
            folded = unicodedata.normalize("NFKC", char).casefold()
            if len(folded) != 1:
                # Expansions (ﬁ, ㈱, ½) would break the one-to-one index map; keep the first letter of
                # a ligature, which is what a reader would match, and leave other expansions alone.
                folded = folded[0] if folded[:1].isalpha() and category[0] == "L" else char
            sentinel = _sentinel_for(unicodedata.category(folded), folded)
            if sentinel is not None:
                table[code] = sentinel
            elif folded != char:
                table[code] = folded
    return table


@dataclass(frozen=True)
class LookalikeGroup:
    """Characters the matcher treats as one.

    Attributes:
        canonical: the character every variant is replaced with.
        variants: the characters replaced.
        kind: ``homophone``, ``glyph`` or ``variant``, for the hall's information.
        note: why the group exists, in Chinese.
    """

    canonical: str
    variants: tuple[str, ...]
    kind: str
    note: str


LOOKALIKE_KINDS = ("homophone", "glyph", "variant")


def check_lookalikes(rule_file: RuleFile) -> list[RuleError]:
    """Validate a ``lookalikes`` rule file and return every problem found (empty when it is valid)."""
    return _parse_lookalikes(rule_file)[1]


def load_lookalikes(rule_file: RuleFile) -> tuple[LookalikeGroup, ...]:
    """Parse a ``lookalikes`` rule file.

    Raises:
        RuleError: the first problem, with its pointer and line.
    """
    groups, errors = _parse_lookalikes(rule_file)
    if errors:
        raise errors[0]
    return groups


def load_default_lookalikes(book: RuleBook | None = None) -> tuple[LookalikeGroup, ...]:
    """Load the look-alike groups in force from ``book`` (a fresh ``RuleBook`` when omitted)."""
    return load_lookalikes((book or RuleBook()).get(LOOKALIKES_RULE_NAME))


def _is_single_character(value: object) -> bool:
    return isinstance(value, str) and len(value) == 1 and not value.isspace()


def _parse_lookalikes(rule_file: RuleFile) -> tuple[tuple[LookalikeGroup, ...], list[RuleError]]:
    errors: list[RuleError] = []
    data = rule_file.data
    if not isinstance(data, dict):
        return (), [rule_file.error("", tr("Compliance", "文件内容必须是一个 JSON 对象"))]
    for key in data:
        if key not in ("version", "description", "groups"):
            errors.append(
                rule_file.error(
                    key,
                    tr("Compliance", "未知的键“{key}”；允许的键：version、description、groups").format(
                        key=key
                    ),
                )
            )
    if not isinstance(data.get("version"), str) or not data.get("version"):
        errors.append(rule_file.error("version", tr("Compliance", "version 必须是非空字符串")))
    raw_groups = data.get("groups")
    if not isinstance(raw_groups, list):
        errors.append(rule_file.error("groups", tr("Compliance", "groups 必须是数组")))
        return (), errors
    groups: list[LookalikeGroup] = []
    owner: dict[str, str] = {}  # variant -> pointer of the group that claims it
    canonicals: dict[str, str] = {}
    for index, raw in enumerate(raw_groups):
        pointer = f"groups/{index}"
        if not isinstance(raw, dict):
            errors.append(rule_file.error(pointer, tr("Compliance", "每一组必须是 JSON 对象")))
            continue
        for key in raw:
            if key not in ("canonical", "variants", "kind", "note"):
                errors.append(
                    rule_file.error(
                        f"{pointer}/{key}",
                        tr("Compliance", "未知的键“{key}”；允许的键：canonical、variants、kind、note").format(
                            key=key
                        ),
                    )
                )
        canonical = raw.get("canonical")
        if not _is_single_character(canonical):
            errors.append(
                rule_file.error(f"{pointer}/canonical", tr("Compliance", "canonical 必须是单个字符"))
            )
            continue
        assert isinstance(canonical, str)
        kind = raw.get("kind")
        if kind not in LOOKALIKE_KINDS:
            errors.append(
                rule_file.error(
                    f"{pointer}/kind",
                    tr("Compliance", "kind 只能是 homophone（音近）、glyph（形近）或 variant（异体）"),
                )
            )
        note = raw.get("note", "")
        if not isinstance(note, str):
            errors.append(rule_file.error(f"{pointer}/note", tr("Compliance", "note 必须是字符串")))
            note = ""
        variants = raw.get("variants")
        if not isinstance(variants, list) or not variants:
            errors.append(
                rule_file.error(f"{pointer}/variants", tr("Compliance", "variants 必须是非空的单字数组"))
            )
            continue
        accepted: list[str] = []
        for position, variant in enumerate(variants):
            variant_pointer = f"{pointer}/variants/{position}"
            if not _is_single_character(variant):
                errors.append(
                    rule_file.error(variant_pointer, tr("Compliance", "每个 variant 必须是单个字符"))
                )
            elif variant == canonical:
                errors.append(
                    rule_file.error(variant_pointer, tr("Compliance", "variant 不能与 canonical 相同"))
                )
            elif variant in owner:
                errors.append(
                    rule_file.error(
                        variant_pointer,
                        tr("Compliance", "“{char}”已出现在 {other}，每个字只能属于一组").format(
                            char=variant, other=owner[variant]
                        ),
                    )
                )
            else:
                owner[variant] = pointer
                accepted.append(variant)
        canonicals[canonical] = pointer
        groups.append(LookalikeGroup(canonical, tuple(accepted), str(kind), note))
    for char, pointer in canonicals.items():
        if char in owner:
            errors.append(
                rule_file.error(
                    f"{pointer}/canonical",
                    tr(
                        "Compliance", "“{char}”在 {other} 中是 variant，不能再作 canonical（不允许链式替换）"
                    ).format(char=char, other=owner[char]),
                )
            )
    return tuple(groups), errors


@dataclass(frozen=True)
class NormalizedText:
    """A text folded for matching, with the way back to the original.

    Attributes:
        original: the text as given.
        compact: the folded text without separators; the matcher scans this.
        separator_gaps: for each separator in order, the index in ``compact`` of the character it
            precedes (equal to ``len(compact)`` for trailing separators).
        separator_kinds: the class of each separator, parallel to ``separator_gaps``.
    """

    original: str
    compact: str
    separator_gaps: tuple[int, ...] = ()
    separator_kinds: tuple[SeparatorKind, ...] = ()
    _stop_gaps: frozenset[int] = field(default=frozenset(), repr=False)
    _clause_gaps: tuple[int, ...] = field(default=(), repr=False)

    @classmethod
    def build(cls, original: str, folded: str) -> NormalizedText:
        """Split ``folded`` (one character per original character) into compact text and separators."""
        if _SENTINEL_RE.search(folded) is None:
            return cls(original, folded)
        gaps: list[int] = []
        kinds: list[SeparatorKind] = []
        for count, match in enumerate(_SENTINEL_RE.finditer(folded)):
            gaps.append(match.start() - count)
            kinds.append(_SENTINEL_KIND[match.group()])
        stop_gaps = frozenset(
            gap for gap, kind in zip(gaps, kinds, strict=True) if kind is SeparatorKind.STOP
        )
        clause_gaps = tuple(
            gap for gap, kind in zip(gaps, kinds, strict=True) if kind is not SeparatorKind.SPACE
        )
        return cls(
            original,
            folded.translate(_DROP_SENTINELS),
            tuple(gaps),
            tuple(kinds),
            stop_gaps,
            clause_gaps,
        )

    def original_index(self, compact_index: int) -> int:
        """Return the index in ``original`` of the character at ``compact_index`` in ``compact``."""
        return compact_index + bisect.bisect_right(self.separator_gaps, compact_index)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the compact half-open span ``[start, end)`` to the original text (``end > start``)."""
        return self.original_index(start), self.original_index(end - 1) + 1

    def has_separator_before(self, compact_index: int) -> bool:
        """Whether any separator sits between ``compact_index - 1`` and ``compact_index``."""
        position = bisect.bisect_left(self.separator_gaps, compact_index)
        return position < len(self.separator_gaps) and self.separator_gaps[position] == compact_index

    def has_stop_before(self, compact_index: int) -> bool:
        """Whether a sentence terminator sits between ``compact_index - 1`` and ``compact_index``."""
        return compact_index in self._stop_gaps

    def clause_start(self, compact_index: int) -> int:
        """Return where the clause holding ``compact_index`` starts: after the last punctuation before it."""
        position = bisect.bisect_right(self._clause_gaps, compact_index) - 1
        return self._clause_gaps[position] if position >= 0 else 0


class Normalizer:
    """Folds text for matching: width and compatibility forms, case, traditional characters, look-alikes.

    The folding is one character to one character, so positions never shift. The matcher does not
    fold its input at all: it asks for ``preimages`` and ``separators`` and builds them into its
    automaton, so scanning a text is one pass over the original characters.
    """

    def __init__(self, lookalikes: tuple[LookalikeGroup, ...] | Mapping[str, str] = ()) -> None:
        """Build the character tables.

        Args:
            lookalikes: look-alike groups (from ``lookalikes.json``) or a plain variant -> canonical map.
        """
        if isinstance(lookalikes, Mapping):
            variant_map = dict(lookalikes)
        else:
            variant_map = {variant: group.canonical for group in lookalikes for variant in group.variants}
        self._table = self._compose(variant_map)
        self._char_map: dict[str, str] = {}
        self._separators: dict[str, SeparatorKind] = {}
        preimages: dict[str, list[str]] = {}
        for code, folded in self._table.items():
            if folded in _SENTINEL_KIND:
                self._separators[chr(code)] = _SENTINEL_KIND[folded]
            else:
                self._char_map[chr(code)] = folded
                preimages.setdefault(folded, []).append(chr(code))
        self._preimages = {char: tuple(sources) for char, sources in preimages.items()}

    @staticmethod
    def _compose(variant_map: Mapping[str, str]) -> dict[int, str]:
        base = _base_table()
        simplified = _traditional_pairs()

        def fold(char: str) -> str:
            folded = base.get(ord(char), char)
            if folded in _SENTINEL_KIND:
                return folded
            folded = simplified.get(folded, folded)
            return variant_map.get(folded, folded)

        domain = set(base) | {ord(char) for char in simplified} | {ord(char) for char in variant_map}
        table: dict[int, str] = {}
        for code in domain:
            folded = fold(chr(code))
            if folded != chr(code):
                table[code] = folded
        return table

    @property
    def separators(self) -> Mapping[str, SeparatorKind]:
        """Every character treated as a separator, with its class."""
        return self._separators

    def fold_char(self, char: str) -> str:
        """Return the canonical form of one non-separator character (itself when it has no other form)."""
        return self._char_map.get(char, char)

    def preimages(self, char: str) -> tuple[str, ...]:
        """Return every character that folds to the canonical character ``char``, ``char`` included.

        ``char`` itself is included only when it folds to itself (``您`` is not a preimage of anything
        but ``你``).
        """
        sources = self._preimages.get(char, ())
        if char in self._char_map or char in self._separators:
            return sources
        return (char, *sources)

    def fold(self, text: str) -> str:
        """Return ``text`` folded character by character, separators replaced by class sentinels."""
        return text.translate(self._table)

    def normalize(self, text: str) -> NormalizedText:
        """Fold ``text`` and split off its separators, keeping the map back to ``text``."""
        return NormalizedText.build(text, text.translate(self._table))

    def canonical(self, text: str) -> str:
        """Return the folded form of a phrase or rule word, without separators."""
        return text.translate(self._table).translate(_DROP_SENTINELS)
