<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
    <context>
        <name>App</name>
        <message>
            <source>12345 座席客户端</source>
            <translation>12345 Seat Client</translation>
        </message>
        <message>
            <source>座席客户端已在运行，已切换到其窗口。</source>
            <translation>The seat client is already running; switched to its window.</translation>
        </message>
    </context>
    <context>
        <name>BackendError</name>
        <message>
            <source>工号或密码错误，请重新输入。</source>
            <translation>Wrong job number or password. Please try again.</translation>
        </message>
        <message>
            <source>无法连接到服务器。请检查网络，或联系大厅信息技术人员。</source>
            <translation>Cannot connect to the server. Please check the network, or contact the hall IT staff.</translation>
        </message>
        <message>
            <source>服务器出错（{status}），请稍后再试；若持续出现请联系信息技术人员。</source>
            <translation>Server error ({status}). Please try again later; if it keeps happening, contact IT staff.</translation>
        </message>
        <message>
            <source>服务器响应超时，请稍后再试。</source>
            <translation>The server did not respond in time. Please try again later.</translation>
        </message>
        <message>
            <source>服务器拒绝了请求：{message}</source>
            <translation>The server refused the request: {message}</translation>
        </message>
        <message>
            <source>服务器的应答无法识别，请联系信息技术人员。</source>
            <translation>The server's response could not be understood. Please contact IT staff.</translation>
        </message>
        <message>
            <source>服务器证书校验失败，连接已中止。请联系大厅信息技术人员检查证书配置（CA 证书）。</source>
            <translation>Server certificate verification failed; the connection was aborted. Please ask the hall IT staff to check the certificate configuration (CA certificate).</translation>
        </message>
        <message>
            <source>登录已失效，请重新签入。</source>
            <translation>Your session has expired. Please sign in again.</translation>
        </message>
        <message>
            <source>该座席已被他人签入。{detail}</source>
            <translation>This seat is already signed in by someone else. {detail}</translation>
        </message>
    </context>
    <context>
        <name>Compliance</name>
        <message>
            <source>canonical 必须是单个字符</source>
            <translation>canonical must be a single character</translation>
        </message>
        <message>
            <source>categories 必须是非空数组</source>
            <translation>categories must be a non-empty array</translation>
        </message>
        <message>
            <source>groups 必须是数组</source>
            <translation>groups must be an array</translation>
        </message>
        <message>
            <source>id 只能由小写字母、数字、下划线和连字符组成，如 shirking-01</source>
            <translation>id may contain only lowercase letters, digits, underscores and hyphens, e.g. shirking-01</translation>
        </message>
        <message>
            <source>id“{id}”与 {other} 重复</source>
            <translation>id "{id}" duplicates {other}</translation>
        </message>
        <message>
            <source>kind 只能是 homophone（音近）、glyph（形近）或 variant（异体）</source>
            <translation>kind must be homophone (similar sound), glyph (similar shape) or variant (variant form)</translation>
        </message>
        <message>
            <source>matching 必须是 JSON 对象</source>
            <translation>matching must be a JSON object</translation>
        </message>
        <message>
            <source>mode 只能是 warn（提示）或 block（阻止）</source>
            <translation>mode must be warn (show a warning) or block (block it)</translation>
        </message>
        <message>
            <source>note 必须是字符串</source>
            <translation>note must be a string</translation>
        </message>
        <message>
            <source>phrases 必须是非空数组</source>
            <translation>phrases must be a non-empty array</translation>
        </message>
        <message>
            <source>subject 只能是 we（只在说我们自己时算）或 caller（说第三方时不算）</source>
            <translation>subject must be we (counts only when said about ourselves) or caller (does not count when said about a third party)</translation>
        </message>
        <message>
            <source>variant 不能与 canonical 相同</source>
            <translation>A variant cannot be the same as canonical</translation>
        </message>
        <message>
            <source>variants 必须是非空的单字数组</source>
            <translation>variants must be a non-empty array of single characters</translation>
        </message>
        <message>
            <source>version 必须是非空字符串</source>
            <translation>version must be a non-empty string</translation>
        </message>
        <message>
            <source>“{char}”在 {other} 中是 variant，不能再作 canonical（不允许链式替换）</source>
            <translation>"{char}" is a variant in {other} and cannot also be a canonical (chained replacement is not allowed)</translation>
        </message>
        <message>
            <source>“{char}”已出现在 {other}，每个字只能属于一组</source>
            <translation>"{char}" already appears in {other}; each character can belong to only one group</translation>
        </message>
        <message>
            <source>“{text}”与 {other} 的禁语在统一繁简、形近字后相同</source>
            <translation>"{text}" is the same as the forbidden phrase {other} once traditional/simplified and similar-looking characters are unified</translation>
        </message>
        <message>
            <source>例外“{exception}”必须包含禁语“{text}”本身</source>
            <translation>Exception "{exception}" must contain the forbidden phrase "{text}" itself</translation>
        </message>
        <message>
            <source>分类 id 只能由小写字母、数字和下划线组成，如 shirking</source>
            <translation>Category id may contain only lowercase letters, digits and underscores, e.g. shirking</translation>
        </message>
        <message>
            <source>分类 id“{id}”与 {other} 重复</source>
            <translation>Category id "{id}" duplicates {other}</translation>
        </message>
        <message>
            <source>必须是 true 或 false</source>
            <translation>Must be true or false</translation>
        </message>
        <message>
            <source>必须是字符串数组</source>
            <translation>Must be an array of strings</translation>
        </message>
        <message>
            <source>必须是非空字符串</source>
            <translation>Must be a non-empty string</translation>
        </message>
        <message>
            <source>必须是非空字符串（去掉空格和标点后仍有文字）</source>
            <translation>Must be a non-empty string (with text left after removing spaces and punctuation)</translation>
        </message>
        <message>
            <source>文件内容必须是一个 JSON 对象</source>
            <translation>The file content must be a JSON object</translation>
        </message>
        <message>
            <source>未知的键“{key}”；允许的键：canonical、variants、kind、note</source>
            <translation>Unknown key "{key}"; allowed keys: canonical, variants, kind, note</translation>
        </message>
        <message>
            <source>未知的键“{key}”；允许的键：version、description、groups</source>
            <translation>Unknown key "{key}"; allowed keys: version, description, groups</translation>
        </message>
        <message>
            <source>未知的键“{key}”；允许的键：{allowed}</source>
            <translation>Unknown key "{key}"; allowed keys: {allowed}</translation>
        </message>
        <message>
            <source>每一组必须是 JSON 对象</source>
            <translation>Each group must be a JSON object</translation>
        </message>
        <message>
            <source>每个 variant 必须是单个字符</source>
            <translation>Each variant must be a single character</translation>
        </message>
        <message>
            <source>每个分类必须是 JSON 对象</source>
            <translation>Each category must be a JSON object</translation>
        </message>
        <message>
            <source>每条禁语必须是 JSON 对象</source>
            <translation>Each forbidden phrase must be a JSON object</translation>
        </message>
        <message>
            <source>禁语去掉空格和标点后至少要有两个字，单字误报太多</source>
            <translation>A forbidden phrase must have at least two characters after removing spaces and punctuation; single characters cause too many false alarms</translation>
        </message>
        <message>
            <source>缺少 mode：全厅处置方式，warn（提示）或 block（阻止）</source>
            <translation>mode is missing: the hall-wide handling, warn (show a warning) or block (block it)</translation>
        </message>
        <message>
            <source>语气词必须是单个字</source>
            <translation>A modal particle must be a single character</translation>
        </message>
    </context>
    <context>
        <name>Config</name>
        <message>
            <source>不是合法的 TOML：{reason}</source>
            <translation>Not valid TOML: {reason}</translation>
        </message>
        <message>
            <source>只能包含字母、数字、点、下划线和连字符，最长 32 个字符</source>
            <translation>May contain only letters, digits, dots, underscores and hyphens, at most 32 characters</translation>
        </message>
        <message>
            <source>可选值为：{allowed}</source>
            <translation>Allowed values: {allowed}</translation>
        </message>
        <message>
            <source>命令行</source>
            <translation>command line</translation>
        </message>
        <message>
            <source>应为 http:// 或 https:// 开头的地址，或留空以使用内置培训后台</source>
            <translation>Should be an address starting with http:// or https://, or empty to use the built-in training backend</translation>
        </message>
        <message>
            <source>应为一个表，例如 [shortcuts] 下写 "seat.ready" = "F2"</source>
            <translation>Should be a table, e.g. "seat.ready" = "F2" under [shortcuts]</translation>
        </message>
        <message>
            <source>应为文字（字符串）</source>
            <translation>Should be text (a string)</translation>
        </message>
        <message>
            <source>快捷键 {sequence} 同时分配给了 {first} 和 {second}</source>
            <translation>Shortcut {sequence} is assigned to both {first} and {second}</translation>
        </message>
        <message>
            <source>操作 {action} 的快捷键 {sequence} 无效，应形如 F2、Ctrl+F12、Alt+1</source>
            <translation>Shortcut {sequence} for action {action} is invalid; it should look like F2, Ctrl+F12, Alt+1</translation>
        </message>
        <message>
            <source>文件不存在：{path}</source>
            <translation>File does not exist: {path}</translation>
        </message>
        <message>
            <source>文件夹不存在：{path}</source>
            <translation>Folder does not exist: {path}</translation>
        </message>
        <message>
            <source>无法读取：{reason}</source>
            <translation>Cannot read: {reason}</translation>
        </message>
        <message>
            <source>未知的操作 {action}；可用的操作：{actions}</source>
            <translation>Unknown action {action}; available actions: {actions}</translation>
        </message>
        <message>
            <source>未知的设置项；可用的设置项：{keys}</source>
            <translation>Unknown setting; available settings: {keys}</translation>
        </message>
        <message>
            <source>配置错误 {where}：{key}：{problem}</source>
            <translation>Configuration error in {where}: {key}: {problem}</translation>
        </message>
        <message>
            <source>默认值</source>
            <translation>default</translation>
        </message>
    </context>
    <context>
        <name>Connection</name>
        <message>
            <source>已连接</source>
            <translation>Connected</translation>
        </message>
        <message>
            <source>未连接</source>
            <translation>Not connected</translation>
        </message>
        <message>
            <source>正在连接后台…</source>
            <translation>Connecting to the backend…</translation>
        </message>
        <message>
            <source>离线：无法连接后台，仍在重试</source>
            <translation>Offline: cannot reach the backend, still retrying</translation>
        </message>
        <message>
            <source>连接中断，正在重连…</source>
            <translation>Connection lost, reconnecting…</translation>
        </message>
    </context>
    <context>
        <name>Dispatch</name>
        <message>
            <source>{district}已有乡镇（街道）“{street}”</source>
            <translation>{district} already has a town (subdistrict) "{street}"</translation>
        </message>
        <message>
            <source>“street_office”只能取 true</source>
            <translation>"street_office" can only be true</translation>
        </message>
        <message>
            <source>上级单位“{parent}”不在目录中</source>
            <translation>Parent unit "{parent}" is not in the directory</translation>
        </message>
        <message>
            <source>上级单位形成循环：{id}</source>
            <translation>Parent units form a loop: {id}</translation>
        </message>
        <message>
            <source>业务主题分类中没有类别“{name}”</source>
            <translation>The business topic taxonomy has no category "{name}"</translation>
        </message>
        <message>
            <source>乡镇（街道）级单位必须填写“street”</source>
            <translation>Town (subdistrict) level units must fill in "street"</translation>
        </message>
        <message>
            <source>乡镇（街道）级单位的类型只能是“territorial”</source>
            <translation>The type of a town (subdistrict) level unit can only be "territorial"</translation>
        </message>
        <message>
            <source>企业级单位的类型只能是“public_utility”</source>
            <translation>The type of an enterprise-level unit can only be "public_utility"</translation>
        </message>
        <message>
            <source>全市兜底目标不能依赖属地，请用“unit”指定单位</source>
            <translation>A city-wide fallback target cannot depend on the locality; use "unit" to name the unit</translation>
        </message>
        <message>
            <source>列表不能为空</source>
            <translation>The list must not be empty</translation>
        </message>
        <message>
            <source>区县兜底目标在“{district}”找不到区县级单位</source>
            <translation>The district/county fallback target finds no district/county-level unit in "{district}"</translation>
        </message>
        <message>
            <source>区县名称“{name}”重复</source>
            <translation>District/county name "{name}" is duplicated</translation>
        </message>
        <message>
            <source>区县名称应以“区”“县”或“市”结尾</source>
            <translation>A district/county name should end in "区", "县" or "市"</translation>
        </message>
        <message>
            <source>区县级和乡镇（街道）级单位必须填写“district”</source>
            <translation>District/county-level and town (subdistrict) level units must fill in "district"</translation>
        </message>
        <message>
            <source>单位“{id}”不在单位目录中</source>
            <translation>Unit "{id}" is not in the unit directory</translation>
        </message>
        <message>
            <source>单位标识“{id}”重复，已在 {other} 使用</source>
            <translation>Unit ID "{id}" is duplicated; already used at {other}</translation>
        </message>
        <message>
            <source>单位目录中没有职责含“{duty}”的单位</source>
            <translation>The unit directory has no unit whose duties include "{duty}"</translation>
        </message>
        <message>
            <source>取值“{value}”无效，允许的取值：{allowed}</source>
            <translation>Value "{value}" is invalid; allowed values: {allowed}</translation>
        </message>
        <message>
            <source>只有乡镇（街道）级单位可以填写“street”</source>
            <translation>Only town (subdistrict) level units may fill in "street"</translation>
        </message>
        <message>
            <source>名称“{name}”已被单位“{other}”使用，名称、简称和别名不能重复</source>
            <translation>Name "{name}" is already used by unit "{other}"; names, short names and aliases must not repeat</translation>
        </message>
        <message>
            <source>名称模板“{pattern}”在任何属地都找不到单位</source>
            <translation>Name template "{pattern}" finds no unit in any locality</translation>
        </message>
        <message>
            <source>名称模板只能使用占位符 {district}、{district_short} 和 {street}</source>
            <translation>Name templates may use only the placeholders {district}, {district_short} and {street}</translation>
        </message>
        <message>
            <source>市级单位不应填写区县</source>
            <translation>City-level units should not fill in a district/county</translation>
        </message>
        <message>
            <source>应为 true 或 false</source>
            <translation>Should be true or false</translation>
        </message>
        <message>
            <source>应为 {minimum} 到 {maximum} 之间的整数</source>
            <translation>Should be an integer from {minimum} to {maximum}</translation>
        </message>
        <message>
            <source>应为列表（[ ... ]）</source>
            <translation>Should be a list ([ ... ])</translation>
        </message>
        <message>
            <source>应为对象（{ ... }）</source>
            <translation>Should be an object ({ ... })</translation>
        </message>
        <message>
            <source>应为非空文字</source>
            <translation>Should be non-empty text</translation>
        </message>
        <message>
            <source>无</source>
            <translation>none</translation>
        </message>
        <message>
            <source>未知的区县“{district}”，允许的区县：{allowed}</source>
            <translation>Unknown district/county "{district}"; allowed districts/counties: {allowed}</translation>
        </message>
        <message>
            <source>未知的占位符“{field}”，允许的占位符：{allowed}</source>
            <translation>Unknown placeholder "{field}"; allowed placeholders: {allowed}</translation>
        </message>
        <message>
            <source>未知的键“{key}”，允许的键：{allowed}</source>
            <translation>Unknown key "{key}"; allowed keys: {allowed}</translation>
        </message>
        <message>
            <source>标识只能由小写字母、数字和连字符组成，例如“xihu-market”</source>
            <translation>IDs may contain only lowercase letters, digits and hyphens, e.g. "xihu-market"</translation>
        </message>
        <message>
            <source>模板中的花括号不成对或占位符为空</source>
            <translation>Unbalanced braces or an empty placeholder in the template</translation>
        </message>
        <message>
            <source>派单目录的兜底单位不在单位目录中</source>
            <translation>The fallback unit of the dispatch catalogue is not in the unit directory</translation>
        </message>
        <message>
            <source>电话应为数字，可含连字符，例如“12329”或“0571-85085111-801”</source>
            <translation>A phone number should be digits, optionally with hyphens, e.g. "12329" or "0571-85085111-801"</translation>
        </message>
        <message>
            <source>目标应为只含一个键的对象，键为：{allowed}</source>
            <translation>A target should be an object with exactly one key, one of: {allowed}</translation>
        </message>
        <message>
            <source>目标应按属地由细到粗排列：乡镇（街道）→ 区县 → 全市，此目标比前一个更细</source>
            <translation>Targets should be ordered from the most specific locality to the broadest: town (subdistrict) → district/county → city; this target is more specific than the previous one</translation>
        </message>
        <message>
            <source>简称应是名称“{name}”的开头部分</source>
            <translation>The short name should be the beginning of the name "{name}"</translation>
        </message>
        <message>
            <source>类别“{class_name}”中没有内容“{name}”</source>
            <translation>Category "{class_name}" has no item "{name}"</translation>
        </message>
        <message>
            <source>缺少必填键“{key}”</source>
            <translation>Required key "{key}" is missing</translation>
        </message>
        <message>
            <source>职能类事项的目标不能是乡镇（街道）或属地政府：应当由职能部门办理的事项不得分派给基层（浙政办发〔2025〕33号第十三条）</source>
            <translation>The target of a functional matter cannot be a town (subdistrict) or a local government: matters that functional departments should handle must not be assigned to the grassroots level (浙政办发〔2025〕33号, Article 13)</translation>
        </message>
        <message>
            <source>要求关键词的规则必须列出“keywords”</source>
            <translation>Rules that require keywords must list "keywords"</translation>
        </message>
        <message>
            <source>规则标识“{id}”重复，已在 {other} 使用</source>
            <translation>Rule ID "{id}" is duplicated; already used at {other}</translation>
        </message>
        <message>
            <source>重复的业务主题“{topic}”</source>
            <translation>Duplicate business topic "{topic}"</translation>
        </message>
        <message>
            <source>重复的条目“{text}”</source>
            <translation>Duplicate entry "{text}"</translation>
        </message>
    </context>
    <context>
        <name>ErrorFunnel</name>
        <message>
            <source>程序出现了意外错误</source>
            <translation>Unexpected error</translation>
        </message>
        <message>
            <source>程序遇到一个意外错误，已记录在日志中。可以继续工作；如果问题反复出现，请联系信息技术人员。

错误类型：{kind}</source>
            <translation>The program ran into an unexpected error, which has been logged. You can keep working; if the problem happens again, please contact IT staff.

Error type: {kind}</translation>
        </message>
    </context>
    <context>
        <name>FormAutosave</name>
        <message>
            <source>工单草稿保存失败，将自动重试：{error}</source>
            <translation>Could not save the order draft; will retry automatically: {error}</translation>
        </message>
    </context>
    <context>
        <name>FormSchema</name>
        <message>
            <source>any、all、not 必须单独使用，不能与其他键并列：{names}</source>
            <translation>any, all and not must be used alone, not alongside other keys: {names}</translation>
        </message>
        <message>
            <source>basis 必须是文本</source>
            <translation>basis must be text</translation>
        </message>
        <message>
            <source>choice 字段必须有非空的 options 列表</source>
            <translation>A choice field must have a non-empty options list</translation>
        </message>
        <message>
            <source>confidential_field 必须是表单中一个 bool 类型字段的 key</source>
            <translation>confidential_field must be the key of a bool field in the form</translation>
        </message>
        <message>
            <source>confidential_mask “{mask}” 只能用于这些类型的字段：{allowed}</source>
            <translation>confidential_mask "{mask}" can only be used for fields of these types: {allowed}</translation>
        </message>
        <message>
            <source>default 必须是 true 或 false</source>
            <translation>default must be true or false</translation>
        </message>
        <message>
            <source>default 必须是不超过 max_length 的文本</source>
            <translation>default must be text no longer than max_length</translation>
        </message>
        <message>
            <source>default 必须是选项之一：{allowed}</source>
            <translation>default must be one of the options: {allowed}</translation>
        </message>
        <message>
            <source>default_region 必须是两位大写地区代码，如 CN</source>
            <translation>default_region must be a two-letter uppercase region code, e.g. CN</translation>
        </message>
        <message>
            <source>en 必须是文本</source>
            <translation>en must be text</translation>
        </message>
        <message>
            <source>fields 必须是非空列表</source>
            <translation>fields must be a non-empty list</translation>
        </message>
        <message>
            <source>filled 必须是 true 或 false</source>
            <translation>filled must be true or false</translation>
        </message>
        <message>
            <source>form 必须是非空文本（表单标识）</source>
            <translation>form must be non-empty text (the form ID)</translation>
        </message>
        <message>
            <source>future_tolerance_minutes 必须是 0 到 1440 之间的整数</source>
            <translation>future_tolerance_minutes must be an integer from 0 to 1440</translation>
        </message>
        <message>
            <source>in 必须是非空列表</source>
            <translation>in must be a non-empty list</translation>
        </message>
        <message>
            <source>key 重复，已在 {other} 定义</source>
            <translation>Duplicate key; already defined at {other}</translation>
        </message>
        <message>
            <source>local_area_code 必须是以 0 开头的 3 到 4 位区号，如 0571</source>
            <translation>local_area_code must be a 3- or 4-digit area code starting with 0, e.g. 0571</translation>
        </message>
        <message>
            <source>max_length 必须是 1 到 {limit} 之间的整数，现为 {value}</source>
            <translation>max_length must be an integer from 1 to {limit}; it is {value}</translation>
        </message>
        <message>
            <source>not_future 必须是 true 或 false</source>
            <translation>not_future must be true or false</translation>
        </message>
        <message>
            <source>part 必须是文本</source>
            <translation>part must be text</translation>
        </message>
        <message>
            <source>required 必须是 true 或 false</source>
            <translation>required must be true or false</translation>
        </message>
        <message>
            <source>sections 必须是非空列表</source>
            <translation>sections must be a non-empty list</translation>
        </message>
        <message>
            <source>summary_fields 中字段 {key} 重复</source>
            <translation>Field {key} is repeated in summary_fields</translation>
        </message>
        <message>
            <source>summary_fields 引用了不存在的字段 {value}</source>
            <translation>summary_fields refers to a field that does not exist: {value}</translation>
        </message>
        <message>
            <source>summary_fields 必须是字段 key 的列表</source>
            <translation>summary_fields must be a list of field keys</translation>
        </message>
        <message>
            <source>version 必须是不小于 1 的整数</source>
            <translation>version must be an integer of at least 1</translation>
        </message>
        <message>
            <source>visible_if 循环依赖：{cycle}</source>
            <translation>Circular dependency in visible_if: {cycle}</translation>
        </message>
        <message>
            <source>zh_CN 必须是非空的中文文本</source>
            <translation>zh_CN must be non-empty Chinese text</translation>
        </message>
        <message>
            <source>{attribute} 不能引用字段自身</source>
            <translation>{attribute} cannot refer to the field itself</translation>
        </message>
        <message>
            <source>{name} 必须是非空的条件列表</source>
            <translation>{name} must be a non-empty list of conditions</translation>
        </message>
        <message>
            <source>{type} 类型的字段不能设置 default</source>
            <translation>Fields of type {type} cannot have a default</translation>
        </message>
        <message>
            <source>“{value}” 不是字段 {target} 的选项，允许：{allowed}</source>
            <translation>"{value}" is not an option of field {target}; allowed: {allowed}</translation>
        </message>
        <message>
            <source>分区 key “{key}” 重复</source>
            <translation>Section key "{key}" is duplicated</translation>
        </message>
        <message>
            <source>分区 key 必须是小写英文、数字和下划线，且以字母开头</source>
            <translation>Section keys must be lowercase English letters, digits and underscores, starting with a letter</translation>
        </message>
        <message>
            <source>字段 key 必须是小写英文、数字和下划线，且以字母开头，现为 {value}</source>
            <translation>Field keys must be lowercase English letters, digits and underscores, starting with a letter; it is {value}</translation>
        </message>
        <message>
            <source>字段 {key} 不能用于标题，允许的类型：{allowed}</source>
            <translation>Field {key} cannot be used in the title; allowed types: {allowed}</translation>
        </message>
        <message>
            <source>字段 {key}：{problem}</source>
            <translation>Field {key}: {problem}</translation>
        </message>
        <message>
            <source>字段 {target} 是 bool 类型，比较值必须是 true 或 false</source>
            <translation>Field {target} is a bool field; the comparison value must be true or false</translation>
        </message>
        <message>
            <source>字段 {target} 没有组成部分 “{part}”，允许：{allowed}</source>
            <translation>Field {target} has no part "{part}"; allowed: {allowed}</translation>
        </message>
        <message>
            <source>应为 {"zh_CN": 中文, "en": 英文} 形式的对象</source>
            <translation>Should be an object of the form {"zh_CN": Chinese, "en": English}</translation>
        </message>
        <message>
            <source>日期时间字段 {target} 只能用 filled 条件</source>
            <translation>Date-time field {target} can only use the filled condition</translation>
        </message>
        <message>
            <source>未知的 confidential_mask {value}，允许：{allowed}</source>
            <translation>Unknown confidential_mask {value}; allowed: {allowed}</translation>
        </message>
        <message>
            <source>未知的字段类型 {value}，允许：{allowed}</source>
            <translation>Unknown field type {value}; allowed: {allowed}</translation>
        </message>
        <message>
            <source>未知的键 “{name}”，允许的键：{allowed}</source>
            <translation>Unknown key "{name}"; allowed keys: {allowed}</translation>
        </message>
        <message>
            <source>条件引用了不存在的字段 “{name}”</source>
            <translation>The condition refers to a field that does not exist: "{name}"</translation>
        </message>
        <message>
            <source>条件必须且只能有 equals、in、filled 之一</source>
            <translation>A condition must have exactly one of equals, in, filled</translation>
        </message>
        <message>
            <source>条件必须是对象，如 {"field": "request_type", "equals": "help"}</source>
            <translation>A condition must be an object, e.g. {"field": "request_type", "equals": "help"}</translation>
        </message>
        <message>
            <source>条件缺少 field（被判断字段的 key）</source>
            <translation>The condition is missing field (the key of the field being tested)</translation>
        </message>
        <message>
            <source>每个分区必须是对象</source>
            <translation>Each section must be an object</translation>
        </message>
        <message>
            <source>每个字段必须是对象</source>
            <translation>Each field must be an object</translation>
        </message>
        <message>
            <source>比较值必须是含 {first} 和 {second} 两个非空文本的对象</source>
            <translation>The comparison value must be an object with two non-empty texts, {first} and {second}</translation>
        </message>
        <message>
            <source>比较值必须是非空文本</source>
            <translation>The comparison value must be non-empty text</translation>
        </message>
        <message>
            <source>缺少 {name}，应为 {{"zh_CN": 中文, "en": 英文}}</source>
            <translation>Missing {name}; it should be {{"zh_CN": Chinese, "en": English}}</translation>
        </message>
        <message>
            <source>表单文件的顶层必须是对象（{...}）</source>
            <translation>The top level of a form file must be an object ({...})</translation>
        </message>
        <message>
            <source>选项 value “{value}” 重复</source>
            <translation>Option value "{value}" is duplicated</translation>
        </message>
        <message>
            <source>选项 value 必须是小写英文、数字和下划线，且以字母开头</source>
            <translation>Option values must be lowercase English letters, digits and underscores, starting with a letter</translation>
        </message>
        <message>
            <source>选项必须是含 value 和 label 的对象</source>
            <translation>An option must be an object with value and label</translation>
        </message>
        <message>
            <source>（该字段没有组成部分）</source>
            <translation>(this field has no parts)</translation>
        </message>
    </context>
    <context>
        <name>FormValidation</name>
        <message>
            <source>{label}“{class_name} / {item_name}”不在业务主题分类中</source>
            <translation>{label} "{class_name} / {item_name}" is not in the business topic taxonomy</translation>
        </message>
        <message>
            <source>{label}“{district} {street}”不在区县街道列表中</source>
            <translation>{label} "{district} {street}" is not in the list of districts/counties and subdistricts</translation>
        </message>
        <message>
            <source>{label}不是有效的手机号或固定电话（固定电话请带区号，如 0571-87654321）</source>
            <translation>{label} is not a valid mobile or landline number (include the area code for landlines, e.g. 0571-87654321)</translation>
        </message>
        <message>
            <source>{label}不是有效的日期时间</source>
            <translation>{label} is not a valid date and time</translation>
        </message>
        <message>
            <source>{label}不能是 400、95 开头等服务号码，请填写手机号或固定电话</source>
            <translation>{label} cannot be a service number, such as one starting with 400 or 95; please enter a mobile or landline number</translation>
        </message>
        <message>
            <source>{label}不能晚于当前时间</source>
            <translation>{label} cannot be later than the current time</translation>
        </message>
        <message>
            <source>{label}不能超过 {limit} 个字（现有 {count} 个字）</source>
            <translation>{label} cannot exceed {limit} characters (currently {count})</translation>
        </message>
        <message>
            <source>{label}的值类型不正确</source>
            <translation>{label} has a value of the wrong type</translation>
        </message>
        <message>
            <source>{label}的选项“{value}”无效</source>
            <translation>{label} has an invalid option "{value}"</translation>
        </message>
        <message>
            <source>请同时选择{label}的区县和街道（乡镇）</source>
            <translation>Please select both the district/county and the subdistrict (town) for {label}</translation>
        </message>
        <message>
            <source>请同时选择{label}的类别和内容</source>
            <translation>Please select both the category and the item for {label}</translation>
        </message>
        <message>
            <source>请填写{label}</source>
            <translation>Please fill in {label}</translation>
        </message>
        <message>
            <source>请选择{label}</source>
            <translation>Please select {label}</translation>
        </message>
    </context>
    <context>
        <name>Holidays</name>
        <message>
            <source>“{text}”不是 YYYY-MM-DD 格式的日期，例如 2026-10-01</source>
            <translation>"{text}" is not a date in YYYY-MM-DD format, e.g. 2026-10-01</translation>
        </message>
        <message>
            <source>年份</source>
            <translation>Year</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>日期 {day} 不在 {year} 年内</source>
            <translation>Date {day} is not in the year {year}</translation>
        </message>
        <message>
            <source>调休上班日 {day} 是周一至周五，本来就上班；这里只应列出周六或周日</source>
            <translation>Make-up working day {day} falls on a weekday and is a working day anyway; list only Saturdays or Sundays here</translation>
        </message>
    </context>
    <context>
        <name>IntakeForm</name>
        <message>
            <source>{label}的识别结果</source>
            <translation>Interpretation of {label}</translation>
        </message>
        <message>
            <source>{label}的错误提示</source>
            <translation>Error message for {label}</translation>
        </message>
        <message>
            <source>{label}：{part}</source>
            <translation>{label}: {part}</translation>
        </message>
        <message>
            <source>{name}候选项</source>
            <translation>{name} suggestions</translation>
        </message>
        <message>
            <source>{number}. {title}（Ctrl+{number}）</source>
            <translation>{number}. {title} (Ctrl+{number})</translation>
        </message>
        <message>
            <source>{street}（{district}）</source>
            <translation>{street} ({district})</translation>
        </message>
        <message>
            <source>→ {moment}</source>
            <translation>→ {moment}</translation>
        </message>
        <message>
            <source>中文或拼音首字母</source>
            <translation>Chinese or pinyin initials</translation>
        </message>
        <message>
            <source>保密工单：{fields}在离开输入框后脱敏显示</source>
            <translation>Confidential order: {fields} are masked once you leave the input box</translation>
        </message>
        <message>
            <source>保密提示</source>
            <translation>Confidentiality notice</translation>
        </message>
        <message>
            <source>办结时限</source>
            <translation>Closing deadline</translation>
        </message>
        <message>
            <source>办结时限：{date}（{days} 个工作日）</source>
            <translation>Closing deadline: {date} ({days} working days)</translation>
        </message>
        <message>
            <source>办结时限：选择办理时限类别后显示</source>
            <translation>Closing deadline: shown after you choose a time-limit category</translation>
        </message>
        <message>
            <source>区县</source>
            <translation>District/county</translation>
        </message>
        <message>
            <source>可输入：昨天 20:00、11-21 8点半、现在；不清楚可不填</source>
            <translation>You can type: 昨天 20:00 (yesterday 20:00), 11-21 8点半 (21 Nov, 8:30), 现在 (now); leave blank if unknown</translation>
        </message>
        <message>
            <source>年-月-日 时:分</source>
            <translation>YYYY-MM-DD HH:MM</translation>
        </message>
        <message>
            <source>提交工单</source>
            <translation>Submit order</translation>
        </message>
        <message>
            <source>提交工单（Ctrl+Enter）</source>
            <translation>Submit order (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>街道（乡镇）</source>
            <translation>Subdistrict (town)</translation>
        </message>
        <message>
            <source>该年度节假日安排尚未录入，时限按周一至周五临时计算，请以正式通知为准。</source>
            <translation>The holiday schedule for this year has not been entered yet, so the deadline is provisionally counted on Mondays to Fridays. Please follow the official notice.</translation>
        </message>
        <message>
            <source>输入中文、拼音或首字母，如 csjs；按 ↓ 查看候选</source>
            <translation>Type Chinese, pinyin or initials, e.g. csjs; press ↓ to see suggestions</translation>
        </message>
        <message>
            <source>（临时）</source>
            <translation> (provisional)</translation>
        </message>
        <message>
            <source>（未选择）</source>
            <translation>(not selected)</translation>
        </message>
    </context>
    <context>
        <name>Knowledge</name>
        <message>
            <source>groups 应为数组，每个元素是一组同义词</source>
            <translation>groups should be an array; each element is a group of synonyms</translation>
        </message>
        <message>
            <source>note 应为文字说明</source>
            <translation>note should be a text description</translation>
        </message>
        <message>
            <source>terms 应为至少含两个词的数组</source>
            <translation>terms should be an array of at least two words</translation>
        </message>
        <message>
            <source>“{term}”已出现在 {where}；一个词只能属于一组</source>
            <translation>"{term}" already appears in {where}; a word can belong to only one group</translation>
        </message>
        <message>
            <source>同义词应为不含空格、不超过 {limit} 个字的词</source>
            <translation>A synonym should be a word without spaces, at most {limit} characters</translation>
        </message>
        <message>
            <source>同义词应为非空文字</source>
            <translation>A synonym should be non-empty text</translation>
        </message>
        <message>
            <source>同义词文件应为 JSON 对象，含 groups 数组</source>
            <translation>The synonym file should be a JSON object containing a groups array</translation>
        </message>
        <message>
            <source>无效的同步游标：{cursor}</source>
            <translation>Invalid sync cursor: {cursor}</translation>
        </message>
        <message>
            <source>未知的键 {key}；允许的键：description、groups</source>
            <translation>Unknown key {key}; allowed keys: description, groups</translation>
        </message>
        <message>
            <source>未知的键 {key}；允许的键：terms、note</source>
            <translation>Unknown key {key}; allowed keys: terms, note</translation>
        </message>
        <message>
            <source>检索已取消</source>
            <translation>Search cancelled</translation>
        </message>
        <message>
            <source>每组应为对象，如 {{"terms": ["社保", "社会保险"]}}</source>
            <translation>Each group should be an object, e.g. {{"terms": ["社保", "社会保险"]}}</translation>
        </message>
        <message>
            <source>知识库同步数据格式错误：{reason}</source>
            <translation>Invalid knowledge base sync data: {reason}</translation>
        </message>
        <message>
            <source>知识库文件不存在：{path}</source>
            <translation>Knowledge base file does not exist: {path}</translation>
        </message>
        <message>
            <source>知识库文件不是合法的 UTF-8 JSON：{path}</source>
            <translation>Knowledge base file is not valid UTF-8 JSON: {path}</translation>
        </message>
        <message>
            <source>知识库文件应为对象 {{"articles": [...]}} 或数组：{path}</source>
            <translation>Knowledge base file should be an object {{"articles": [...]}} or an array: {path}</translation>
        </message>
        <message>
            <source>知识编号 {ident} 重复出现</source>
            <translation>Knowledge article ID {ident} appears more than once</translation>
        </message>
        <message>
            <source>第 {position} 条知识（{ident}）无效：{where}：{problem}</source>
            <translation>Knowledge article {position} ({ident}) is invalid: {where}: {problem}</translation>
        </message>
        <message>
            <source>［图片：{alt}］</source>
            <translation>[Image: {alt}]</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>12345 座席客户端</source>
            <translation>12345 Seat Client</translation>
        </message>
        <message>
            <source>12345 政务服务便民热线座席客户端
版本 {version}</source>
            <translation>12345 Government Service Hotline Seat Client
Version {version}</translation>
        </message>
        <message>
            <source>【培训模式】</source>
            <translation>[Training mode] </translation>
        </message>
        <message>
            <source>关于</source>
            <translation>About</translation>
        </message>
        <message>
            <source>关于 12345 座席客户端</source>
            <translation>About 12345 Seat Client</translation>
        </message>
        <message>
            <source>后台地址</source>
            <translation>Backend address</translation>
        </message>
        <message>
            <source>后台连接状态</source>
            <translation>Backend connection status</translation>
        </message>
        <message>
            <source>在此检索政策、办事指南和业务口径。</source>
            <translation>Search policies, service guides and standard answers here.</translation>
        </message>
        <message>
            <source>培训模式</source>
            <translation>Training mode</translation>
        </message>
        <message>
            <source>培训模式 TRAINING · 使用内置培训后台，所有来电和工单均为模拟，不会进入正式系统</source>
            <translation>TRAINING mode · Uses the built-in training backend; all calls and orders are simulated and never enter the live system</translation>
        </message>
        <message>
            <source>工单</source>
            <translation>Order</translation>
        </message>
        <message>
            <source>帮助(&amp;H)</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>座席(&amp;S)</source>
            <translation>&amp;Seat</translation>
        </message>
        <message>
            <source>当前没有通话。示闲后，来电将在此振铃。</source>
            <translation>No call at the moment. Once you are ready, incoming calls will ring here.</translation>
        </message>
        <message>
            <source>快捷键一览</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <source>恢复默认布局</source>
            <translation>Restore default layout</translation>
        </message>
        <message>
            <source>振铃时在此提示带工号的开场白，结束时提示结束语。</source>
            <translation>While a call is ringing, the opening line with your job number is shown here; at the end, the closing line.</translation>
        </message>
        <message>
            <source>接通来电后在此记录工单：来电人、诉求类型、是否保密、事由和诉求。</source>
            <translation>After answering a call, record the order here: caller, request type, confidential or not, what happened and the request.</translation>
        </message>
        <message>
            <source>版本 {version}</source>
            <translation>Version {version}</translation>
        </message>
        <message>
            <source>知识库</source>
            <translation>Knowledge base</translation>
        </message>
        <message>
            <source>视图(&amp;V)</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <source>话术</source>
            <translation>Scripts</translation>
        </message>
        <message>
            <source>通话</source>
            <translation>Call</translation>
        </message>
    </context>
    <context>
        <name>OrderEditor</name>
        <message>
            <source>办理时限字段 {key} 必须是 choice 类型</source>
            <translation>Time-limit field {key} must be of type choice</translation>
        </message>
        <message>
            <source>办理时限字段 {key} 的选项 {unknown} 不是办理时限政策 {policy} 的类别，可用：{allowed}</source>
            <translation>Option {unknown} of time-limit field {key} is not a category of time-limit policy {policy}; available: {allowed}</translation>
        </message>
        <message>
            <source>星期一</source>
            <translation>Monday</translation>
        </message>
        <message>
            <source>星期三</source>
            <translation>Wednesday</translation>
        </message>
        <message>
            <source>星期二</source>
            <translation>Tuesday</translation>
        </message>
        <message>
            <source>星期五</source>
            <translation>Friday</translation>
        </message>
        <message>
            <source>星期六</source>
            <translation>Saturday</translation>
        </message>
        <message>
            <source>星期四</source>
            <translation>Thursday</translation>
        </message>
        <message>
            <source>星期日</source>
            <translation>Sunday</translation>
        </message>
        <message>
            <source>表单中没有办理时限字段 {key}</source>
            <translation>The form has no time-limit field {key}</translation>
        </message>
    </context>
    <context>
        <name>Places</name>
        <message>
            <source>“{kind}”不是允许的类型，允许：district（区）、county（县）、county_city（县级市）</source>
            <translation>"{kind}" is not an allowed type; allowed: district (区), county (县), county_city (county-level city, 县级市)</translation>
        </message>
        <message>
            <source>“{name}”应以“街道”“镇”或“乡”结尾</source>
            <translation>"{name}" should end in "街道", "镇" or "乡"</translation>
        </message>
        <message>
            <source>区县（市）名称</source>
            <translation>District/county (city) name</translation>
        </message>
        <message>
            <source>应为不带首尾空格的街道、镇或乡名称</source>
            <translation>Should be a subdistrict, town or township name without leading or trailing spaces</translation>
        </message>
        <message>
            <source>类型为 {kind} 的名称应以“{suffix}”结尾：“{name}”</source>
            <translation>A name of type {kind} should end in "{suffix}": "{name}"</translation>
        </message>
        <message>
            <source>街道（镇、乡）名称</source>
            <translation>Subdistrict (town, township) name</translation>
        </message>
    </context>
    <context>
        <name>RuleChecks</name>
        <message>
            <source>{what}“{value}”重复，第一次出现在 {first}</source>
            <translation>{what} "{value}" is duplicated; first seen at {first}</translation>
        </message>
        <message>
            <source>不能为空</source>
            <translation>Must not be empty</translation>
        </message>
        <message>
            <source>不认识的键“{key}”，允许的键：{allowed}</source>
            <translation>Unrecognized key "{key}"; allowed keys: {allowed}</translation>
        </message>
        <message>
            <source>列表</source>
            <translation>a list</translation>
        </message>
        <message>
            <source>列表不能为空，至少要有一项</source>
            <translation>The list must not be empty; it needs at least one item</translation>
        </message>
        <message>
            <source>对象</source>
            <translation>an object</translation>
        </message>
        <message>
            <source>应为 true 或 false，实际是{kind}</source>
            <translation>Should be true or false, but is {kind}</translation>
        </message>
        <message>
            <source>应为列表（[...]），实际是{kind}</source>
            <translation>Should be a list ([...]), but is {kind}</translation>
        </message>
        <message>
            <source>应为对象（{{...}}），实际是{kind}</source>
            <translation>Should be an object ({{...}}), but is {kind}</translation>
        </message>
        <message>
            <source>应为整数，实际是{kind}</source>
            <translation>Should be an integer, but is {kind}</translation>
        </message>
        <message>
            <source>应为文字（字符串），实际是{kind}</source>
            <translation>Should be text (a string), but is {kind}</translation>
        </message>
        <message>
            <source>应在 {minimum} 到 {maximum} 之间，实际是 {value}</source>
            <translation>Should be from {minimum} to {maximum}, but is {value}</translation>
        </message>
        <message>
            <source>数字</source>
            <translation>a number</translation>
        </message>
        <message>
            <source>文字</source>
            <translation>text</translation>
        </message>
        <message>
            <source>真假值</source>
            <translation>a true/false value</translation>
        </message>
        <message>
            <source>空值 null</source>
            <translation>null</translation>
        </message>
        <message>
            <source>缺少必填键“{key}”</source>
            <translation>Required key "{key}" is missing</translation>
        </message>
        <message>
            <source>首尾不能有空格：“{value}”</source>
            <translation>Must not have leading or trailing spaces: "{value}"</translation>
        </message>
    </context>
    <context>
        <name>Rules</name>
        <message>
            <source>不是合法的 JSON：{reason}（第 {column} 列）</source>
            <translation>Not valid JSON: {reason} (column {column})</translation>
        </message>
        <message>
            <source>文件不存在</source>
            <translation>File does not exist</translation>
        </message>
        <message>
            <source>文件不是 UTF-8 编码</source>
            <translation>File is not UTF-8 encoded</translation>
        </message>
        <message>
            <source>配置包 {version}：{name}</source>
            <translation>Config bundle {version}: {name}</translation>
        </message>
    </context>
    <context>
        <name>Scripts</name>
        <message>
            <source>id 只能由小写字母、数字、下划线和连字符组成，如 not_accepted-litigation</source>
            <translation>id may contain only lowercase letters, digits, underscores and hyphens, e.g. not_accepted-litigation</translation>
        </message>
        <message>
            <source>id“{id}”与 {other} 重复</source>
            <translation>id "{id}" duplicates {other}</translation>
        </message>
        <message>
            <source>kind 只能是：{allowed}</source>
            <translation>kind must be one of: {allowed}</translation>
        </message>
        <message>
            <source>max_length 必须是 1 到 500 之间的整数</source>
            <translation>max_length must be an integer from 1 to 500</translation>
        </message>
        <message>
            <source>placeholders 必须是 JSON 对象：名称 → 定义</source>
            <translation>placeholders must be a JSON object: name → definition</translation>
        </message>
        <message>
            <source>placeholders 必须是占位符名称的数组</source>
            <translation>placeholders must be an array of placeholder names</translation>
        </message>
        <message>
            <source>scripts 必须是非空数组</source>
            <translation>scripts must be a non-empty array</translation>
        </message>
        <message>
            <source>step 必须是从 1 开始的整数</source>
            <translation>step must be an integer starting from 1</translation>
        </message>
        <message>
            <source>{kind} 类话术不用 trigger</source>
            <translation>{kind} scripts do not use trigger</translation>
        </message>
        <message>
            <source>{kind} 类话术必须包含占位符 {name}（DB 3301/T 0328-2020 7.1：报读工号）</source>
            <translation>{kind} scripts must contain the placeholder {name} (DB 3301/T 0328-2020 7.1: state the job number)</translation>
        </message>
        <message>
            <source>{kind} 类话术的 trigger 只能是：{allowed}</source>
            <translation>trigger of {kind} scripts must be one of: {allowed}</translation>
        </message>
        <message>
            <source>{label}“{value}”格式不对</source>
            <translation>{label} "{value}" has the wrong format</translation>
        </message>
        <message>
            <source>{label}太长：最多 {limit} 个字符</source>
            <translation>{label} is too long: at most {limit} characters</translation>
        </message>
        <message>
            <source>“{phase}”阶段没有“{situation}”情形的话术</source>
            <translation>No script for the situation "{situation}" in the "{phase}" phase</translation>
        </message>
        <message>
            <source>“{phase}”阶段需要指明情形才能选择话术</source>
            <translation>The "{phase}" phase needs a situation to choose a script</translation>
        </message>
        <message>
            <source>不是合法的正则表达式：{reason}</source>
            <translation>Not a valid regular expression: {reason}</translation>
        </message>
        <message>
            <source>占位符“{field}”只能写成 {{名称}}，不能带格式、下标或属性</source>
            <translation>Placeholder "{field}" can only be written as {{name}}, without format, index or attribute</translation>
        </message>
        <message>
            <source>占位符“{field}”没有在顶层 placeholders 中定义；已定义：{known}</source>
            <translation>Placeholder "{field}" is not defined in the top-level placeholders; defined: {known}</translation>
        </message>
        <message>
            <source>占位符名称只能由小写字母、数字和下划线组成，且以字母开头</source>
            <translation>Placeholder names may contain only lowercase letters, digits and underscores, and must start with a letter</translation>
        </message>
        <message>
            <source>占位符定义必须是 JSON 对象</source>
            <translation>A placeholder definition must be a JSON object</translation>
        </message>
        <message>
            <source>同一类话术的 step 必须从 1 连续编号，这里应为 {expected}</source>
            <translation>Steps of scripts of the same kind must be numbered consecutively from 1; this one should be {expected}</translation>
        </message>
        <message>
            <source>必须是非空字符串</source>
            <translation>Must be a non-empty string</translation>
        </message>
        <message>
            <source>文中用到的占位符（{used}）与 placeholders 声明的（{declared}）不一致</source>
            <translation>The placeholders used in the text ({used}) do not match those declared in placeholders ({declared})</translation>
        </message>
        <message>
            <source>文件内容必须是一个 JSON 对象</source>
            <translation>The file content must be a JSON object</translation>
        </message>
        <message>
            <source>未知的键“{key}”；允许的键：{allowed}</source>
            <translation>Unknown key "{key}"; allowed keys: {allowed}</translation>
        </message>
        <message>
            <source>每条话术必须是 JSON 对象</source>
            <translation>Each script must be a JSON object</translation>
        </message>
        <message>
            <source>没有编号为“{id}”的话术</source>
            <translation>There is no script with ID "{id}"</translation>
        </message>
        <message>
            <source>缺少{label}，请先填写</source>
            <translation>{label} is missing; please fill it in first</translation>
        </message>
        <message>
            <source>缺少话术：{what}</source>
            <translation>Missing scripts: {what}</translation>
        </message>
        <message>
            <source>花括号不成对：{reason}；要显示花括号本身请写 {{ 或 }}</source>
            <translation>Unbalanced braces: {reason}; to show a brace itself, write {{ or }}</translation>
        </message>
    </context>
    <context>
        <name>SeatController</name>
        <message>
            <source>内置培训后台</source>
            <translation>Built-in training backend</translation>
        </message>
        <message>
            <source>连接恢复后，后台显示本座席为「{actual}」（之前显示「{shown}」），已按后台状态更新。</source>
            <translation>After reconnecting, the backend shows this seat as "{actual}" (previously shown as "{shown}"); updated to the backend state.</translation>
        </message>
    </context>
    <context>
        <name>SeatMachine</name>
        <message>
            <source>{state}（{reason}）</source>
            <translation>{state} ({reason})</translation>
        </message>
        <message>
            <source>{why}现在不能进行其他座席操作。</source>
            <translation>{why} No other seat actions are possible now.</translation>
        </message>
        <message>
            <source>{why}现在可以：{actions}。</source>
            <translation>{why} You can now: {actions}.</translation>
        </message>
        <message>
            <source>“{reason}”由系统设置，座席不能选择；可选的原因：{choices}。</source>
            <translation>"{reason}" is set by the system and cannot be chosen by the seat; available reasons: {choices}.</translation>
        </message>
        <message>
            <source>“{state}”时不能{action}。</source>
            <translation>Cannot use "{action}" while "{state}".</translation>
        </message>
        <message>
            <source>“{state}”时不能示忙；可以预约“本次通话后示忙”。</source>
            <translation>Cannot go away while "{state}"; you can schedule "Away after this call".</translation>
        </message>
        <message>
            <source>“{state}”时不能示闲；通话和话后整理结束后会自动示闲。</source>
            <translation>Cannot go ready while "{state}"; you will be set to ready automatically when the call and wrap-up end.</translation>
        </message>
        <message>
            <source>“{state}”时不能签出；可以预约“本次通话后签出”。</source>
            <translation>Cannot sign out while "{state}"; you can schedule "Sign out after this call".</translation>
        </message>
        <message>
            <source>不认识的操作。</source>
            <translation>Unknown action.</translation>
        </message>
        <message>
            <source>与服务器的连接已中断，正在重新连接；恢复后以服务器的座席状态为准。</source>
            <translation>The connection to the server was lost; reconnecting. Once it is back, the seat state on the server applies.</translation>
        </message>
        <message>
            <source>尚未签入，请先签入。</source>
            <translation>Not signed in. Please sign in first.</translation>
        </message>
        <message>
            <source>工单尚未保存，话后整理不能结束：请先保存工单。</source>
            <translation>The order has not been saved, so wrap-up cannot end: please save the order first.</translation>
        </message>
        <message>
            <source>工单属于通话 {order_call}，不是当前通话 {call}。</source>
            <translation>The order belongs to call {order_call}, not the current call {call}.</translation>
        </message>
        <message>
            <source>已经在“{state}”，一次只能咨询一方。</source>
            <translation>Already "{state}"; you can consult only one party at a time.</translation>
        </message>
        <message>
            <source>已经签入。</source>
            <translation>Already signed in.</translation>
        </message>
        <message>
            <source>已经预约了本次通话后“{next}”。</source>
            <translation>"{next}" after this call is already scheduled.</translation>
        </message>
        <message>
            <source>座席只能为自己预约，不能以班长身份预约。</source>
            <translation>A seat can only schedule for itself, not as a team leader.</translation>
        </message>
        <message>
            <source>当前不在话后整理。</source>
            <translation>Not in wrap-up.</translation>
        </message>
        <message>
            <source>当前已经是“{state}”。</source>
            <translation>Already "{state}".</translation>
        </message>
        <message>
            <source>当前没有进行中的咨询或三方通话。</source>
            <translation>There is no consultation or three-way call in progress.</translation>
        </message>
        <message>
            <source>当前没有通话，不能{action}。</source>
            <translation>There is no call, so "{action}" is not possible.</translation>
        </message>
        <message>
            <source>当前没有通话，保存工单不改变座席状态。</source>
            <translation>There is no call; saving the order does not change the seat state.</translation>
        </message>
        <message>
            <source>当前没有通话，可以直接示忙或签出，无需预约。</source>
            <translation>There is no call; you can go away or sign out directly, no need to schedule.</translation>
        </message>
        <message>
            <source>本次话后整理已经延长过一次，不能再延长。</source>
            <translation>This wrap-up has already been extended once and cannot be extended again.</translation>
        </message>
        <message>
            <source>本班组的话后整理不允许延长。</source>
            <translation>Your team does not allow extending wrap-up.</translation>
        </message>
        <message>
            <source>本班组的话后整理不允许提前结束，还剩 {seconds} 秒。</source>
            <translation>Your team does not allow ending wrap-up early; {seconds} seconds left.</translation>
        </message>
        <message>
            <source>来电尚未接听，不能{action}。</source>
            <translation>The call has not been answered yet, so "{action}" is not possible.</translation>
        </message>
        <message>
            <source>来电尚未接听，还没有这次通话的工单。</source>
            <translation>The call has not been answered yet, so there is no order for it yet.</translation>
        </message>
        <message>
            <source>正在咨询，请先结束咨询或转为三方通话，再挂断。</source>
            <translation>A consultation is in progress. End it or turn it into a three-way call before hanging up.</translation>
        </message>
        <message>
            <source>没有振铃中的来电，不能接听。</source>
            <translation>No call is ringing, so there is nothing to answer.</translation>
        </message>
        <message>
            <source>没有示忙原因“{code}”；可选的原因：{choices}。</source>
            <translation>There is no away reason "{code}"; available reasons: {choices}.</translation>
        </message>
        <message>
            <source>没有预约的下一状态，无需取消。</source>
            <translation>No next state is scheduled, so there is nothing to cancel.</translation>
        </message>
        <message>
            <source>班长 {by} 已安排本次通话后“{next}”，座席不能更改或取消。</source>
            <translation>Team leader {by} has scheduled "{next}" after this call; the seat cannot change or cancel it.</translation>
        </message>
        <message>
            <source>班长 {by} 已安排本次通话后“{next}”，请点“结束话后整理”。</source>
            <translation>Team leader {by} has scheduled "{next}" after this call; please click "End wrap-up".</translation>
        </message>
        <message>
            <source>示忙（{reason}）</source>
            <translation>Away ({reason})</translation>
        </message>
        <message>
            <source>签出</source>
            <translation>Sign out</translation>
        </message>
        <message>
            <source>请先发起咨询，对方接通后才能转为三方通话。</source>
            <translation>Start a consultation first; it can become a three-way call once the other party answers.</translation>
        </message>
        <message>
            <source>请选择咨询对象（专席、承办单位或班长）。</source>
            <translation>Please choose whom to consult (specialist seat, handling unit or team leader).</translation>
        </message>
        <message>
            <source>通话不在保持中，无需取回。</source>
            <translation>The call is not on hold, so there is nothing to retrieve.</translation>
        </message>
        <message>
            <source>通话已结束，正在话后整理，不能{action}。</source>
            <translation>The call has ended and wrap-up is in progress, so "{action}" is not possible.</translation>
        </message>
    </context>
    <context>
        <name>SeatRequest</name>
        <message>
            <source>三方通话</source>
            <translation>Three-way call</translation>
        </message>
        <message>
            <source>保存工单</source>
            <translation>Save order</translation>
        </message>
        <message>
            <source>保持</source>
            <translation>Hold</translation>
        </message>
        <message>
            <source>取回</source>
            <translation>Retrieve</translation>
        </message>
        <message>
            <source>取消预约</source>
            <translation>Cancel scheduled state</translation>
        </message>
        <message>
            <source>咨询</source>
            <translation>Consult</translation>
        </message>
        <message>
            <source>延长话后整理</source>
            <translation>Extend wrap-up</translation>
        </message>
        <message>
            <source>挂断</source>
            <translation>Hang up</translation>
        </message>
        <message>
            <source>接听</source>
            <translation>Answer</translation>
        </message>
        <message>
            <source>示忙</source>
            <translation>Away</translation>
        </message>
        <message>
            <source>示闲</source>
            <translation>Ready</translation>
        </message>
        <message>
            <source>签入</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <source>签出</source>
            <translation>Sign out</translation>
        </message>
        <message>
            <source>结束咨询</source>
            <translation>End consultation</translation>
        </message>
        <message>
            <source>结束话后整理</source>
            <translation>End wrap-up</translation>
        </message>
        <message>
            <source>预约下一状态</source>
            <translation>Schedule next state</translation>
        </message>
    </context>
    <context>
        <name>SeatRules</name>
        <message>
            <source>extension_allowed 为 true 时必须写明 extension_seconds（每次延长的秒数）</source>
            <translation>When extension_allowed is true, extension_seconds (seconds per extension) must be given</translation>
        </message>
        <message>
            <source>“{code}”是系统原因，由系统设置，座席不能选择：selectable 应为 false</source>
            <translation>"{code}" is a system reason, set by the system, which the seat cannot choose: selectable should be false</translation>
        </message>
        <message>
            <source>代码“{code}”重复，第一次出现在 {first}</source>
            <translation>Code "{code}" is duplicated; first seen at {first}</translation>
        </message>
        <message>
            <source>代码只能用小写英文字母、数字和下划线，以字母开头，最多 32 个字符</source>
            <translation>Codes may use only lowercase English letters, digits and underscores, must start with a letter, and have at most 32 characters</translation>
        </message>
        <message>
            <source>应为 true 或 false，现为 {value}</source>
            <translation>Should be true or false; it is {value}</translation>
        </message>
        <message>
            <source>应为 {low} 到 {high} 之间的整数，现为 {value}</source>
            <translation>Should be an integer from {low} to {high}; it is {value}</translation>
        </message>
        <message>
            <source>应为以下之一：{options}，现为 {value}</source>
            <translation>Should be one of: {options}; it is {value}</translation>
        </message>
        <message>
            <source>应为对象 {{…}}，允许的键：{keys}</source>
            <translation>Should be an object {{…}}; allowed keys: {keys}</translation>
        </message>
        <message>
            <source>应为非空数组，每项一个原因：code、label_zh、label_en、selectable、max_minutes</source>
            <translation>Should be a non-empty array, one reason per item: code, label_zh, label_en, selectable, max_minutes</translation>
        </message>
        <message>
            <source>应为非空文字，最多 {max} 个字符，现为 {value}</source>
            <translation>Should be non-empty text of at most {max} characters; it is {value}</translation>
        </message>
        <message>
            <source>未知的键“{key}”；允许的键：{keys}</source>
            <translation>Unknown key "{key}"; allowed keys: {keys}</translation>
        </message>
        <message>
            <source>缺少必填的键“{key}”</source>
            <translation>Required key "{key}" is missing</translation>
        </message>
        <message>
            <source>缺少系统原因：{missing}；系统原因必须齐全：{required}</source>
            <translation>Missing system reasons: {missing}; all system reasons are required: {required}</translation>
        </message>
        <message>
            <source>至少需要一个座席可选的原因（selectable 为 true）</source>
            <translation>At least one reason the seat can choose is needed (selectable is true)</translation>
        </message>
    </context>
    <context>
        <name>SeatSession</name>
        <message>
            <source>后台已将本座席签出。</source>
            <translation>The backend has signed this seat out.</translation>
        </message>
        <message>
            <source>尚未签入。</source>
            <translation>Not signed in.</translation>
        </message>
        <message>
            <source>已签出。</source>
            <translation>Signed out.</translation>
        </message>
        <message>
            <source>已经是示闲状态。</source>
            <translation>Already ready.</translation>
        </message>
        <message>
            <source>请选择示忙原因。</source>
            <translation>Please choose an away reason.</translation>
        </message>
        <message>
            <source>通话或话后整理中不能切换示闲/示忙。</source>
            <translation>Cannot switch between ready and away during a call or wrap-up.</translation>
        </message>
    </context>
    <context>
        <name>SeatState</name>
        <message>
            <source>三方通话</source>
            <translation>Three-way call</translation>
        </message>
        <message>
            <source>保持</source>
            <translation>On hold</translation>
        </message>
        <message>
            <source>保持中</source>
            <translation>On hold</translation>
        </message>
        <message>
            <source>咨询中</source>
            <translation>Consulting</translation>
        </message>
        <message>
            <source>已签出</source>
            <translation>Signed out</translation>
        </message>
        <message>
            <source>振铃</source>
            <translation>Ringing</translation>
        </message>
        <message>
            <source>未签入</source>
            <translation>Not signed in</translation>
        </message>
        <message>
            <source>示忙</source>
            <translation>Away</translation>
        </message>
        <message>
            <source>示闲</source>
            <translation>Ready</translation>
        </message>
        <message>
            <source>示闲（待接）</source>
            <translation>Ready (waiting)</translation>
        </message>
        <message>
            <source>话后整理</source>
            <translation>Wrap-up</translation>
        </message>
        <message>
            <source>通话中</source>
            <translation>On call</translation>
        </message>
    </context>
    <context>
        <name>SeatStateBar</name>
        <message>
            <source>{name}（工号 {job}）· 座席 {seat}</source>
            <translation>{name} (job number {job}) · Seat {seat}</translation>
        </message>
        <message>
            <source>座席提示</source>
            <translation>Seat messages</translation>
        </message>
        <message>
            <source>座席状态</source>
            <translation>Seat state</translation>
        </message>
        <message>
            <source>当前状态持续时间</source>
            <translation>Time in current state</translation>
        </message>
        <message>
            <source>示忙</source>
            <translation>Away</translation>
        </message>
        <message>
            <source>示忙原因</source>
            <translation>Away reason</translation>
        </message>
        <message>
            <source>示闲</source>
            <translation>Ready</translation>
        </message>
        <message>
            <source>签入人员</source>
            <translation>Signed-in person</translation>
        </message>
        <message>
            <source>签出</source>
            <translation>Sign out</translation>
        </message>
    </context>
    <context>
        <name>Shortcuts</name>
        <message>
            <source>关于</source>
            <translation>About</translation>
        </message>
        <message>
            <source>快捷键一览</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <source>快捷键列表</source>
            <translation>Shortcut list</translation>
        </message>
        <message>
            <source>按键</source>
            <translation>Key</translation>
        </message>
        <message>
            <source>操作</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>显示/隐藏知识库</source>
            <translation>Show/hide knowledge base</translation>
        </message>
        <message>
            <source>显示/隐藏话术区</source>
            <translation>Show/hide scripts panel</translation>
        </message>
        <message>
            <source>显示/隐藏通话区</source>
            <translation>Show/hide call panel</translation>
        </message>
        <message>
            <source>示忙（选择原因）</source>
            <translation>Away (choose a reason)</translation>
        </message>
        <message>
            <source>示闲</source>
            <translation>Ready</translation>
        </message>
        <message>
            <source>签出</source>
            <translation>Sign out</translation>
        </message>
        <message>
            <source>跳到工单</source>
            <translation>Go to order</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>例如 1001</source>
            <translation>e.g. 1001</translation>
        </message>
        <message>
            <source>例如 A01</source>
            <translation>e.g. A01</translation>
        </message>
        <message>
            <source>在本工位记住密码（保存在系统钥匙串中）</source>
            <translation>Remember password on this workstation (stored in the system keyring)</translation>
        </message>
        <message>
            <source>培训模式 TRAINING：使用内置培训后台，数据不会进入正式系统</source>
            <translation>TRAINING mode: uses the built-in training backend; data never enters the live system</translation>
        </message>
        <message>
            <source>密码(&amp;P)</source>
            <translation>&amp;Password</translation>
        </message>
        <message>
            <source>工号(&amp;J)</source>
            <translation>&amp;Job number</translation>
        </message>
        <message>
            <source>座席号(&amp;T)</source>
            <translation>Sea&amp;t ID</translation>
        </message>
        <message>
            <source>本机没有可用的系统钥匙串，无法安全保存密码。</source>
            <translation>No system keyring is available on this computer, so the password cannot be stored securely.</translation>
        </message>
        <message>
            <source>正在签入</source>
            <translation>Signing in</translation>
        </message>
        <message>
            <source>版本</source>
            <translation>Version</translation>
        </message>
        <message>
            <source>版本 {version} · {backend}</source>
            <translation>Version {version} · {backend}</translation>
        </message>
        <message>
            <source>签入</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <source>签入 - 12345 座席客户端</source>
            <translation>Sign in - 12345 Seat Client</translation>
        </message>
        <message>
            <source>签入(&amp;S)</source>
            <translation>&amp;Sign in</translation>
        </message>
        <message>
            <source>签入错误提示</source>
            <translation>Sign-in error message</translation>
        </message>
        <message>
            <source>记住密码</source>
            <translation>Remember password</translation>
        </message>
        <message>
            <source>请输入密码。</source>
            <translation>Please enter your password.</translation>
        </message>
        <message>
            <source>请输入工号。</source>
            <translation>Please enter your job number.</translation>
        </message>
        <message>
            <source>请输入座席号。</source>
            <translation>Please enter the seat ID.</translation>
        </message>
        <message>
            <source>退出</source>
            <translation>Quit</translation>
        </message>
        <message>
            <source>退出(&amp;Q)</source>
            <translation>&amp;Quit</translation>
        </message>
    </context>
    <context>
        <name>Taxonomy</name>
        <message>
            <source>一级类别名称</source>
            <translation>Top-level category name</translation>
        </message>
        <message>
            <source>业务主题应包含文字类的“class”和“item”</source>
            <translation>A business topic should contain the text fields "class" and "item"</translation>
        </message>
        <message>
            <source>同一类别下的二级条目名称</source>
            <translation>Second-level item name within the same category</translation>
        </message>
        <message>
            <source>编码</source>
            <translation>Code</translation>
        </message>
    </context>
    <context>
        <name>TimeLimits</name>
        <message>
            <source>办理时限政策 {policy} 中没有类别“{code}”，可用：{allowed}</source>
            <translation>Time-limit policy {policy} has no category "{code}"; available: {allowed}</translation>
        </message>
        <message>
            <source>政策名称</source>
            <translation>Policy name</translation>
        </message>
        <message>
            <source>没有办理时限政策“{name}”，可用：{allowed}</source>
            <translation>There is no time-limit policy "{name}"; available: {allowed}</translation>
        </message>
        <message>
            <source>类别名称</source>
            <translation>Category name</translation>
        </message>
        <message>
            <source>类别编码</source>
            <translation>Category code</translation>
        </message>
        <message>
            <source>类别编码“{code}”只能用小写英文字母、数字和下划线，如 extra_urgent</source>
            <translation>Category code "{code}" may use only lowercase English letters, digits and underscores, e.g. extra_urgent</translation>
        </message>
        <message>
            <source>默认政策“{name}”不在 policies 中，可用：{allowed}</source>
            <translation>Default policy "{name}" is not in policies; available: {allowed}</translation>
        </message>
    </context>
    <context>
        <name>Tools</name>
        <message>
            <source>“{text}”不是 ISO 8601 时间，例如 2025-09-30T16:20 或 2025-09-30T16:20:00+08:00</source>
            <translation>"{text}" is not an ISO 8601 time, e.g. 2025-09-30T16:20 or 2025-09-30T16:20:00+08:00</translation>
        </message>
        <message>
            <source>临时结果：否</source>
            <translation>Provisional: no</translation>
        </message>
        <message>
            <source>临时结果：是（超出已知的节假日安排，按周一至周五估算，公布后需复核）</source>
            <translation>Provisional: yes (beyond the known holiday schedule; estimated on Mondays to Fridays, recheck once the schedule is published)</translation>
        </message>
        <message>
            <source>以 JSON 输出</source>
            <translation>Output as JSON</translation>
        </message>
        <message>
            <source>写入测试密码失败。</source>
            <translation>Failed to write the test password.</translation>
        </message>
        <message>
            <source>删除测试密码失败：钥匙串中仍有该条目。</source>
            <translation>Failed to delete the test password: the entry is still in the keyring.</translation>
        </message>
        <message>
            <source>办理时限政策，如 ZJ-2025、HZ-2020；默认用规则文件指定的</source>
            <translation>Time-limit policy, e.g. ZJ-2025, HZ-2020; defaults to the one set in the rule file</translation>
        </message>
        <message>
            <source>办理时限类别，如 quick、general、routine</source>
            <translation>Time-limit category, e.g. quick, general, routine</translation>
        </message>
        <message>
            <source>办结日：{day}（政策 {policy}，类别 {code}，{days} 个工作日，登记当日不计）</source>
            <translation>Closing day: {day} (policy {policy}, category {code}, {days} working days, registration day not counted)</translation>
        </message>
        <message>
            <source>参数错误：{reason}</source>
            <translation>Invalid arguments: {reason}</translation>
        </message>
        <message>
            <source>在系统钥匙串中写入、读回并删除一个临时测试密码，并显示所用的钥匙串后端。</source>
            <translation>Writes, reads back and deletes a temporary test password in the system keyring, and shows the keyring backend in use.</translation>
        </message>
        <message>
            <source>座席客户端的运维工具：检查规则文件、计算办理期限。</source>
            <translation>Maintenance tools for the seat client: check rule files, calculate handling deadlines.</translation>
        </message>
        <message>
            <source>截止时间：{deadline}</source>
            <translation>Deadline: {deadline}</translation>
        </message>
        <message>
            <source>按工作日（含法定节假日和调休）计算办理截止时间；登记当日不计。</source>
            <translation>Calculates the handling deadline in working days (taking public holidays and make-up working days into account); the registration day is not counted.</translation>
        </message>
        <message>
            <source>本厅的规则覆盖目录</source>
            <translation>This hall's rule override folder</translation>
        </message>
        <message>
            <source>检查了 {files} 个规则文件，发现 {problems} 个问题</source>
            <translation>Checked {files} rule files, found {problems} problems</translation>
        </message>
        <message>
            <source>检查本厅规则覆盖目录中的规则文件</source>
            <translation>Check the rule files in this hall's rule override folder</translation>
        </message>
        <message>
            <source>检查本机的系统钥匙串能否保存密码</source>
            <translation>Check whether this computer's system keyring can store passwords</translation>
        </message>
        <message>
            <source>检查目录中每个已知规则的 JSON 文件；问题按“文件:行: 键: 问题”列出。</source>
            <translation>Checks the JSON file of every known rule in the folder; problems are listed as "file:line: key: problem".</translation>
        </message>
        <message>
            <source>没有可用的安全钥匙串：座席客户端不会在本机记住密码。</source>
            <translation>No secure keyring is available: the seat client will not remember passwords on this computer.</translation>
        </message>
        <message>
            <source>登记时间，ISO 8601；不带时区时按北京时间</source>
            <translation>Registration time, ISO 8601; Beijing time if no time zone is given</translation>
        </message>
        <message>
            <source>规则覆盖目录</source>
            <translation>Rule override folder</translation>
        </message>
        <message>
            <source>警告：{file}：不是已知的规则文件，已跳过（已知：{names}）</source>
            <translation>Warning: {file}: not a known rule file, skipped (known: {names})</translation>
        </message>
        <message>
            <source>计算工单的办理截止时间</source>
            <translation>Calculate an order's handling deadline</translation>
        </message>
        <message>
            <source>读回的测试密码与写入的不一致。</source>
            <translation>The test password read back does not match the one written.</translation>
        </message>
        <message>
            <source>钥匙串后端：{backend}</source>
            <translation>Keyring backend: {backend}</translation>
        </message>
        <message>
            <source>钥匙串检查通过：写入、读回、删除测试密码均成功。</source>
            <translation>Keyring check passed: writing, reading back and deleting the test password all succeeded.</translation>
        </message>
        <message>
            <source>错误：{path} 不是目录</source>
            <translation>Error: {path} is not a folder</translation>
        </message>
        <message>
            <source>错误：{reason}</source>
            <translation>Error: {reason}</translation>
        </message>
    </context>
    <context>
        <name>TrainingCallers</name>
        <message>
            <source>号码与类型不符：mobile 为 11 位手机号，landline 为带区号的座机号（如 0571-87001234），withheld 时为空</source>
            <translation>The number does not match the type: mobile is an 11-digit mobile number, landline is a landline number with area code (e.g. 0571-87001234), and it is empty for withheld</translation>
        </message>
        <message>
            <source>应为文字（可为空），最多 60 个字符</source>
            <translation>Should be text (may be empty), at most 60 characters</translation>
        </message>
        <message>
            <source>应为非空数组，每项一位模拟来电人</source>
            <translation>Should be a non-empty array, one simulated caller per item</translation>
        </message>
    </context>
</TS>
