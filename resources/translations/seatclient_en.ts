<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
    <context>
        <name>AlertLevel</name>
        <message>
            <source>提示</source>
            <translation>Info</translation>
        </message>
        <message>
            <source>紧急</source>
            <translation>Urgent</translation>
        </message>
        <message>
            <source>警告</source>
            <translation>Warning</translation>
        </message>
    </context>
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
        <name>ArticleView</name>
        <message>
            <source>业务类别</source>
            <translation>Business category</translation>
        </message>
        <message>
            <source>业务类别：{topic_class} › {topic_item}</source>
            <translation>Business category: {topic_class} › {topic_item}</translation>
        </message>
        <message>
            <source>反馈未发送：{reason}</source>
            <translation>Feedback not sent: {reason}</translation>
        </message>
        <message>
            <source>反馈未被接受：{reason}</source>
            <translation>Feedback not accepted: {reason}</translation>
        </message>
        <message>
            <source>发布单位</source>
            <translation>Publishing unit</translation>
        </message>
        <message>
            <source>发布单位：{organisation}</source>
            <translation>Published by: {organisation}</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>复制</source>
            <translation>Copy</translation>
        </message>
        <message>
            <source>尚未生效</source>
            <translation>Not yet in effect</translation>
        </message>
        <message>
            <source>已反馈“已过时”，知识库管理员会核实更新</source>
            <translation>Reported as "Outdated"; the knowledge base administrator will check and update it</translation>
        </message>
        <message>
            <source>已反馈“有用”，谢谢</source>
            <translation>Marked as "Useful", thank you</translation>
        </message>
        <message>
            <source>已复制到剪贴板</source>
            <translation>Copied to the clipboard</translation>
        </message>
        <message>
            <source>已插入工单答复</source>
            <translation>Inserted into the order's answer</translation>
        </message>
        <message>
            <source>已撤回，请勿引用</source>
            <translation>Withdrawn; do not cite</translation>
        </message>
        <message>
            <source>已过时</source>
            <translation>Outdated</translation>
        </message>
        <message>
            <source>已过期，请勿引用</source>
            <translation>Expired; do not cite</translation>
        </message>
        <message>
            <source>打开</source>
            <translation>Open</translation>
        </message>
        <message>
            <source>打开外部链接</source>
            <translation>Open external link</translation>
        </message>
        <message>
            <source>把本条知识的正文填入工单的直接答复</source>
            <translation>Fill the text of this article into the order's direct answer</translation>
        </message>
        <message>
            <source>插入答复</source>
            <translation>Insert answer</translation>
        </message>
        <message>
            <source>操作结果</source>
            <translation>Result</translation>
        </message>
        <message>
            <source>文中链接</source>
            <translation>Links in the text</translation>
        </message>
        <message>
            <source>文中链接（双击或回车打开，打开前会询问）</source>
            <translation>Links in the text (double-click or press Enter to open; you will be asked first)</translation>
        </message>
        <message>
            <source>暂时连不上后台：反馈已保存在本机，恢复连接后自动发送</source>
            <translation>The backend cannot be reached right now: the feedback is kept on this computer and sent automatically once the connection is back</translation>
        </message>
        <message>
            <source>有效期</source>
            <translation>Validity period</translation>
        </message>
        <message>
            <source>有用</source>
            <translation>Useful</translation>
        </message>
        <message>
            <source>本地知识库中没有这条知识（可能已被撤回）</source>
            <translation>This article is not in the local knowledge base (it may have been withdrawn)</translation>
        </message>
        <message>
            <source>生效日期：{start}　失效日期：{end}</source>
            <translation>Effective: {start} · Expires: {end}</translation>
        </message>
        <message>
            <source>知识全文</source>
            <translation>Full article</translation>
        </message>
        <message>
            <source>知识有效性</source>
            <translation>Article validity</translation>
        </message>
        <message>
            <source>知识标题</source>
            <translation>Article title</translation>
        </message>
        <message>
            <source>知识正文</source>
            <translation>Article text</translation>
        </message>
        <message>
            <source>要在浏览器中打开这个地址吗？</source>
            <translation>Open this address in the browser?</translation>
        </message>
        <message>
            <source>选择一条知识查看全文</source>
            <translation>Select an article to see its full text</translation>
        </message>
        <message>
            <source>长期有效</source>
            <translation>never</translation>
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
        <name>CallPanel</name>
        <message>
            <source>{talk} · 保持 {held}</source>
            <translation>{talk} · On hold {held}</translation>
        </message>
        <message>
            <source>{text} · 已静音</source>
            <translation>{text} · Muted</translation>
        </message>
        <message>
            <source>{who} · {where}
“{topic}”
（参考诉求类型：{kind}）</source>
            <translation>{who} · {where}
"{topic}"
(Request type for reference: {kind})</translation>
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
            <source>取消静音</source>
            <translation>Unmute</translation>
        </message>
        <message>
            <source>取消预约</source>
            <translation>Cancel scheduled state</translation>
        </message>
        <message>
            <source>号码未显示</source>
            <translation>Number withheld</translation>
        </message>
        <message>
            <source>已等待</source>
            <translation>Waited</translation>
        </message>
        <message>
            <source>已预约：通话后{next}</source>
            <translation>Scheduled after this call: {next}</translation>
        </message>
        <message>
            <source>已预约：通话后{next}（班长 {by} 安排）</source>
            <translation>Scheduled after this call: {next} (set by team leader {by})</translation>
        </message>
        <message>
            <source>当前没有通话</source>
            <translation>No call at the moment</translation>
        </message>
        <message>
            <source>挂断</source>
            <translation>Hang up</translation>
        </message>
        <message>
            <source>按键</source>
            <translation>Keypad</translation>
        </message>
        <message>
            <source>按键号码</source>
            <translation>Digits to send</translation>
        </message>
        <message>
            <source>按键（0-9 * #），回车发送</source>
            <translation>Digits (0-9 * #), press Enter to send</translation>
        </message>
        <message>
            <source>振铃计数</source>
            <translation>Ring count</translation>
        </message>
        <message>
            <source>排队等待时间</source>
            <translation>Queue waiting time</translation>
        </message>
        <message>
            <source>接听</source>
            <translation>Answer</translation>
        </message>
        <message>
            <source>未预约：通话和话后整理结束后自动示闲</source>
            <translation>Nothing scheduled: ready automatically after the call and wrap-up</translation>
        </message>
        <message>
            <source>本次通话后</source>
            <translation>After this call</translation>
        </message>
        <message>
            <source>来电号码</source>
            <translation>Caller number</translation>
        </message>
        <message>
            <source>来电振铃 · 请接听</source>
            <translation>Incoming call ringing · Please answer</translation>
        </message>
        <message>
            <source>来电队列</source>
            <translation>Call queue</translation>
        </message>
        <message>
            <source>模拟来电人陈述</source>
            <translation>Simulated caller's story</translation>
        </message>
        <message>
            <source>模拟来电人（培训）</source>
            <translation>Simulated caller (training)</translation>
        </message>
        <message>
            <source>示闲：等待来电</source>
            <translation>Ready: waiting for calls</translation>
        </message>
        <message>
            <source>第 {ring} 声 · {target} 声内接听</source>
            <translation>Ring {ring} · answer within {target} rings</translation>
        </message>
        <message>
            <source>第 {ring} 声 · 已超过 {target} 声，请立即接听</source>
            <translation>Ring {ring} · over {target} rings, please answer now</translation>
        </message>
        <message>
            <source>语音导航</source>
            <translation>Voice menu</translation>
        </message>
        <message>
            <source>语音导航记录</source>
            <translation>Voice menu record</translation>
        </message>
        <message>
            <source>通话</source>
            <translation>Call</translation>
        </message>
        <message>
            <source>通话 {time}</source>
            <translation>Call {time}</translation>
        </message>
        <message>
            <source>通话后的状态</source>
            <translation>State after the call</translation>
        </message>
        <message>
            <source>通话后示忙</source>
            <translation>Away after this call</translation>
        </message>
        <message>
            <source>通话后示忙原因</source>
            <translation>Away reason after this call</translation>
        </message>
        <message>
            <source>通话后签出</source>
            <translation>Sign out after this call</translation>
        </message>
        <message>
            <source>通话已结束</source>
            <translation>Call ended</translation>
        </message>
        <message>
            <source>通话提示</source>
            <translation>Call messages</translation>
        </message>
        <message>
            <source>通话时长</source>
            <translation>Call duration</translation>
        </message>
        <message>
            <source>通话状态</source>
            <translation>Call status</translation>
        </message>
        <message>
            <source>铃声提示</source>
            <translation>Ringtone message</translation>
        </message>
        <message>
            <source>队列</source>
            <translation>Queue</translation>
        </message>
        <message>
            <source>静音</source>
            <translation>Mute</translation>
        </message>
        <message>
            <source>（不愿留姓名）</source>
            <translation>(name not given)</translation>
        </message>
        <message>
            <source>（无）</source>
            <translation>(none)</translation>
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
        <name>CompliancePolicy</name>
        <message>
            <source>call_taker_speakers 必须是非空数组，列出受话人员一方的说话方代码，如 agent</source>
            <translation>call_taker_speakers must be a non-empty array listing the speaker codes of the call-taker side, e.g. agent</translation>
        </message>
        <message>
            <source>description 必须是字符串</source>
            <translation>description must be a string</translation>
        </message>
        <message>
            <source>key 必须是工单字段名：小写字母开头，只含小写字母、数字和下划线</source>
            <translation>key must be an order field name: starting with a lowercase letter and containing only lowercase letters, digits and underscores</translation>
        </message>
        <message>
            <source>order_text_fields 必须是非空数组，每项形如 {"key": …, "label": …}</source>
            <translation>order_text_fields must be a non-empty array, each item like {"key": …, "label": …}</translation>
        </message>
        <message>
            <source>transcript_alert_seconds 必须是 {low} 到 {high} 之间的整数（秒）</source>
            <translation>transcript_alert_seconds must be an integer from {low} to {high} (seconds)</translation>
        </message>
        <message>
            <source>字段“{key}”与 {other} 重复</source>
            <translation>Field "{key}" duplicates {other}</translation>
        </message>
        <message>
            <source>必须是非空字符串</source>
            <translation>Must be a non-empty string</translation>
        </message>
        <message>
            <source>文件内容必须是一个 JSON 对象</source>
            <translation>The file content must be a JSON object</translation>
        </message>
        <message>
            <source>未知的键“{key}”；允许的键：key、label、label_en</source>
            <translation>Unknown key "{key}"; allowed keys: key, label, label_en</translation>
        </message>
        <message>
            <source>未知的键“{key}”；允许的键：{allowed}</source>
            <translation>Unknown key "{key}"; allowed keys: {allowed}</translation>
        </message>
        <message>
            <source>每个字段必须是 JSON 对象：key、label、label_en</source>
            <translation>Each field must be a JSON object: key, label, label_en</translation>
        </message>
        <message>
            <source>说话方代码只能由小写字母、数字、下划线和连字符组成，如 agent</source>
            <translation>Speaker codes may contain only lowercase letters, digits, underscores and hyphens, e.g. agent</translation>
        </message>
    </context>
    <context>
        <name>ComplianceReload</name>
        <message>
            <source>后台下发的规则有误，仍按原规则执行：{problem}</source>
            <translation>The rules sent by the backend have an error; the rules in force stay: {problem}</translation>
        </message>
        <message>
            <source>已更新：{parts}，无需重启。</source>
            <translation>Updated: {parts}; no restart needed.</translation>
        </message>
        <message>
            <source>服务禁语</source>
            <translation>forbidden phrases</translation>
        </message>
        <message>
            <source>服务话术</source>
            <translation>service scripts</translation>
        </message>
        <message>
            <source>禁语检查范围</source>
            <translation>phrase check scope</translation>
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
            <source>应为 true 或 false</source>
            <translation>must be true or false</translation>
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
            <source>本工位已禁用培训模式（training_allowed = false），必须配置正式后台地址 backend_url</source>
            <translation>training mode is disabled on this workstation (training_allowed = false): backend_url must name the production backend</translation>
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
        <name>DispatchPanel</name>
        <message>
            <source>{label}（{key}）</source>
            <translation>{label} ({key})</translation>
        </message>
        <message>
            <source>{number}. {reason}</source>
            <translation>{number}. {reason}</translation>
        </message>
        <message>
            <source>{place}；按 {number} 或回车选择</source>
            <translation>{place}; press {number} or Enter to choose</translation>
        </message>
        <message>
            <source>不予受理</source>
            <translation>Not accepted</translation>
        </message>
        <message>
            <source>不予受理的情形</source>
            <translation>Reason not accepted</translation>
        </message>
        <message>
            <source>不予受理：选择情形</source>
            <translation>Not accepted: choose the reason</translation>
        </message>
        <message>
            <source>关联已有工单</source>
            <translation>Link to existing order</translation>
        </message>
        <message>
            <source>关联已有工单：原工单号</source>
            <translation>Link to an existing order: its number</translation>
        </message>
        <message>
            <source>办理方式</source>
            <translation>Handling</translation>
        </message>
        <message>
            <source>原工单号</source>
            <translation>Existing order number</translation>
        </message>
        <message>
            <source>取消不予受理</source>
            <translation>Cancel not accepted</translation>
        </message>
        <message>
            <source>取消关联</source>
            <translation>Cancel link</translation>
        </message>
        <message>
            <source>取消（Esc）</source>
            <translation>Cancel (Esc)</translation>
        </message>
        <message>
            <source>告知来电人的话术</source>
            <translation>What to tell the caller</translation>
        </message>
        <message>
            <source>告知来电人：</source>
            <translation>Tell the caller:</translation>
        </message>
        <message>
            <source>填写诉求分类、属地和事由后，这里给出承办单位建议</source>
            <translation>Once the request type, locality and what happened are filled in, handling unit suggestions appear here</translation>
        </message>
        <message>
            <source>属地</source>
            <translation>Locality</translation>
        </message>
        <message>
            <source>工单号错误提示</source>
            <translation>Order number problem</translation>
        </message>
        <message>
            <source>已选承办单位</source>
            <translation>Chosen handling unit</translation>
        </message>
        <message>
            <source>已选承办单位：{unit}（{place}）</source>
            <translation>Chosen handling unit: {unit} ({place})</translation>
        </message>
        <message>
            <source>建议 {number}：{unit}</source>
            <translation>Suggestion {number}: {unit}</translation>
        </message>
        <message>
            <source>操作提示</source>
            <translation>Hint</translation>
        </message>
        <message>
            <source>无匹配规则</source>
            <translation>No matching rule</translation>
        </message>
        <message>
            <source>未选择承办单位</source>
            <translation>No handling unit chosen</translation>
        </message>
        <message>
            <source>查找其他承办单位</source>
            <translation>Find another handling unit</translation>
        </message>
        <message>
            <source>查找其他承办单位（{key}）</source>
            <translation>Find another handling unit ({key})</translation>
        </message>
        <message>
            <source>查找承办单位</source>
            <translation>Find handling unit</translation>
        </message>
        <message>
            <source>派单</source>
            <translation>Dispatch</translation>
        </message>
        <message>
            <source>派单建议</source>
            <translation>Dispatch suggestions</translation>
        </message>
        <message>
            <source>派单建议（{key}）</source>
            <translation>Dispatch suggestions ({key})</translation>
        </message>
        <message>
            <source>派单提示</source>
            <translation>Dispatch messages</translation>
        </message>
        <message>
            <source>特急派单</source>
            <translation>Extra-urgent dispatch</translation>
        </message>
        <message>
            <source>直接答复</source>
            <translation>Direct answer</translation>
        </message>
        <message>
            <source>确认不予受理</source>
            <translation>Confirm not accepted</translation>
        </message>
        <message>
            <source>确认不予受理（Enter）</source>
            <translation>Confirm not accepted (Enter)</translation>
        </message>
        <message>
            <source>确认关联</source>
            <translation>Confirm link</translation>
        </message>
        <message>
            <source>确认关联（Enter）</source>
            <translation>Confirm link (Enter)</translation>
        </message>
        <message>
            <source>紧急转警</source>
            <translation>Emergency transfer</translation>
        </message>
        <message>
            <source>紧急转警 110/119/120/122</source>
            <translation>Emergency transfer 110/119/120/122</translation>
        </message>
        <message>
            <source>紧急转警（110/119/120/122）</source>
            <translation>Emergency transfer (110/119/120/122)</translation>
        </message>
        <message>
            <source>职能</source>
            <translation>Functional</translation>
        </message>
        <message>
            <source>请先选择承办单位</source>
            <translation>Please choose a handling unit first</translation>
        </message>
        <message>
            <source>请先选择承办单位：{suggest} 选择建议，或 {find} 查找。</source>
            <translation>Please choose a handling unit first: {suggest} to pick a suggestion, or {find} to search.</translation>
        </message>
        <message>
            <source>请输入原工单号</source>
            <translation>Enter the existing order's number</translation>
        </message>
        <message>
            <source>转 110 公安</source>
            <translation>Transfer to 110 Police</translation>
        </message>
        <message>
            <source>转 119 消防</source>
            <translation>Transfer to 119 Fire</translation>
        </message>
        <message>
            <source>转 120 急救</source>
            <translation>Transfer to 120 Ambulance</translation>
        </message>
        <message>
            <source>转 122 交警</source>
            <translation>Transfer to 122 Traffic police</translation>
        </message>
        <message>
            <source>输入或从“历史工单”选择</source>
            <translation>Type it, or pick it in "Earlier orders"</translation>
        </message>
        <message>
            <source>选择情形后，这里显示告知来电人的话术</source>
            <translation>Choose a reason to see what to tell the caller</translation>
        </message>
        <message>
            <source>选择派单建议</source>
            <translation>Choose a dispatch suggestion</translation>
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
        <name>FakePhone</name>
        <message>
            <source>一次只能咨询一方。</source>
            <translation>Only one party can be consulted at a time.</translation>
        </message>
        <message>
            <source>对方尚未接听，不能完成转接。</source>
            <translation>The other party has not answered yet; the transfer cannot be completed.</translation>
        </message>
        <message>
            <source>对方尚未接听，不能转为三方通话。</source>
            <translation>The other party has not answered yet; a three-way call is not possible.</translation>
        </message>
        <message>
            <source>当前没有进行中的咨询。</source>
            <translation>No consultation is in progress.</translation>
        </message>
        <message>
            <source>按键只能是 0-9、*、#。</source>
            <translation>Digits can only be 0-9, * and #.</translation>
        </message>
        <message>
            <source>现在不能{command}（话机状态：{state}）。</source>
            <translation>Cannot {command} now (phone state: {state}).</translation>
        </message>
    </context>
    <context>
        <name>FloorDesk</name>
        <message>
            <source>已对{who}执行“{action}”。</source>
            <translation>Done: "{action}" on {who}.</translation>
        </message>
        <message>
            <source>已对{who}执行“{action}”（通话 {call}）。</source>
            <translation>Done: "{action}" on {who} (call {call}).</translation>
        </message>
        <message>
            <source>已确认{who}的举手求助，座席已收到通知。</source>
            <translation>Acknowledged the raised hand of {who}; the seat has been told.</translation>
        </message>
        <message>
            <source>座席 {seat}</source>
            <translation>Seat {seat}</translation>
        </message>
        <message>
            <source>座席 {seat}（{name}，工号 {job}）</source>
            <translation>seat {seat} ({name}, job number {job})</translation>
        </message>
        <message>
            <source>座席已转入话后整理。</source>
            <translation>The seat is now in wrap-up.</translation>
        </message>
        <message>
            <source>座席正在通话，将在本次通话及话后整理结束后生效。</source>
            <translation>The seat is on a call; this takes effect after the call and its wrap-up.</translation>
        </message>
        <message>
            <source>强制示忙</source>
            <translation>Force away</translation>
        </message>
        <message>
            <source>强制示闲</source>
            <translation>Force ready</translation>
        </message>
        <message>
            <source>强制签出</source>
            <translation>Force sign-out</translation>
        </message>
        <message>
            <source>强拆</source>
            <translation>Release</translation>
        </message>
        <message>
            <source>强插</source>
            <translation>Barge in</translation>
        </message>
        <message>
            <source>班长(&amp;L)</source>
            <translation>Team &amp;leader</translation>
        </message>
        <message>
            <source>班长在座席监控看板上{action}</source>
            <translation>Team leader used "{action}" on the seat board</translation>
        </message>
        <message>
            <source>班长在座席监控看板上操作</source>
            <translation>Team leader intervention from the seat board</translation>
        </message>
        <message>
            <source>班长席（座席监控）</source>
            <translation>Team leader's board</translation>
        </message>
        <message>
            <source>监听</source>
            <translation>Listen</translation>
        </message>
        <message>
            <source>耳语</source>
            <translation>Whisper</translation>
        </message>
        <message>
            <source>读取大厅座席失败：{message}</source>
            <translation>Could not read the hall's seats: {message}</translation>
        </message>
        <message>
            <source>退出通话</source>
            <translation>Leave the call</translation>
        </message>
    </context>
    <context>
        <name>FloorFigures</name>
        <message>
            <source>15 秒接通率</source>
            <translation>15-second answer rate</translation>
        </message>
        <message>
            <source>{seconds} 秒接通率 {share}（目标 {target}）</source>
            <translation>{seconds}-second answer rate {share} (target {target})</translation>
        </message>
        <message>
            <source>今日 呼入 {offered} · 接通 {answered} · 放弃 {abandoned}</source>
            <translation>Today: offered {offered} · answered {answered} · abandoned {abandoned}</translation>
        </message>
        <message>
            <source>今日呼入、接通、放弃</source>
            <translation>Calls offered, answered and abandoned today</translation>
        </message>
        <message>
            <source>平均通话 {talk} · 平均话后 {wrap_up}</source>
            <translation>Average talk {talk} · average wrap-up {wrap_up}</translation>
        </message>
        <message>
            <source>平均通话与话后整理</source>
            <translation>Average talk and wrap-up time</translation>
        </message>
        <message>
            <source>排队</source>
            <translation>Queue</translation>
        </message>
        <message>
            <source>排队 {count}</source>
            <translation>In queue {count}</translation>
        </message>
        <message>
            <source>最长等待</source>
            <translation>Longest wait</translation>
        </message>
        <message>
            <source>最长等待 {time}</source>
            <translation>Longest wait {time}</translation>
        </message>
    </context>
    <context>
        <name>FloorPlan</name>
        <message>
            <source>{area} 第 {row} 排</source>
            <translation>{area}, row {row}</translation>
        </message>
    </context>
    <context>
        <name>FloorRules</name>
        <message>
            <source>一排最多 {maximum} 个座席</source>
            <translation>At most {maximum} seats per row</translation>
        </message>
        <message>
            <source>区域标识“{id}”重复</source>
            <translation>Area ID "{id}" is duplicated</translation>
        </message>
        <message>
            <source>占位符“{{{field}}}”不可用；此类告警可用的占位符：{allowed}</source>
            <translation>Placeholder "{{{field}}}" is not available; placeholders available for this alert type: {allowed}</translation>
        </message>
        <message>
            <source>取值“{value}”无效；允许的取值：{allowed}</source>
            <translation>Value "{value}" is invalid; allowed values: {allowed}</translation>
        </message>
        <message>
            <source>告警类型“{kind}”重复，已在 {where} 定义；每种类型只能有一条规则</source>
            <translation>Alert type "{kind}" is duplicated, already defined at {where}; each type can have only one rule</translation>
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
            <source>应为对象（{ ... }）</source>
            <translation>Should be an object ({ ... })</translation>
        </message>
        <message>
            <source>应为非空数组（[ ... ]）</source>
            <translation>Should be a non-empty array ([ ... ])</translation>
        </message>
        <message>
            <source>应为非空文字</source>
            <translation>Should be non-empty text</translation>
        </message>
        <message>
            <source>座席号“{seat}”重复，已出现在 {where}</source>
            <translation>Seat ID "{seat}" is duplicated; already at {where}</translation>
        </message>
        <message>
            <source>座席号只能用英文字母、数字、“-”和“_”，以字母或数字开头，最多 16 个字符，例如“A01”</source>
            <translation>Seat IDs may use only English letters, digits, "-" and "_", must start with a letter or digit, and have at most 16 characters, e.g. "A01"</translation>
        </message>
        <message>
            <source>未知的键“{key}”；允许的键：{allowed}</source>
            <translation>Unknown key "{key}"; allowed keys: {allowed}</translation>
        </message>
        <message>
            <source>标识只能用小写英文字母、数字和下划线，以字母开头，最多 32 个字符</source>
            <translation>IDs may use only lowercase English letters, digits and underscores, must start with a letter, and have at most 32 characters</translation>
        </message>
        <message>
            <source>缺少必填键“{key}”；此处的键：{allowed}</source>
            <translation>Required key "{key}" is missing; keys here: {allowed}</translation>
        </message>
        <message>
            <source>花括号不成对；要显示花括号请写 {{{{ 或 }}}}；可用的占位符：{allowed}</source>
            <translation>Unbalanced braces; to show a brace, write {{{{ or }}}}; available placeholders: {allowed}</translation>
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
        <name>IntervalChart</name>
        <message>
            <source>15 分钟话务量</source>
            <translation>Calls per 15 minutes</translation>
        </message>
        <message>
            <source>{start} 起 15 分钟：呼入 {offered}，及时接通 {within}，放弃 {abandoned}</source>
            <translation>15 minutes from {start}: offered {offered}, answered in time {within}, abandoned {abandoned}</translation>
        </message>
        <message>
            <source>及时接通</source>
            <translation>Answered in time</translation>
        </message>
        <message>
            <source>放弃</source>
            <translation>Abandoned</translation>
        </message>
        <message>
            <source>暂无数据</source>
            <translation>No data yet</translation>
        </message>
        <message>
            <source>超时接通</source>
            <translation>Answered late</translation>
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
            <source>未知的反馈类型：{kind}</source>
            <translation>Unknown feedback type: {kind}</translation>
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
            <source>没有编号为 {ident} 的知识</source>
            <translation>There is no article with ID {ident}</translation>
        </message>
        <message>
            <source>知识库同步中断（已同步的内容仍可检索）：{reason}</source>
            <translation>Knowledge base sync interrupted (content already synced can still be searched): {reason}</translation>
        </message>
        <message>
            <source>知识库同步数据格式错误：{reason}</source>
            <translation>Invalid knowledge base sync data: {reason}</translation>
        </message>
        <message>
            <source>知识库同步没有进展：服务端重复返回同一位置</source>
            <translation>Knowledge base sync is not progressing: the server keeps returning the same position</translation>
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
        <name>KnowledgePanel</name>
        <message>
            <source>{name}（{count}）</source>
            <translation>{name} ({count})</translation>
        </message>
        <message>
            <source>全部业务类别</source>
            <translation>All business categories</translation>
        </message>
        <message>
            <source>全部发布单位</source>
            <translation>All publishing units</translation>
        </message>
        <message>
            <source>分类下的知识</source>
            <translation>Articles in the category</translation>
        </message>
        <message>
            <source>分类浏览</source>
            <translation>Browse by category</translation>
        </message>
        <message>
            <source>找到 {count} 条</source>
            <translation>{count} found</translation>
        </message>
        <message>
            <source>按业务类别</source>
            <translation>By business category</translation>
        </message>
        <message>
            <source>按业务类别筛选</source>
            <translation>Filter by business category</translation>
        </message>
        <message>
            <source>按发布单位</source>
            <translation>By publishing unit</translation>
        </message>
        <message>
            <source>按发布单位筛选</source>
            <translation>Filter by publishing unit</translation>
        </message>
        <message>
            <source>检索状态</source>
            <translation>Search status</translation>
        </message>
        <message>
            <source>检索结果</source>
            <translation>Search results</translation>
        </message>
        <message>
            <source>正在检索…</source>
            <translation>Searching…</translation>
        </message>
        <message>
            <source>没有找到与“{query}”相关的现行知识</source>
            <translation>No current articles found for "{query}"</translation>
        </message>
        <message>
            <source>知识库</source>
            <translation>Knowledge base</translation>
        </message>
        <message>
            <source>知识库同步状态</source>
            <translation>Knowledge base sync status</translation>
        </message>
        <message>
            <source>知识库已同步，现行知识 {count} 条</source>
            <translation>Knowledge base synced, {count} current articles</translation>
        </message>
        <message>
            <source>知识库暂未同步，检索使用本机已有内容</source>
            <translation>Knowledge base not synced yet; searching the content already on this computer</translation>
        </message>
        <message>
            <source>知识检索</source>
            <translation>Knowledge search</translation>
        </message>
        <message>
            <source>知识检索（{key}）</source>
            <translation>Knowledge search ({key})</translation>
        </message>
        <message>
            <source>输入关键词、拼音或首字母，如 公积金 / gjj</source>
            <translation>Type keywords, pinyin or initials, e.g. 公积金 / gjj</translation>
        </message>
        <message>
            <source>输入关键词检索知识库（Ctrl+K）</source>
            <translation>Type keywords to search the knowledge base (Ctrl+K)</translation>
        </message>
    </context>
    <context>
        <name>KnowledgePush</name>
        <message>
            <source>暂无相关知识</source>
            <translation>No related articles</translation>
        </message>
        <message>
            <source>根据工单内容推荐，点击查看</source>
            <translation>Suggested from the order content; click to view</translation>
        </message>
        <message>
            <source>根据工单内容推荐：点击查看，或按 {key} 选择</source>
            <translation>Suggested from the order's content: click to view, or press {key} to choose</translation>
        </message>
        <message>
            <source>根据工单内容自动推荐</source>
            <translation>Suggested automatically from the order content</translation>
        </message>
        <message>
            <source>相关知识</source>
            <translation>Related articles</translation>
        </message>
        <message>
            <source>相关知识列表</source>
            <translation>Related article list</translation>
        </message>
        <message>
            <source>相关知识推荐状态</source>
            <translation>Related article suggestion status</translation>
        </message>
        <message>
            <source>转到相关知识</source>
            <translation>Go to related articles</translation>
        </message>
    </context>
    <context>
        <name>List</name>
        <message>
            <source>、</source>
            <translation>, </translation>
        </message>
        <message>
            <source>，</source>
            <translation>, </translation>
        </message>
        <message>
            <source>；</source>
            <translation>; </translation>
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
            <source>在此按诉求分类和属地选择承办单位，并选择处理方式。</source>
            <translation>Choose the handling unit by request topic and place here, and what happens to the order.</translation>
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
            <source>派单</source>
            <translation>Dispatch</translation>
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
        <name>OrderDesk</name>
        <message>
            <source>{prefix}{title}（{changed} 修改）</source>
            <translation>{prefix}{title} (changed {changed})</translation>
        </message>
        <message>
            <source>其他未提交草稿</source>
            <translation>Other unsubmitted drafts</translation>
        </message>
        <message>
            <source>其他未提交草稿（{count}）</source>
            <translation>Other unsubmitted drafts ({count})</translation>
        </message>
        <message>
            <source>其他问题：{problems}</source>
            <translation>Other problems: {problems}</translation>
        </message>
        <message>
            <source>工单</source>
            <translation>Order</translation>
        </message>
        <message>
            <source>工单尚未填写完整，请按提示补充后再提交。</source>
            <translation>The order is not complete yet: fill in what is marked, then submit.</translation>
        </message>
        <message>
            <source>工单已提交，正在发送到后台。</source>
            <translation>Order submitted; sending it to the backend.</translation>
        </message>
        <message>
            <source>工单提示</source>
            <translation>Order notice</translation>
        </message>
        <message>
            <source>工单被后台退回：{message}。请按字段旁的提示修改，再选择处理方式重新提交。</source>
            <translation>The backend refused the order: {message}. Correct it as shown beside the fields, then choose the disposition again to resubmit.</translation>
        </message>
        <message>
            <source>已将知识答复插入“{field}”。</source>
            <translation>The knowledge answer was inserted into “{field}”.</translation>
        </message>
        <message>
            <source>已恢复最新的未提交工单草稿；另有 {count} 份未提交草稿，可在右侧“其他未提交草稿”中打开。</source>
            <translation>The newest unsubmitted draft was restored; {count} more can be opened from "Other unsubmitted drafts" on the right.</translation>
        </message>
        <message>
            <source>已恢复未提交的工单草稿</source>
            <translation>An unsubmitted order draft was restored</translation>
        </message>
        <message>
            <source>已打开未提交的工单草稿</source>
            <translation>Unsubmitted draft opened</translation>
        </message>
        <message>
            <source>当前没有通话：接通来电后在此记录工单。</source>
            <translation>No call: answer a call to record its order here.</translation>
        </message>
        <message>
            <source>有一张工单被后台退回（{problem}）。提交当前工单后，请在“今日工单”中打开修改。</source>
            <translation>An order was refused by the backend ({problem}). After submitting the current order, open it in “Today's orders” to correct it.</translation>
        </message>
        <message>
            <source>未说明原因</source>
            <translation>no reason given</translation>
        </message>
        <message>
            <source>本机暂不能提交工单：未配置工单发送通道。草稿已保存。</source>
            <translation>This workstation cannot submit orders yet: no order channel is configured. The draft is saved.</translation>
        </message>
        <message>
            <source>没有正在记录的工单，不能提交。</source>
            <translation>No order is being recorded; nothing to submit.</translation>
        </message>
        <message>
            <source>没有正在记录的工单，答复未插入。</source>
            <translation>No order is being recorded; the answer was not inserted.</translation>
        </message>
        <message>
            <source>没有正在记录的工单，话术未插入。</source>
            <translation>No order is being recorded; the script was not inserted.</translation>
        </message>
        <message>
            <source>派单</source>
            <translation>Dispatch</translation>
        </message>
        <message>
            <source>该草稿已不存在（可能已提交）。</source>
            <translation>That draft no longer exists (it may have been submitted).</translation>
        </message>
        <message>
            <source>请先把光标放在工单的文字栏里，再插入话术。</source>
            <translation>Put the cursor in a text box of the order first, then insert the script.</translation>
        </message>
        <message>
            <source>请先提交当前通话的工单，再修改被退回的工单。</source>
            <translation>Submit the current call's order first, then correct the refused one.</translation>
        </message>
        <message>
            <source>请先提交当前通话的工单，再打开其他草稿。</source>
            <translation>Submit the order of the current call before opening another draft.</translation>
        </message>
        <message>
            <source>请在派单区选择处理方式（直接答复、派单、不予受理……），工单随之提交。</source>
            <translation>Choose what happens to the order in the dispatch panel (direct answer, dispatch, not accepted…); the order is submitted with it.</translation>
        </message>
        <message>
            <source>这张工单已经提交过。</source>
            <translation>This order was already submitted.</translation>
        </message>
        <message>
            <source>通话中：请记录工单，草稿自动保存。</source>
            <translation>On a call: record the order; the draft saves itself.</translation>
        </message>
        <message>
            <source>通话已结束：请完成工单并选择处理方式。</source>
            <translation>The call ended: complete the order and choose what happens to it.</translation>
        </message>
        <message>
            <source>（空白工单）</source>
            <translation>(empty order)</translation>
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
        <name>Outbox</name>
        <message>
            <source>{count} 条发送失败</source>
            <translation>{count} failed to send</translation>
        </message>
        <message>
            <source>{count} 条被退回</source>
            <translation>{count} rejected</translation>
        </message>
        <message>
            <source>发送失败，需人工处理：{reason}</source>
            <translation>Sending failed and needs manual handling: {reason}</translation>
        </message>
        <message>
            <source>客户端内部错误（{message}）</source>
            <translation>Internal client error ({message})</translation>
        </message>
        <message>
            <source>待发送 {count} 条</source>
            <translation>{count} waiting to be sent</translation>
        </message>
        <message>
            <source>无法连接服务器</source>
            <translation>Cannot connect to the server</translation>
        </message>
        <message>
            <source>服务器出错（{status}）</source>
            <translation>Server error ({status})</translation>
        </message>
        <message>
            <source>服务器响应超时</source>
            <translation>The server did not respond in time</translation>
        </message>
        <message>
            <source>服务器的应答无法识别</source>
            <translation>The server's response could not be understood</translation>
        </message>
        <message>
            <source>服务器证书校验失败</source>
            <translation>Server certificate verification failed</translation>
        </message>
        <message>
            <source>服务器退回：{message}</source>
            <translation>Rejected by the server: {message}</translation>
        </message>
        <message>
            <source>未知原因</source>
            <translation>Unknown reason</translation>
        </message>
        <message>
            <source>未说明原因</source>
            <translation>No reason given</translation>
        </message>
        <message>
            <source>登录已失效</source>
            <translation>Session expired</translation>
        </message>
        <message>
            <source>第 {attempts} 次发送未成功：{reason}</source>
            <translation>Attempt {attempts} to send failed: {reason}</translation>
        </message>
        <message>
            <source>（{details}）</source>
            <translation> ({details})</translation>
        </message>
        <message>
            <source>（{reason}，{time} 重试）</source>
            <translation> ({reason}; retrying at {time})</translation>
        </message>
        <message>
            <source>（登录已失效，重新签入后继续发送）</source>
            <translation> (session expired; sending resumes after you sign in again)</translation>
        </message>
    </context>
    <context>
        <name>OutboxStatus</name>
        <message>
            <source>。被退回的工单请在“今日工单”中打开，按提示修改后重新提交。</source>
            <translation>. Open refused orders in “Today's orders”, correct them as shown and submit them again.</translation>
        </message>
        <message>
            <source>失败 {count}</source>
            <translation>failed {count}</translation>
        </message>
        <message>
            <source>工单发送状态：{text}</source>
            <translation>Order delivery: {text}</translation>
        </message>
        <message>
            <source>待发送 {count}</source>
            <translation>To send {count}</translation>
        </message>
        <message>
            <source>所有已提交的工单均已送达后台。</source>
            <translation>Every submitted order has reached the backend.</translation>
        </message>
        <message>
            <source>退回 {count}</source>
            <translation>refused {count}</translation>
        </message>
    </context>
    <context>
        <name>PhraseWarning</name>
        <message>
            <source>&lt;b&gt;{field}&lt;/b&gt;（{category}）：{context}</source>
            <translation>&lt;b&gt;{field}&lt;/b&gt; ({category}): {context}</translation>
        </message>
        <message>
            <source>{field}中的“{words}”属于服务禁语（{category}）</source>
            <translation>"{words}" in {field} is a forbidden service phrase ({category})</translation>
        </message>
        <message>
            <source>不修改，仍然提交工单</source>
            <translation>Submit the order anyway without changes</translation>
        </message>
        <message>
            <source>仍然提交</source>
            <translation>Submit anyway</translation>
        </message>
        <message>
            <source>修改</source>
            <translation>Edit</translation>
        </message>
        <message>
            <source>修改{field}中的“{words}”</source>
            <translation>Edit "{words}" in {field}</translation>
        </message>
        <message>
            <source>关闭提示</source>
            <translation>Close notice</translation>
        </message>
        <message>
            <source>关闭禁语提示</source>
            <translation>Close the forbidden phrase notice</translation>
        </message>
        <message>
            <source>工单文字中有 {count} 处服务禁语，建议修改后再提交。</source>
            <translation>Forbidden service phrases in the order text: {count}. Please consider changing them before submitting.</translation>
        </message>
        <message>
            <source>工单文字中有 {count} 处服务禁语，按规定必须修改后才能提交。</source>
            <translation>Forbidden service phrases in the order text: {count}. The rules require changing them before you can submit.</translation>
        </message>
        <message>
            <source>建议改为：{suggestion}</source>
            <translation>Suggested wording: {suggestion}</translation>
        </message>
        <message>
            <source>服务禁语提示</source>
            <translation>Forbidden service phrase notice</translation>
        </message>
        <message>
            <source>禁语检查结果</source>
            <translation>Forbidden phrase check result</translation>
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
        <name>RaisedHand</name>
        <message>
            <source>{who}已加入本次通话（强插），来电人也能听到。</source>
            <translation>{who} has joined this call (barge-in); the caller hears them too.</translation>
        </message>
        <message>
            <source>{who}已结束本次通话（强拆），请完成工单。</source>
            <translation>{who} ended this call (release); please complete the order.</translation>
        </message>
        <message>
            <source>{who}已退出本次通话。</source>
            <translation>{who} has left this call.</translation>
        </message>
        <message>
            <source>{who}正在对您耳语，来电人听不到。</source>
            <translation>{who} is whispering to you; the caller cannot hear it.</translation>
        </message>
        <message>
            <source>原因：{reason}</source>
            <translation> Reason: {reason}</translation>
        </message>
        <message>
            <source>班长 {name}（工号 {job}）</source>
            <translation>Team leader {name} (job number {job})</translation>
        </message>
    </context>
    <context>
        <name>Rejection</name>
        <message>
            <source>{name}：{problem}</source>
            <translation>{name}: {problem}</translation>
        </message>
        <message>
            <source>不予受理的情形</source>
            <translation>reason for not accepting</translation>
        </message>
        <message>
            <source>关联工单号</source>
            <translation>linked order number</translation>
        </message>
        <message>
            <source>处理方式</source>
            <translation>disposition</translation>
        </message>
        <message>
            <source>引用的知识</source>
            <translation>knowledge article cited</translation>
        </message>
        <message>
            <source>承办单位</source>
            <translation>handling unit</translation>
        </message>
        <message>
            <source>是否保密</source>
            <translation>confidential</translation>
        </message>
        <message>
            <source>紧急热线</source>
            <translation>emergency line</translation>
        </message>
    </context>
    <context>
        <name>RepeatCallerPanel</name>
        <message>
            <source>{date}（已超期）</source>
            <translation>{date} (overdue)</translation>
        </message>
        <message>
            <source>{problem}已记下来电号码，连接恢复后自动重新查询。</source>
            <translation>{problem} The caller's number is kept and looked up again when the connection is back.</translation>
        </message>
        <message>
            <source>业务分类</source>
            <translation>Topic</translation>
        </message>
        <message>
            <source>业务分类：{topic}</source>
            <translation>Topic: {topic}</translation>
        </message>
        <message>
            <source>办理</source>
            <translation>Handling</translation>
        </message>
        <message>
            <source>办理中</source>
            <translation>Open</translation>
        </message>
        <message>
            <source>办结时限</source>
            <translation>Due</translation>
        </message>
        <message>
            <source>办结时限：{due}</source>
            <translation>Due: {due}</translation>
        </message>
        <message>
            <source>历史工单</source>
            <translation>Earlier orders</translation>
        </message>
        <message>
            <source>历史工单列表</source>
            <translation>List of earlier orders</translation>
        </message>
        <message>
            <source>历史工单查询结果</source>
            <translation>Earlier orders found</translation>
        </message>
        <message>
            <source>同一事项不重复建单：以“关联已有工单”办理本次来电（ZJ 第十二条）</source>
            <translation>No duplicate order for the same matter: handle this call as "Link to an existing order" (ZJ art. 12)</translation>
        </message>
        <message>
            <source>同一事项请关联原工单，不要重复建单。</source>
            <translation>For the same matter, link to the earlier order instead of creating a new one.</translation>
        </message>
        <message>
            <source>工单 {number}（{registered} 登记）</source>
            <translation>Order {number} (registered {registered})</translation>
        </message>
        <message>
            <source>工单办理进度</source>
            <translation>Order progress</translation>
        </message>
        <message>
            <source>工单号</source>
            <translation>Order number</translation>
        </message>
        <message>
            <source>工单号，如 {example}</source>
            <translation>Order number, e.g. {example}</translation>
        </message>
        <message>
            <source>已结束</source>
            <translation>Closed</translation>
        </message>
        <message>
            <source>承办单位：{unit}</source>
            <translation>Handling unit: {unit}</translation>
        </message>
        <message>
            <source>按工单号查询办理进度</source>
            <translation>Look up an order's progress by number</translation>
        </message>
        <message>
            <source>显示重复来电话术</source>
            <translation>Show the repeat-caller script</translation>
        </message>
        <message>
            <source>最新进展：{at} {status}</source>
            <translation>Latest: {at} {status}</translation>
        </message>
        <message>
            <source>本次来电关联到所选工单</source>
            <translation>Link this call to the selected order</translation>
        </message>
        <message>
            <source>本次来电关联到查询的工单</source>
            <translation>Link this call to the order looked up</translation>
        </message>
        <message>
            <source>本次来电关联到此工单</source>
            <translation>Link this call to this order</translation>
        </message>
        <message>
            <source>来电 {caller}：历史工单 {total} 张，其中办理中 {open} 张。</source>
            <translation>Caller {caller}: {total} earlier orders, {open} open.</translation>
        </message>
        <message>
            <source>来电 {caller}：没有历史工单。</source>
            <translation>Caller {caller}: no earlier orders.</translation>
        </message>
        <message>
            <source>来电人的历史工单</source>
            <translation>The caller's earlier orders</translation>
        </message>
        <message>
            <source>来电号码未显示，无法按号码查询历史工单；如来电人报出工单号，可在下方查询。</source>
            <translation>The number is withheld, so earlier orders cannot be looked up by number; if the caller gives an order number, look it up below.</translation>
        </message>
        <message>
            <source>来电振铃时自动按号码查询来电人的历史工单。</source>
            <translation>When a call rings, the caller's earlier orders are looked up by number.</translation>
        </message>
        <message>
            <source>查询办理进度</source>
            <translation>Order progress</translation>
        </message>
        <message>
            <source>查询办理进度（{key}）</source>
            <translation>Order progress ({key})</translation>
        </message>
        <message>
            <source>查询工单</source>
            <translation>Look up the order</translation>
        </message>
        <message>
            <source>查询（Enter）</source>
            <translation>Look up (Enter)</translation>
        </message>
        <message>
            <source>正在查询……</source>
            <translation>Looking up…</translation>
        </message>
        <message>
            <source>正在查询来电人的历史工单……</source>
            <translation>Looking up the caller's earlier orders…</translation>
        </message>
        <message>
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>状态：{status}</source>
            <translation>Status: {status}</translation>
        </message>
        <message>
            <source>答复：{reply}</source>
            <translation>Reply: {reply}</translation>
        </message>
        <message>
            <source>重复来电话术</source>
            <translation>Repeat-caller script</translation>
        </message>
        <message>
            <source>重新查询历史工单</source>
            <translation>Look up the earlier orders again</translation>
        </message>
        <message>
            <source>重试</source>
            <translation>Retry</translation>
        </message>
        <message>
            <source>（列出最近 {shown} 张）</source>
            <translation> (the latest {shown} listed)</translation>
        </message>
        <message>
            <source>，{note}</source>
            <translation>, {note}</translation>
        </message>
    </context>
    <context>
        <name>RepeatCallers</name>
        <message>
            <source>不是合法的正则表达式：{reason}</source>
            <translation>not a valid regular expression: {reason}</translation>
        </message>
        <message>
            <source>不认识的工单状态“{value}”，可选：{allowed}</source>
            <translation>unknown order status "{value}"; allowed: {allowed}</translation>
        </message>
        <message>
            <source>例子“{example}”不符合 pattern 的格式</source>
            <translation>the example "{example}" does not match the pattern</translation>
        </message>
        <message>
            <source>工单号“{number}”格式不对，应形如 {example}</source>
            <translation>"{number}" is not an order number; it should look like {example}</translation>
        </message>
        <message>
            <source>工单状态</source>
            <translation>Order status</translation>
        </message>
        <message>
            <source>来电号码未显示，无法按号码查询历史工单；可按工单号查询。</source>
            <translation>The number is withheld, so earlier orders cannot be looked up by number; look up by order number instead.</translation>
        </message>
        <message>
            <source>没有工单 {number}，请与来电人核对工单号。</source>
            <translation>There is no order {number}; check the number with the caller.</translation>
        </message>
        <message>
            <source>规则文件无法使用</source>
            <translation>the rule file cannot be used</translation>
        </message>
        <message>
            <source>请输入工单号，例如 {example}</source>
            <translation>Enter an order number, e.g. {example}</translation>
        </message>
    </context>
    <context>
        <name>Ringer</name>
        <message>
            <source>12345 座席客户端</source>
            <translation>12345 Seat Client</translation>
        </message>
        <message>
            <source>本机无法播放铃声（未找到可用的播放程序），来电仅以画面和托盘提示。</source>
            <translation>This computer cannot play the ringtone (no usable player found); incoming calls are shown only on screen and in the tray.</translation>
        </message>
        <message>
            <source>来电振铃</source>
            <translation>Incoming call</translation>
        </message>
        <message>
            <source>铃声由 {player} 播放。</source>
            <translation>The ringtone is played by {player}.</translation>
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
        <name>ScoreCard</name>
        <message>
            <source>【培训】本通电话评分</source>
            <translation>[Training] Score of this call</translation>
        </message>
        <message>
            <source>不及格（及格线 {mark} 分）</source>
            <translation>Not passed (pass mark {mark})</translation>
        </message>
        <message>
            <source>关闭 (Esc)</source>
            <translation>Close (Esc)</translation>
        </message>
        <message>
            <source>关闭评分</source>
            <translation>Close the score</translation>
        </message>
        <message>
            <source>及格（及格线 {mark} 分）</source>
            <translation>Passed (pass mark {mark})</translation>
        </message>
        <message>
            <source>场景：{title}</source>
            <translation>Scenario: {title}</translation>
        </message>
        <message>
            <source>培训场景</source>
            <translation>Training scenario</translation>
        </message>
        <message>
            <source>培训模式</source>
            <translation>Training mode</translation>
        </message>
        <message>
            <source>培训模式 TRAINING · 模拟来电评分，不计入正式考核</source>
            <translation>TRAINING · score of a simulated call, not part of any real assessment</translation>
        </message>
        <message>
            <source>培训评分</source>
            <translation>Training score</translation>
        </message>
        <message>
            <source>培训评分：{score} 分，{verdict}，扣分项 {count} 项</source>
            <translation>Training score: {score}, {verdict}, {count} deductions</translation>
        </message>
        <message>
            <source>得分</source>
            <translation>Score</translation>
        </message>
        <message>
            <source>得分 {score} / {full}</source>
            <translation>Score {score} / {full}</translation>
        </message>
        <message>
            <source>扣分</source>
            <translation>Points</translation>
        </message>
        <message>
            <source>扣分项</source>
            <translation>Deductions</translation>
        </message>
        <message>
            <source>是否及格</source>
            <translation>Passed or not</translation>
        </message>
        <message>
            <source>没有扣分项：这通电话处理得完全规范。</source>
            <translation>No deductions: this call was handled exactly by the standard.</translation>
        </message>
        <message>
            <source>说明（应当如何）</source>
            <translation>What was expected</translation>
        </message>
    </context>
    <context>
        <name>ScriptPrompter</name>
        <message>
            <source>110 报警</source>
            <translation>110 Police</translation>
        </message>
        <message>
            <source>119 火警</source>
            <translation>119 Fire</translation>
        </message>
        <message>
            <source>120 急救</source>
            <translation>120 Ambulance</translation>
        </message>
        <message>
            <source>122 交通事故</source>
            <translation>122 Traffic accident</translation>
        </message>
        <message>
            <source>不予受理告知：{reason}</source>
            <translation>Not-accepted notice: {reason}</translation>
        </message>
        <message>
            <source>不予受理：{reason}</source>
            <translation>Not accepted: {reason}</translation>
        </message>
        <message>
            <source>人大、法院、检察院事项</source>
            <translation>People's congress, court or procuratorate matter</translation>
        </message>
        <message>
            <source>仲裁途径</source>
            <translation>Arbitration route</translation>
        </message>
        <message>
            <source>保密承诺</source>
            <translation>Confidentiality assurance</translation>
        </message>
        <message>
            <source>信访途径</source>
            <translation>Petition route</translation>
        </message>
        <message>
            <source>军队、武警事项</source>
            <translation>Military or armed police matter</translation>
        </message>
        <message>
            <source>安抚情绪</source>
            <translation>Calming the caller</translation>
        </message>
        <message>
            <source>已有指定受理单位</source>
            <translation>A designated body already handles it</translation>
        </message>
        <message>
            <source>政府信息公开</source>
            <translation>Government information disclosure</translation>
        </message>
        <message>
            <source>无具体诉求</source>
            <translation>No concrete request</translation>
        </message>
        <message>
            <source>无声电话</source>
            <translation>Silent call</translation>
        </message>
        <message>
            <source>无通话</source>
            <translation>No call</translation>
        </message>
        <message>
            <source>未知的不予受理情形“{detail}”；可选：{allowed}</source>
            <translation>Unknown not-accepted case "{detail}"; options: {allowed}</translation>
        </message>
        <message>
            <source>未知的紧急热线“{detail}”；可选：{allowed}</source>
            <translation>Unknown emergency line "{detail}"; options: {allowed}</translation>
        </message>
        <message>
            <source>派单告知</source>
            <translation>Dispatch notice</translation>
        </message>
        <message>
            <source>涉密或个人隐私</source>
            <translation>Secrets or personal privacy</translation>
        </message>
        <message>
            <source>直接答复</source>
            <translation>Direct answer</translation>
        </message>
        <message>
            <source>紧急转接：{line}</source>
            <translation>Emergency transfer: {line}</translation>
        </message>
        <message>
            <source>纪检监察</source>
            <translation>Discipline inspection and supervision</translation>
        </message>
        <message>
            <source>结束语</source>
            <translation>Closing</translation>
        </message>
        <message>
            <source>行政复议</source>
            <translation>Administrative review</translation>
        </message>
        <message>
            <source>诉讼途径</source>
            <translation>Litigation route</translation>
        </message>
        <message>
            <source>辱骂骚扰</source>
            <translation>Abuse or harassment</translation>
        </message>
        <message>
            <source>违反法律或公序良俗</source>
            <translation>Against the law or public order and morals</translation>
        </message>
        <message>
            <source>通话中</source>
            <translation>On call</translation>
        </message>
        <message>
            <source>重复来电</source>
            <translation>Repeat caller</translation>
        </message>
        <message>
            <source>重复诉求</source>
            <translation>Repeated request</translation>
        </message>
        <message>
            <source>问候语</source>
            <translation>Greeting</translation>
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
        <name>ScriptsPanel</name>
        <message>
            <source>{label}（{key}）</source>
            <translation>{label} ({key})</translation>
        </message>
        <message>
            <source>{title}（情境话术）</source>
            <translation>{title} (situation script)</translation>
        </message>
        <message>
            <source>中文</source>
            <translation>Chinese</translation>
        </message>
        <message>
            <source>使用提示（不对来电人说）</source>
            <translation>Usage note (not to be said to the caller)</translation>
        </message>
        <message>
            <source>复制</source>
            <translation>Copy</translation>
        </message>
        <message>
            <source>复制话术</source>
            <translation>Copy script</translation>
        </message>
        <message>
            <source>复制（Ctrl+Shift+C）</source>
            <translation type="vanished">Copy (Ctrl+Shift+C)</translation>
        </message>
        <message>
            <source>当前话术</source>
            <translation>Current script</translation>
        </message>
        <message>
            <source>情境话术</source>
            <translation>Situation scripts</translation>
        </message>
        <message>
            <source>情境话术：</source>
            <translation>Situation scripts:</translation>
        </message>
        <message>
            <source>接通来电后在此显示问候语。</source>
            <translation>The greeting is shown here once a call is connected.</translation>
        </message>
        <message>
            <source>提示：{note}</source>
            <translation>Note: {note}</translation>
        </message>
        <message>
            <source>插入</source>
            <translation>Insert</translation>
        </message>
        <message>
            <source>插入话术</source>
            <translation>Insert script</translation>
        </message>
        <message>
            <source>插入（Ctrl+Shift+I）</source>
            <translation type="vanished">Insert (Ctrl+Shift+I)</translation>
        </message>
        <message>
            <source>此环节没有固定话术；需要时从下方选择情境话术。</source>
            <translation>There is no fixed script for this step; choose a situation script below when needed.</translation>
        </message>
        <message>
            <source>第 {number} 步：{text}</source>
            <translation>Step {number}: {text}</translation>
        </message>
        <message>
            <source>英文</source>
            <translation>English</translation>
        </message>
        <message>
            <source>话术</source>
            <translation>Scripts</translation>
        </message>
        <message>
            <source>话术中缺少的信息</source>
            <translation>Information missing from the script</translation>
        </message>
        <message>
            <source>话术步骤</source>
            <translation>Script steps</translation>
        </message>
        <message>
            <source>话术类别</source>
            <translation>Script category</translation>
        </message>
        <message>
            <source>话术语言</source>
            <translation>Script language</translation>
        </message>
        <message>
            <source>话术语言：</source>
            <translation>Script language:</translation>
        </message>
        <message>
            <source>返回当前环节</source>
            <translation>Back to current step</translation>
        </message>
        <message>
            <source>返回当前通话环节的话术</source>
            <translation>Back to the script for the current call step</translation>
        </message>
        <message>
            <source>（选择后显示）</source>
            <translation>(shown once selected)</translation>
        </message>
    </context>
    <context>
        <name>SeatBoard</name>
        <message>
            <source>15 分钟话务量</source>
            <translation>Calls per 15 minutes</translation>
        </message>
        <message>
            <source>{name}（工号 {job}）</source>
            <translation>{name} (job number {job})</translation>
        </message>
        <message>
            <source>全部状态</source>
            <translation>All states</translation>
        </message>
        <message>
            <source>全部班组</source>
            <translation>All teams</translation>
        </message>
        <message>
            <source>列表</source>
            <translation>List</translation>
        </message>
        <message>
            <source>原因</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>告警</source>
            <translation>Alerts</translation>
        </message>
        <message>
            <source>告警列表</source>
            <translation>Alert list</translation>
        </message>
        <message>
            <source>告警（未确认 {count}）</source>
            <translation>Alerts ({count} unacknowledged)</translation>
        </message>
        <message>
            <source>姓名</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>密语</source>
            <translation type="vanished">Whisper</translation>
        </message>
        <message>
            <source>对{who}执行“{action}”？</source>
            <translation>Perform "{action}" on {who}?</translation>
        </message>
        <message>
            <source>工号</source>
            <translation>Job number</translation>
        </message>
        <message>
            <source>座席</source>
            <translation>Seat</translation>
        </message>
        <message>
            <source>座席 {seat}</source>
            <translation>Seat {seat}</translation>
        </message>
        <message>
            <source>座席 {seat} · {name}（工号 {job}）</source>
            <translation>Seat {seat} · {name} (job number {job})</translation>
        </message>
        <message>
            <source>座席 {seat}（{name}，工号 {job}）</source>
            <translation>Seat {seat} ({name}, job number {job})</translation>
        </message>
        <message>
            <source>座席列表</source>
            <translation>Seat list</translation>
        </message>
        <message>
            <source>座席号、工号或姓名</source>
            <translation>Seat ID, job number or name</translation>
        </message>
        <message>
            <source>座席图</source>
            <translation>Seat map</translation>
        </message>
        <message>
            <source>座席监控</source>
            <translation>Seat monitoring</translation>
        </message>
        <message>
            <source>强制示忙</source>
            <translation>Force away</translation>
        </message>
        <message>
            <source>强制示忙（{reason}）</source>
            <translation>Force away ({reason})</translation>
        </message>
        <message>
            <source>强制示闲</source>
            <translation>Force ready</translation>
        </message>
        <message>
            <source>强制签出</source>
            <translation>Force sign out</translation>
        </message>
        <message>
            <source>强拆</source>
            <translation>Release</translation>
        </message>
        <message>
            <source>强插</source>
            <translation>Barge in</translation>
        </message>
        <message>
            <source>按状态筛选</source>
            <translation>Filter by state</translation>
        </message>
        <message>
            <source>按班组筛选</source>
            <translation>Filter by team</translation>
        </message>
        <message>
            <source>显示 {shown} / {total} 个座席</source>
            <translation>Showing {shown} / {total} seats</translation>
        </message>
        <message>
            <source>显示的座席数</source>
            <translation>Number of seats shown</translation>
        </message>
        <message>
            <source>未选中座席</source>
            <translation>No seat selected</translation>
        </message>
        <message>
            <source>查找座席</source>
            <translation>Find seat</translation>
        </message>
        <message>
            <source>状态</source>
            <translation>State</translation>
        </message>
        <message>
            <source>状态时长</source>
            <translation>Time in state</translation>
        </message>
        <message>
            <source>班组</source>
            <translation>Team</translation>
        </message>
        <message>
            <source>班长操作</source>
            <translation>Team leader actions</translation>
        </message>
        <message>
            <source>监听</source>
            <translation>Listen</translation>
        </message>
        <message>
            <source>确认告警</source>
            <translation>Acknowledge alert</translation>
        </message>
        <message>
            <source>确认班长操作</source>
            <translation>Confirm team leader action</translation>
        </message>
        <message>
            <source>签出</source>
            <translation>Sign out</translation>
        </message>
        <message>
            <source>耳语</source>
            <translation>Whisper</translation>
        </message>
        <message>
            <source>退出通话</source>
            <translation>Leave the call</translation>
        </message>
        <message>
            <source>选中的座席</source>
            <translation>Selected seat</translation>
        </message>
        <message>
            <source>通话 {time}</source>
            <translation>Call {time}</translation>
        </message>
        <message>
            <source>通话后</source>
            <translation>After call</translation>
        </message>
        <message>
            <source>通话后示忙·{reason}</source>
            <translation>Away after call · {reason}</translation>
        </message>
        <message>
            <source>通话后签出</source>
            <translation>Sign out after call</translation>
        </message>
        <message>
            <source>通话时长</source>
            <translation>Call duration</translation>
        </message>
        <message>
            <source>（已确认）</source>
            <translation> (acknowledged)</translation>
        </message>
        <message>
            <source>（班长 {job}）</source>
            <translation> (team leader {job})</translation>
        </message>
    </context>
    <context>
        <name>SeatController</name>
        <message>
            <source>{number} · {queue}，请按 {key} 接听</source>
            <translation>{number} · {queue}, press {key} to answer</translation>
        </message>
        <message>
            <source>今日工单</source>
            <translation>Today's orders</translation>
        </message>
        <message>
            <source>内置培训后台</source>
            <translation>Built-in training backend</translation>
        </message>
        <message>
            <source>历史工单</source>
            <translation>Earlier orders</translation>
        </message>
        <message>
            <source>号码未显示</source>
            <translation>Number withheld</translation>
        </message>
        <message>
            <source>当前没有可转接的通话，未转接 {line}；工单仍按紧急转警记录。</source>
            <translation>There is no call to transfer, so nothing was transferred to {line}; the order is still recorded as an emergency transfer.</translation>
        </message>
        <message>
            <source>转接对象配置有误，暂不能转接：{problem}</source>
            <translation>The transfer targets are misconfigured; transfers are unavailable: {problem}</translation>
        </message>
        <message>
            <source>连接恢复后，后台显示本座席为「{actual}」（之前显示「{shown}」），已按后台状态更新。</source>
            <translation>After reconnecting, the backend shows this seat as "{actual}" (previously shown as "{shown}"); updated to the backend state.</translation>
        </message>
        <message>
            <source>通话记录</source>
            <translation>Transcript</translation>
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
            <source>正在“{state}”：请完成转接，或结束咨询后再直接转接。</source>
            <translation>In "{state}": complete the transfer, or end the consultation before a blind transfer.</translation>
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
            <source>请先咨询转接对象，对方接通后才能完成转接。</source>
            <translation>Consult a transfer target first; the transfer can be completed once they answer.</translation>
        </message>
        <message>
            <source>请选择咨询对象（专席、承办单位或班长）。</source>
            <translation>Please choose whom to consult (specialist seat, handling unit or team leader).</translation>
        </message>
        <message>
            <source>请选择紧急联动线路（110、119、120、122）。</source>
            <translation>Choose an emergency line (110, 119, 120, 122).</translation>
        </message>
        <message>
            <source>请选择转接对象（专席、承办单位或其他热线）。</source>
            <translation>Choose a transfer target (a specialist seat, a handling unit or another hotline).</translation>
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
        <name>SeatPlanning</name>
        <message>
            <source>Erlang C 所需座席</source>
            <translation>Seats required by Erlang C</translation>
        </message>
        <message>
            <source>Erlang C 服务水平</source>
            <translation>Erlang C service level</translation>
        </message>
        <message>
            <source>Erlang C（同一忙时话务量）</source>
            <translation>Erlang C (same busy-hour traffic)</translation>
        </message>
        <message>
            <source>{calls} 次/小时</source>
            <translation>{calls} calls/hour</translation>
        </message>
        <message>
            <source>{erlangs} Erl（每次 {handling} 秒）</source>
            <translation>{erlangs} Erl ({handling} s per call)</translation>
        </message>
        <message>
            <source>{population} 万 × {rate} × {share} × {seconds} 秒 ÷ (3600 × {utilisation}) = {exact}</source>
            <translation>{population} × 10,000 × {rate} × {share} × {seconds} s ÷ (3600 × {utilisation}) = {exact}</translation>
        </message>
        <message>
            <source>{seats} 个</source>
            <translation>{seats} seats</translation>
        </message>
        <message>
            <source>公式只按忙时工作量和座席利用率折算座席，不考虑来电的随机波动和排队等待；右侧的 Erlang C 按同一忙时话务量计算达到接通率目标所需的座席，以及按公式配置时来电人的等待情况。</source>
            <translation>The formula converts busy-hour workload and seat utilisation into seats only; it ignores random fluctuations in calls and queue waiting. On the right, Erlang C uses the same busy-hour traffic to calculate the seats needed to reach the answer-rate target, and how long callers wait with the formula's staffing.</translation>
        </message>
        <message>
            <source>公式座席数</source>
            <translation>Seats by formula</translation>
        </message>
        <message>
            <source>公式座席数的服务水平</source>
            <translation>Service level with seats by formula</translation>
        </message>
        <message>
            <source>公式计算过程</source>
            <translation>Formula working</translation>
        </message>
        <message>
            <source>平均应答（秒）</source>
            <translation>Average answer time (s)</translation>
        </message>
        <message>
            <source>平均通话时长（秒）</source>
            <translation>Average call duration (s)</translation>
        </message>
        <message>
            <source>座席利用率（%）</source>
            <translation>Seat utilisation (%)</translation>
        </message>
        <message>
            <source>座席占用率</source>
            <translation>Seat occupancy</translation>
        </message>
        <message>
            <source>座席数</source>
            <translation>Seats</translation>
        </message>
        <message>
            <source>座席数 = 人口 × 日拨打率 × 忙时集中率 × 平均通话时长 ÷ (3600 × 利用率)</source>
            <translation>Seats = population × daily call rate × busy-hour share × average call duration ÷ (3600 × utilisation)</translation>
        </message>
        <message>
            <source>座席数与服务水平</source>
            <translation>Seats and service level</translation>
        </message>
        <message>
            <source>座席规模测算</source>
            <translation>Seat capacity planning</translation>
        </message>
        <message>
            <source>忙时话务量</source>
            <translation>Busy-hour calls</translation>
        </message>
        <message>
            <source>忙时集中率（%）</source>
            <translation>Busy-hour share (%)</translation>
        </message>
        <message>
            <source>所需座席</source>
            <translation>Seats required</translation>
        </message>
        <message>
            <source>按公式的 {seats} 个座席：{seconds} 秒内接通 {level}，平均应答 {speed} 秒，占用率 {occupancy}</source>
            <translation>With the formula's {seats} seats: {level} answered within {seconds} s, average answer time {speed} s, occupancy {occupancy}</translation>
        </message>
        <message>
            <source>按公式的 {seats} 个座席：话务量超过座席能力，排队会无限增长</source>
            <translation>With the formula's {seats} seats: traffic exceeds seat capacity, so the queue would grow without limit</translation>
        </message>
        <message>
            <source>排队概率</source>
            <translation>Probability of queuing</translation>
        </message>
        <message>
            <source>排队概率 {wait}，{seconds} 秒内接通 {level}，平均应答 {speed} 秒，占用率 {occupancy}</source>
            <translation>Probability of queuing {wait}, {level} answered within {seconds} s, average answer time {speed} s, occupancy {occupancy}</translation>
        </message>
        <message>
            <source>日拨打率上限（%）</source>
            <translation>Maximum daily call rate (%)</translation>
        </message>
        <message>
            <source>目标接通时间（秒）</source>
            <translation>Target answer time (s)</translation>
        </message>
        <message>
            <source>目标接通率（%）</source>
            <translation>Target answer rate (%)</translation>
        </message>
        <message>
            <source>目标时间内接通率</source>
            <translation>Answered within target time</translation>
        </message>
        <message>
            <source>目标服务人口（万人）</source>
            <translation>Population served (10,000 people)</translation>
        </message>
        <message>
            <source>结论</source>
            <translation>Conclusion</translation>
        </message>
        <message>
            <source>规范公式与 Erlang C 所需座席数相同。</source>
            <translation>The standard formula and Erlang C need the same number of seats.</translation>
        </message>
        <message>
            <source>规范公式比 Erlang C 多 {count} 个座席：按公式配置可达到 {seconds} 秒内接通 {target} 的目标。</source>
            <translation>The standard formula gives {count} more seats than Erlang C: staffing by the formula meets the target of {target} answered within {seconds} s.</translation>
        </message>
        <message>
            <source>规范公式比 Erlang C 少 {count} 个座席：按公式配置达不到 {seconds} 秒内接通 {target} 的目标。</source>
            <translation>The standard formula gives {count} fewer seats than Erlang C: staffing by the formula does not meet the target of {target} answered within {seconds} s.</translation>
        </message>
        <message>
            <source>规范公式（DB 3301/T 0328—2020 附录 B）</source>
            <translation>Standard formula (DB 3301/T 0328—2020 Appendix B)</translation>
        </message>
        <message>
            <source>话务强度</source>
            <translation>Traffic intensity</translation>
        </message>
        <message>
            <source>话务量超出可计算范围（超过 {limit} Erl），请检查输入</source>
            <translation>Traffic is beyond the range that can be calculated (over {limit} Erl); please check the input</translation>
        </message>
        <message>
            <source>话后整理时长（秒）</source>
            <translation>Wrap-up duration (s)</translation>
        </message>
        <message>
            <source>（公式）</source>
            <translation> (formula)</translation>
        </message>
        <message>
            <source>（所需）</source>
            <translation> (required)</translation>
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
            <source>完成转接</source>
            <translation>Complete transfer</translation>
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
            <source>直接转接</source>
            <translation>Blind transfer</translation>
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
            <source>紧急转接</source>
            <translation>Emergency transfer</translation>
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
            <source>发送按键</source>
            <translation>Send digits</translation>
        </message>
        <message>
            <source>取消静音</source>
            <translation>Unmute</translation>
        </message>
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
            <translation type="vanished">Already ready.</translation>
        </message>
        <message>
            <source>当前没有接通的通话，不能{action}。</source>
            <translation>There is no answered call, so "{action}" is not possible.</translation>
        </message>
        <message>
            <source>按键只能是 0-9、*、#（最多 32 个）。</source>
            <translation>Digits can only be 0-9, * and # (at most 32).</translation>
        </message>
        <message>
            <source>请选择示忙原因。</source>
            <translation>Please choose an away reason.</translation>
        </message>
        <message>
            <source>通话已结束，按预约转为“{next}”。</source>
            <translation>The call has ended; switched to "{next}" as scheduled.</translation>
        </message>
        <message>
            <source>通话或话后整理中不能切换示闲/示忙。</source>
            <translation type="vanished">Cannot switch between ready and away during a call or wrap-up.</translation>
        </message>
        <message>
            <source>静音</source>
            <translation>Mute</translation>
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
            <source>{state}（班长 {by}）</source>
            <translation>{state} (team leader {by})</translation>
        </message>
        <message>
            <source>✋ 已举手，等待班长</source>
            <translation>✋ Hand raised, waiting for the team leader</translation>
        </message>
        <message>
            <source>✋ 班长 {name} 已收到求助</source>
            <translation>✋ Team leader {name} has seen your request</translation>
        </message>
        <message>
            <source>举手求助</source>
            <translation>Raise hand</translation>
        </message>
        <message>
            <source>举手求助状态</source>
            <translation>Raised hand</translation>
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
            <source>放下手</source>
            <translation>Lower hand</translation>
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
        <message>
            <source>请班长到座席协助；再按一次放下手</source>
            <translation>Ask a team leader to come to the seat; press again to lower the hand</translation>
        </message>
        <message>
            <source>通话后的状态</source>
            <translation>State after the call</translation>
        </message>
        <message>
            <source>通话后：{next}</source>
            <translation>After the call: {next}</translation>
        </message>
    </context>
    <context>
        <name>SelfCheck</name>
        <message>
            <source>使用规范结束语</source>
            <translation>Standard closing used</translation>
        </message>
        <message>
            <source>使用规范问候语</source>
            <translation>Standard greeting used</translation>
        </message>
        <message>
            <source>工单记录完整并已提交</source>
            <translation>Order complete and submitted</translation>
        </message>
        <message>
            <source>报出工号</source>
            <translation>Job number said</translation>
        </message>
        <message>
            <source>未使用服务禁语</source>
            <translation>No forbidden phrase used</translation>
        </message>
    </context>
    <context>
        <name>Shortcuts</name>
        <message>
            <source>三方通话</source>
            <translation>Three-way call</translation>
        </message>
        <message>
            <source>举手求助 / 放下手</source>
            <translation>Raise / lower the hand for help</translation>
        </message>
        <message>
            <source>保持/取回</source>
            <translation>Hold/retrieve</translation>
        </message>
        <message>
            <source>关于</source>
            <translation>About</translation>
        </message>
        <message>
            <source>取消预约的通话后状态</source>
            <translation>Cancel the scheduled after-call state</translation>
        </message>
        <message>
            <source>咨询（选择专席、单位或热线）</source>
            <translation>Consult (choose a specialist seat, unit or hotline)</translation>
        </message>
        <message>
            <source>复制当前话术</source>
            <translation>Copy the current script</translation>
        </message>
        <message>
            <source>完成转接</source>
            <translation>Complete the transfer</translation>
        </message>
        <message>
            <source>将知识答复插入工单</source>
            <translation>Insert the knowledge answer into the order</translation>
        </message>
        <message>
            <source>延长话后整理（一次）</source>
            <translation>Extend wrap-up (once)</translation>
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
            <source>打开班长席（座席监控，仅班长）</source>
            <translation>Open the team leader's board (team leaders only)</translation>
        </message>
        <message>
            <source>挂断</source>
            <translation>Hang up</translation>
        </message>
        <message>
            <source>按工单号查询办理进度</source>
            <translation>Look up an order's progress by number</translation>
        </message>
        <message>
            <source>按键</source>
            <translation>Key</translation>
        </message>
        <message>
            <source>按键（DTMF）</source>
            <translation>Keypad (DTMF)</translation>
        </message>
        <message>
            <source>接听</source>
            <translation>Answer</translation>
        </message>
        <message>
            <source>插入当前话术</source>
            <translation>Insert the current script</translation>
        </message>
        <message>
            <source>操作</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>显示/隐藏今日工单</source>
            <translation>Show or hide today's orders</translation>
        </message>
        <message>
            <source>显示/隐藏历史工单</source>
            <translation>Show/hide earlier orders</translation>
        </message>
        <message>
            <source>显示/隐藏派单区</source>
            <translation>Show/hide the dispatch panel</translation>
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
            <source>显示/隐藏通话记录</source>
            <translation>Show/hide the transcript</translation>
        </message>
        <message>
            <source>查看上次培训评分</source>
            <translation>Show the last training score</translation>
        </message>
        <message>
            <source>直接转接（不咨询）</source>
            <translation>Blind transfer (without consulting)</translation>
        </message>
        <message>
            <source>知识检索</source>
            <translation>Search knowledge</translation>
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
            <source>紧急转接 110/119/120/122</source>
            <translation>Emergency transfer 110/119/120/122</translation>
        </message>
        <message>
            <source>结束咨询，回到来电人</source>
            <translation>End the consultation, back to the caller</translation>
        </message>
        <message>
            <source>结束话后整理</source>
            <translation>End wrap-up</translation>
        </message>
        <message>
            <source>话术下一步</source>
            <translation>Next step of the script</translation>
        </message>
        <message>
            <source>跳到工单</source>
            <translation>Go to order</translation>
        </message>
        <message>
            <source>转到相关知识（Enter 查看，Esc 返回工单）</source>
            <translation>Go to related articles (Enter opens, Esc returns to the order)</translation>
        </message>
        <message>
            <source>输入我对来电人说的话（培训模式）</source>
            <translation>Type what I say to the caller (training mode)</translation>
        </message>
        <message>
            <source>选择培训场景（培训模式）</source>
            <translation>Pick a training scenario (training mode)</translation>
        </message>
        <message>
            <source>通话后示忙（选择原因）</source>
            <translation>Away after this call (choose a reason)</translation>
        </message>
        <message>
            <source>通话后签出</source>
            <translation>Sign out after this call</translation>
        </message>
        <message>
            <source>随机培训场景（培训模式）</source>
            <translation>Random training scenario (training mode)</translation>
        </message>
        <message>
            <source>静音/取消静音</source>
            <translation>Mute/unmute</translation>
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
        <name>TeamLeaderWindow</name>
        <message>
            <source>{state}（看板暂停更新，恢复后自动刷新）</source>
            <translation>{state} (the board is paused and refreshes once the link is back)</translation>
        </message>
        <message>
            <source>后台连接状态</source>
            <translation>Backend connection</translation>
        </message>
        <message>
            <source>座席测算</source>
            <translation>Seat planning</translation>
        </message>
        <message>
            <source>座席监控</source>
            <translation>Seat board</translation>
        </message>
        <message>
            <source>班长席</source>
            <translation>Team leader</translation>
        </message>
        <message>
            <source>班长席 · 座席监控</source>
            <translation>Team leader · seat board</translation>
        </message>
        <message>
            <source>班长操作结果</source>
            <translation>Result of the intervention</translation>
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
        <name>TodayOrders</name>
        <message>
            <source>{time} 重试</source>
            <translation>retry at {time}</translation>
        </message>
        <message>
            <source>上下键选择工单，回车打开被退回的工单修改后重新提交</source>
            <translation>Up and Down choose an order; Enter opens a refused order to correct and submit it again</translation>
        </message>
        <message>
            <source>不予受理</source>
            <translation>Not accepted</translation>
        </message>
        <message>
            <source>业务分类</source>
            <translation>Topic</translation>
        </message>
        <message>
            <source>业务分类：{topic}</source>
            <translation>Topic: {topic}</translation>
        </message>
        <message>
            <source>今日 {total} 张：已送达 {delivered}，待发送 {pending}</source>
            <translation>Today {total}: {delivered} delivered, {pending} to send</translation>
        </message>
        <message>
            <source>今日工单</source>
            <translation>Today's orders</translation>
        </message>
        <message>
            <source>今日工单列表</source>
            <translation>List of today's orders</translation>
        </message>
        <message>
            <source>今日工单概况</source>
            <translation>Today's orders at a glance</translation>
        </message>
        <message>
            <source>修改并重新提交</source>
            <translation>Correct and resubmit</translation>
        </message>
        <message>
            <source>关联已有工单</source>
            <translation>Linked to an order</translation>
        </message>
        <message>
            <source>办结时限</source>
            <translation>Due</translation>
        </message>
        <message>
            <source>双击或按回车打开工单，修改后重新提交。</source>
            <translation>Double-click or press Enter to open the order, correct it and submit it again.</translation>
        </message>
        <message>
            <source>发送中</source>
            <translation>Sending</translation>
        </message>
        <message>
            <source>发送失败</source>
            <translation>Sending failed</translation>
        </message>
        <message>
            <source>发送状态</source>
            <translation>Delivery</translation>
        </message>
        <message>
            <source>处理方式</source>
            <translation>Disposition</translation>
        </message>
        <message>
            <source>工单号</source>
            <translation>Order no.</translation>
        </message>
        <message>
            <source>已送达</source>
            <translation>Delivered</translation>
        </message>
        <message>
            <source>待发送</source>
            <translation>Queued</translation>
        </message>
        <message>
            <source>打开被退回的工单修改</source>
            <translation>Open the refused order to correct it</translation>
        </message>
        <message>
            <source>承办单位：{unit}</source>
            <translation>Handling unit: {unit}</translation>
        </message>
        <message>
            <source>来电人</source>
            <translation>Caller</translation>
        </message>
        <message>
            <source>派单</source>
            <translation>Dispatch</translation>
        </message>
        <message>
            <source>特急派单</source>
            <translation>Extra-urgent dispatch</translation>
        </message>
        <message>
            <source>直接答复</source>
            <translation>Direct answer</translation>
        </message>
        <message>
            <source>等待重试</source>
            <translation>Waiting to retry</translation>
        </message>
        <message>
            <source>被退回（已处理）</source>
            <translation>Refused (dealt with)</translation>
        </message>
        <message>
            <source>被退回，待修改</source>
            <translation>Refused, to correct</translation>
        </message>
        <message>
            <source>转接 {line}</source>
            <translation>Transferred to {line}</translation>
        </message>
        <message>
            <source>转接紧急热线</source>
            <translation>Transferred to an emergency line</translation>
        </message>
        <message>
            <source>（待编号）</source>
            <translation>(no number yet)</translation>
        </message>
        <message>
            <source>，待处理 {count}</source>
            <translation>, {count} to deal with</translation>
        </message>
    </context>
    <context>
        <name>Tools</name>
        <message>
            <source>“{text}”不是 ISO 8601 时间，例如 2025-09-30T16:20 或 2025-09-30T16:20:00+08:00</source>
            <translation>"{text}" is not an ISO 8601 time, e.g. 2025-09-30T16:20 or 2025-09-30T16:20:00+08:00</translation>
        </message>
        <message>
            <source>不是 UTF-8 编码的文本（请另存为 UTF-8）</source>
            <translation>not UTF-8 text (save it as UTF-8)</translation>
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
            <source>改用这份禁语清单：每行一条禁语的纯文本文件（# 开头的行和空行忽略），或与内置清单格式相同的 JSON 文件</source>
            <translation>check against this phrase list instead: a plain text file with one phrase per line (lines starting with # and blank lines are ignored), or a JSON file in the shipped format</translation>
        </message>
        <message>
            <source>文件不存在</source>
            <translation>file not found</translation>
        </message>
        <message>
            <source>无法读取要检查的文本：{problem}</source>
            <translation>Cannot read the text to check: {problem}</translation>
        </message>
        <message>
            <source>无法读取：{reason}</source>
            <translation>cannot be read: {reason}</translation>
        </message>
        <message>
            <source>本厅的规则覆盖目录</source>
            <translation>This hall's rule override folder</translation>
        </message>
        <message>
            <source>标准输入</source>
            <translation>standard input</translation>
        </message>
        <message>
            <source>检查了 {files} 个规则文件，发现 {problems} 个问题</source>
            <translation>Checked {files} rule files, found {problems} problems</translation>
        </message>
        <message>
            <source>检查文本中的服务禁语（每行一句，逐行输出 JSON）</source>
            <translation>check a text for forbidden phrases (one utterance per line, one JSON object per line)</translation>
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
            <source>没有标准输入</source>
            <translation>there is no standard input</translation>
        </message>
        <message>
            <source>登记时间，ISO 8601；不带时区时按北京时间</source>
            <translation>Registration time, ISO 8601; Beijing time if no time zone is given</translation>
        </message>
        <message>
            <source>禁语清单是空的：每行写一条禁语</source>
            <translation>the phrase list is empty: write one phrase per line</translation>
        </message>
        <message>
            <source>禁语清单有误：{problem}</source>
            <translation>The phrase list has an error: {problem}</translation>
        </message>
        <message>
            <source>第 {line} 行</source>
            <translation>line {line}</translation>
        </message>
        <message>
            <source>自定义</source>
            <translation>Custom</translation>
        </message>
        <message>
            <source>要检查的文本文件，“-”表示标准输入</source>
            <translation>the text file to check; "-" for standard input</translation>
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
            <source>这是目录，不是文本文件</source>
            <translation>this is a folder, not a text file</translation>
        </message>
        <message>
            <source>逐行检查 UTF-8 文本文件（每行一句话，“-”表示标准输入）中的服务禁语，每行输出一个 JSON 对象：行号、原文和命中的禁语（禁语、分类、字符位置、建议说法）。</source>
            <translation>Checks a UTF-8 text file (one utterance per line, "-" for standard input) for forbidden phrases and prints one JSON object per line: the line number, the text and the phrases found (phrase, category, character span, suggested wording).</translation>
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
        <name>Training</name>
        <message>
            <source>facts 须包含 {key}（{label}）</source>
            <translation>facts must include {key} ({label})</translation>
        </message>
        <message>
            <source>max_total（{cap}）不能小于 points（{points}）</source>
            <translation>max_total ({cap}) cannot be less than points ({points})</translation>
        </message>
        <message>
            <source>{days} 个工作日</source>
            <translation>{days} working days</translation>
        </message>
        <message>
            <source>{label}在附录 D 中没有事项辨识，不能写 appendix_d</source>
            <translation>{label} has no matter identification in Appendix D, so appendix_d cannot be given</translation>
        </message>
        <message>
            <source>{label}须在 appendix_d 中写明附录 D 的事项辨识，可用：{allowed}</source>
            <translation>{label} needs the Appendix D matter identification in appendix_d; available: {allowed}</translation>
        </message>
        <message>
            <source>{policy} 类别为 {code} 的事项应写处置方式 dispatch_extra_urgent</source>
            <translation>Matters of {policy} category {code} should have the handling dispatch_extra_urgent</translation>
        </message>
        <message>
            <source>“{code}”不是政策 {name} 的类别，可用：{allowed}</source>
            <translation>"{code}" is not a category of policy {name}; available: {allowed}</translation>
        </message>
        <message>
            <source>“{item}”不是“{name}”的二级条目，可用：{allowed}</source>
            <translation>"{item}" is not a second-level item of "{name}"; available: {allowed}</translation>
        </message>
        <message>
            <source>“{number}”不是有效的手机号或带区号的固定电话</source>
            <translation>"{number}" is not a valid mobile number or landline number with area code</translation>
        </message>
        <message>
            <source>“{street}”不是{district}的街道（镇、乡），可用：{allowed}</source>
            <translation>"{street}" is not a subdistrict (town, township) of {district}; available: {allowed}</translation>
        </message>
        <message>
            <source>“{value}”不是{label}的事项辨识，可用：{allowed}</source>
            <translation>"{value}" is not a matter identification of {label}; available: {allowed}</translation>
        </message>
        <message>
            <source>“{value}”不是允许的值，允许：{allowed}</source>
            <translation>"{value}" is not an allowed value; allowed: {allowed}</translation>
        </message>
        <message>
            <source>不予受理</source>
            <translation>Not accepted</translation>
        </message>
        <message>
            <source>不予受理时须写 not_accepted_reason（不予受理的情形）</source>
            <translation>not_accepted_reason (the not-accepted case) is required when the call is not accepted</translation>
        </message>
        <message>
            <source>不予受理的情形选为“{chosen}”，应为“{wanted}”</source>
            <translation>Not-accepted case chosen: "{chosen}"; it should be "{wanted}"</translation>
        </message>
        <message>
            <source>不属于受理范围</source>
            <translation>Outside the scope of acceptance</translation>
        </message>
        <message>
            <source>不属于受理范围的场景，处置方式应为不予受理</source>
            <translation>For an out-of-scope scenario, the handling should be not accepted</translation>
        </message>
        <message>
            <source>不登记工单（order 为 false）的场景不写 {key}</source>
            <translation>Scenarios without an order (order is false) do not take {key}</translation>
        </message>
        <message>
            <source>业务主题一级类别“{name}”不在 taxonomy.json 中，可用：{allowed}</source>
            <translation>Top-level business topic category "{name}" is not in taxonomy.json; available: {allowed}</translation>
        </message>
        <message>
            <source>业务主题记为“{recorded}”，应为“{wanted}”</source>
            <translation>Business topic recorded as "{recorded}"; it should be "{wanted}"</translation>
        </message>
        <message>
            <source>中级</source>
            <translation>Intermediate</translation>
        </message>
        <message>
            <source>主办单位选为“{chosen}”，应为：{wanted}</source>
            <translation>Lead handling unit chosen: "{chosen}"; it should be: {wanted}</translation>
        </message>
        <message>
            <source>事由</source>
            <translation>What happened</translation>
        </message>
        <message>
            <source>事由：{text}</source>
            <translation>What happened: {text}</translation>
        </message>
        <message>
            <source>事项所在地记为“{recorded}”，应为“{wanted}”</source>
            <translation>Location of the matter recorded as "{recorded}"; it should be "{wanted}"</translation>
        </message>
        <message>
            <source>使用了服务禁语“{phrase}”（{category}）；可改说：“{suggestion}”</source>
            <translation>Used the forbidden service phrase "{phrase}" ({category}); you could say: "{suggestion}"</translation>
        </message>
        <message>
            <source>保密工单的“{fields}”中写了来电人的姓名或电话，承办单位会看到；身份信息只能填在受保护的字段中</source>
            <translation>The caller's name or phone number was written in "{fields}" of a confidential order, which the handling unit will see; identity details belong only in the protected fields</translation>
        </message>
        <message>
            <source>关联工单“{number}”不在本场景的 history 中</source>
            <translation>Linked order "{number}" is not in this scenario's history</translation>
        </message>
        <message>
            <source>关联已有工单</source>
            <translation>Link to existing order</translation>
        </message>
        <message>
            <source>关联已有工单或重复反映不予受理时须写 linked_order（已有工单号）</source>
            <translation>linked_order (the existing order number) is required when linking to an existing order or not accepting a repeated report</translation>
        </message>
        <message>
            <source>初级</source>
            <translation>Beginner</translation>
        </message>
        <message>
            <source>办理时限政策“{name}”不在 time_limits.json 中，可用：{allowed}</source>
            <translation>Time-limit policy "{name}" is not in time_limits.json; available: {allowed}</translation>
        </message>
        <message>
            <source>办理时限类别记为“{recorded}”，应为“{wanted}”</source>
            <translation>Time-limit category recorded as "{recorded}"; it should be "{wanted}"</translation>
        </message>
        <message>
            <source>区县（市）“{name}”不在 places.json 中，可用：{allowed}</source>
            <translation>District/county (city) "{name}" is not in places.json; available: {allowed}</translation>
        </message>
        <message>
            <source>受理工单中没有字段“{key}”，可用：{allowed}</source>
            <translation>The intake order has no field "{key}"; available: {allowed}</translation>
        </message>
        <message>
            <source>只有不予受理才写 not_accepted_reason</source>
            <translation>not_accepted_reason is only for calls that are not accepted</translation>
        </message>
        <message>
            <source>只有关联已有工单或重复反映不予受理时才写 linked_order</source>
            <translation>linked_order is only for linking to an existing order or not accepting a repeated report</translation>
        </message>
        <message>
            <source>只有写了 {policy} 的办理时限类别才能写附录 D 事项辨识</source>
            <translation>An Appendix D matter identification can only be given together with a {policy} time-limit category</translation>
        </message>
        <message>
            <source>只有派单才写 time_limit，本场景的处置方式是“{label}”</source>
            <translation>time_limit is only for dispatch; the handling in this scenario is "{label}"</translation>
        </message>
        <message>
            <source>只有派单才写 units，本场景的处置方式是“{label}”</source>
            <translation>units is only for dispatch; the handling in this scenario is "{label}"</translation>
        </message>
        <message>
            <source>只有转接紧急热线才写 emergency_line</source>
            <translation>emergency_line is only for transfers to an emergency line</translation>
        </message>
        <message>
            <source>台词时间应按先后排列：{at} 秒早于上一句的 {previous} 秒</source>
            <translation>Line times should be in order: {at} s is earlier than the previous line's {previous} s</translation>
        </message>
        <message>
            <source>同一事项重复反映</source>
            <translation>Same matter reported again</translation>
        </message>
        <message>
            <source>地点</source>
            <translation>Place</translation>
        </message>
        <message>
            <source>地点：{text}</source>
            <translation>Place: {text}</translation>
        </message>
        <message>
            <source>场景编号“{id}”应与文件名“{name}.json”一致</source>
            <translation>Scenario ID "{id}" should match the file name "{name}.json"</translation>
        </message>
        <message>
            <source>场景编号只能用小写英文字母、数字和连字符，如 gas-smell-stairwell</source>
            <translation>Scenario IDs may use only lowercase English letters, digits and hyphens, e.g. gas-smell-stairwell</translation>
        </message>
        <message>
            <source>处置方式“{label}”需要登记工单，order 不能为 false</source>
            <translation>Handling "{label}" needs an order, so order cannot be false</translation>
        </message>
        <message>
            <source>处置方式为“{chosen}”，应为“{wanted}”</source>
            <translation>Handling was "{chosen}"; it should be "{wanted}"</translation>
        </message>
        <message>
            <source>处置方式为“{label}”时须写 time_limit（办理时限类别）</source>
            <translation>time_limit (the time-limit category) is required when the handling is "{label}"</translation>
        </message>
        <message>
            <source>处置方式为“{label}”时须写 units（可接受的承办单位）</source>
            <translation>units (the acceptable handling units) is required when the handling is "{label}"</translation>
        </message>
        <message>
            <source>字段“{key}”的类型是 {type}，这里需要：{allowed}</source>
            <translation>Field "{key}" is of type {type}; needed here: {allowed}</translation>
        </message>
        <message>
            <source>属于人大、法院、检察院职权</source>
            <translation>Falls under the powers of the people's congress, courts or procuratorates</translation>
        </message>
        <message>
            <source>属于纪检监察机关职责</source>
            <translation>Falls under the duties of the discipline inspection and supervision authorities</translation>
        </message>
        <message>
            <source>工单内容缺少{element}，应写明{keywords}</source>
            <translation>The order is missing {element}; it should state {keywords}</translation>
        </message>
        <message>
            <source>工单号</source>
            <translation>Order number</translation>
        </message>
        <message>
            <source>工单号只能由英文字母、数字和连字符组成，最多 40 个字符</source>
            <translation>Order numbers may contain only English letters, digits and hyphens, at most 40 characters</translation>
        </message>
        <message>
            <source>工单缺少必填项“{label}”</source>
            <translation>The order is missing the required item "{label}"</translation>
        </message>
        <message>
            <source>平静</source>
            <translation>Calm</translation>
        </message>
        <message>
            <source>应为 0.5 到 1 之间的小数，如 0.8</source>
            <translation>Should be a decimal from 0.5 to 1, e.g. 0.8</translation>
        </message>
        <message>
            <source>应为“政策名称: 类别编码”的对象，如 {"ZJ-2025": "quick"}</source>
            <translation>Should be an object of "policy name: category code", e.g. {"ZJ-2025": "quick"}</translation>
        </message>
        <message>
            <source>应为不带首尾空格的非空文字</source>
            <translation>Should be non-empty text without leading or trailing spaces</translation>
        </message>
        <message>
            <source>应关联来电人的已有工单 {number}（{summary}）</source>
            <translation>Should be linked to the caller's existing order {number} ({summary})</translation>
        </message>
        <message>
            <source>应由特定单位受理</source>
            <translation>Should be handled by a designated body</translation>
        </message>
        <message>
            <source>应申请政府信息公开</source>
            <translation>Should apply for government information disclosure</translation>
        </message>
        <message>
            <source>应通过仲裁解决</source>
            <translation>Should be resolved through arbitration</translation>
        </message>
        <message>
            <source>应通过信访渠道解决</source>
            <translation>Should be resolved through the petition (letters and visits) channel</translation>
        </message>
        <message>
            <source>应通过行政复议解决</source>
            <translation>Should be resolved through administrative review</translation>
        </message>
        <message>
            <source>应通过诉讼解决</source>
            <translation>Should be resolved through litigation</translation>
        </message>
        <message>
            <source>情绪激动</source>
            <translation>Upset</translation>
        </message>
        <message>
            <source>或</source>
            <translation> or </translation>
        </message>
        <message>
            <source>承办单位“{id}”不在 units.json 中</source>
            <translation>Handling unit "{id}" is not in units.json</translation>
        </message>
        <message>
            <source>承办单位“{name}”属于{unit_district}，与事项所在地{district}不符</source>
            <translation>Handling unit "{name}" belongs to {unit_district}, which does not match the location of the matter, {district}</translation>
        </message>
        <message>
            <source>承办单位“{name}”是{unit_street}的，与事项所在地{street}不符</source>
            <translation>Handling unit "{name}" belongs to {unit_street}, which does not match the location of the matter, {street}</translation>
        </message>
        <message>
            <source>投诉中隐藏紧急险情</source>
            <translation>Emergency hidden in a complaint</translation>
        </message>
        <message>
            <source>按特急件派单并同时电话通知承办单位</source>
            <translation>dispatch it as extra-urgent and also phone the handling unit</translation>
        </message>
        <message>
            <source>方言</source>
            <translation>Dialect</translation>
        </message>
        <message>
            <source>无声</source>
            <translation>Silent</translation>
        </message>
        <message>
            <source>无声电话</source>
            <translation>Silent call</translation>
        </message>
        <message>
            <source>无声电话的场景，caller/manner 应为 silent</source>
            <translation>For a silent call scenario, caller/manner should be silent</translation>
        </message>
        <message>
            <source>时间</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>时间：{text}</source>
            <translation>Time: {text}</translation>
        </message>
        <message>
            <source>未填写</source>
            <translation>not filled in</translation>
        </message>
        <message>
            <source>未提供姓名</source>
            <translation>Name not given</translation>
        </message>
        <message>
            <source>未选择</source>
            <translation>Not selected</translation>
        </message>
        <message>
            <source>本次来电应登记工单，但没有提交工单</source>
            <translation>This call needed an order, but no order was submitted</translation>
        </message>
        <message>
            <source>本次来电没有可受理的诉求，不应登记工单</source>
            <translation>This call had no request that can be accepted, so no order should be recorded</translation>
        </message>
        <message>
            <source>来电人姓名记为“{recorded}”，应为{accepted}</source>
            <translation>Caller name recorded as "{recorded}"; it should be {accepted}</translation>
        </message>
        <message>
            <source>来电人本人</source>
            <translation>The caller</translation>
        </message>
        <message>
            <source>来电人没有要求保密，工单不应勾选“{label}”</source>
            <translation>The caller did not ask for confidentiality, so "{label}" should not be ticked on the order</translation>
        </message>
        <message>
            <source>来电人要求保密</source>
            <translation>Caller asks for confidentiality</translation>
        </message>
        <message>
            <source>来电人要求保密，工单应勾选“{label}”</source>
            <translation>The caller asked for confidentiality, so "{label}" should be ticked on the order</translation>
        </message>
        <message>
            <source>来电号码未显示且来电人不愿留号码，应勾选“{label}”并写明原因</source>
            <translation>The number was withheld and the caller did not want to give one; tick "{label}" and state the reason</translation>
        </message>
        <message>
            <source>来电号码未显示，来电人不愿留号码</source>
            <translation>Number withheld; the caller did not want to give a number</translation>
        </message>
        <message>
            <source>来电响铃 {seconds} 秒无人接听，来电人已挂断；应在 {rings} 声铃内接听</source>
            <translation>The call rang for {seconds} s without an answer and the caller hung up; answer within {rings} rings</translation>
        </message>
        <message>
            <source>每个答复要点应为不带首尾空格的关键词列表，至少一个关键词</source>
            <translation>Each answer point should be a list of keywords without leading or trailing spaces, with at least one keyword</translation>
        </message>
        <message>
            <source>没有使用规范话术；应说：“{text}”</source>
            <translation>The standard script was not used; you should say: "{text}"</translation>
        </message>
        <message>
            <source>没有具体诉求</source>
            <translation>No concrete request</translation>
        </message>
        <message>
            <source>没有规范地结束通话；结束语：“{closing}”</source>
            <translation>The call was not ended in the standard way; closing line: "{closing}"</translation>
        </message>
        <message>
            <source>没有选择事项所在地，应为“{wanted}”</source>
            <translation>No location of the matter was selected; it should be "{wanted}"</translation>
        </message>
        <message>
            <source>派单</source>
            <translation>Dispatch</translation>
        </message>
        <message>
            <source>涉及军队、武警事务</source>
            <translation>Involves military or armed police affairs</translation>
        </message>
        <message>
            <source>涉及对象</source>
            <translation>Party involved</translation>
        </message>
        <message>
            <source>涉及秘密或个人隐私</source>
            <translation>Involves secrets or personal privacy</translation>
        </message>
        <message>
            <source>涉及：{text}</source>
            <translation>Party involved: {text}</translation>
        </message>
        <message>
            <source>特急派单须写 {policy} 类别 {code}</source>
            <translation>An extra-urgent dispatch needs {policy} category {code}</translation>
        </message>
        <message>
            <source>特急派单（同时电话通知承办单位）</source>
            <translation>Extra-urgent dispatch (also phone the handling unit)</translation>
        </message>
        <message>
            <source>登记日期应写成 2026-01-05 这样的格式</source>
            <translation>The registration date should be written like 2026-01-05</translation>
        </message>
        <message>
            <source>直接答复</source>
            <translation>Direct answer</translation>
        </message>
        <message>
            <source>直接答复时须写 answer_points（答复要点）</source>
            <translation>answer_points (the answer points) is required for a direct answer</translation>
        </message>
        <message>
            <source>知识库可直接答复</source>
            <translation>Can be answered from the knowledge base</translation>
        </message>
        <message>
            <source>知识库条目编号只能由英文字母、数字、下划线和连字符组成</source>
            <translation>Knowledge base article IDs may contain only English letters, digits, underscores and hyphens</translation>
        </message>
        <message>
            <source>知识库答复的场景，处置方式应为直接答复并写 knowledge_articles</source>
            <translation>For a knowledge base answer scenario, the handling should be a direct answer with knowledge_articles</translation>
        </message>
        <message>
            <source>称呼只能是：{allowed}</source>
            <translation>The form of address must be one of: {allowed}</translation>
        </message>
        <message>
            <source>立即转接 {line}</source>
            <translation>transfer to {line} at once</translation>
        </message>
        <message>
            <source>第 {rings} 声铃才接听；应在 {within} 声铃内接听</source>
            <translation>Answered only at ring {rings}; answer within {within} rings</translation>
        </message>
        <message>
            <source>答复缺少要点：应向来电人讲明{point}</source>
            <translation>The answer is missing a point: tell the caller about {point}</translation>
        </message>
        <message>
            <source>缺少现行默认政策“{name}”的办理时限类别</source>
            <translation>The time-limit category for the current default policy "{name}" is missing</translation>
        </message>
        <message>
            <source>老年人</source>
            <translation>Elderly</translation>
        </message>
        <message>
            <source>联系电话记为“{recorded}”，应为 {wanted}</source>
            <translation>Contact number recorded as "{recorded}"; it should be {wanted}</translation>
        </message>
        <message>
            <source>要求保密的场景，expected/confidential 应为 true</source>
            <translation>For a confidentiality scenario, expected/confidential should be true</translation>
        </message>
        <message>
            <source>诉求</source>
            <translation>Request</translation>
        </message>
        <message>
            <source>诉求分类“{value}”不是受理工单的选项，允许：{allowed}</source>
            <translation>Request type "{value}" is not an option of the intake order; allowed: {allowed}</translation>
        </message>
        <message>
            <source>诉求分类记为“{recorded}”，应为“{wanted}”</source>
            <translation>Request type recorded as "{recorded}"; it should be "{wanted}"</translation>
        </message>
        <message>
            <source>话术“{id}”不在 scripts.json 中，可用：{allowed}</source>
            <translation>Script "{id}" is not in scripts.json; available: {allowed}</translation>
        </message>
        <message>
            <source>该诉求属于受理范围，不应不予受理；应{wanted}</source>
            <translation>This request is within the scope of acceptance and should not be refused; the handling should be: {wanted}</translation>
        </message>
        <message>
            <source>转接到了“{chosen}”，应转接 {wanted}</source>
            <translation>Transferred to "{chosen}"; it should go to {wanted}</translation>
        </message>
        <message>
            <source>转接紧急热线</source>
            <translation>Transfer to emergency line</translation>
        </message>
        <message>
            <source>转接紧急热线时须写 emergency_line（110、119、120 或 122）</source>
            <translation>emergency_line (110, 119, 120 or 122) is required for a transfer to an emergency line</translation>
        </message>
        <message>
            <source>辱骂</source>
            <translation>Abusive</translation>
        </message>
        <message>
            <source>辱骂来电</source>
            <translation>Abusive call</translation>
        </message>
        <message>
            <source>辱骂来电的场景，caller/manner 应为 abusive</source>
            <translation>For an abusive call scenario, caller/manner should be abusive</translation>
        </message>
        <message>
            <source>这是需要立即处置的紧急情况，应{action}；实际处置：{chosen}</source>
            <translation>This is an emergency that needs immediate action: you should {action}. Actual handling: {chosen}</translation>
        </message>
        <message>
            <source>违反法律或公序良俗</source>
            <translation>Against the law or public order and morals</translation>
        </message>
        <message>
            <source>通话记录的“order”应为对象</source>
            <translation>The call record's "order" should be an object</translation>
        </message>
        <message>
            <source>通话记录的“rings”应为正整数</source>
            <translation>The call record's "rings" should be a positive integer</translation>
        </message>
        <message>
            <source>通话记录的“{key}”不是 ISO 8601 时间</source>
            <translation>The call record's "{key}" is not an ISO 8601 time</translation>
        </message>
        <message>
            <source>通话记录的“{key}”应为文字</source>
            <translation>The call record's "{key}" should be text</translation>
        </message>
        <message>
            <source>通话记录的“{key}”应为文字列表</source>
            <translation>The call record's "{key}" should be a list of texts</translation>
        </message>
        <message>
            <source>通话记录的处置方式“{value}”不认识</source>
            <translation>Unrecognized handling "{value}" in the call record</translation>
        </message>
        <message>
            <source>重复来电</source>
            <translation>Repeat caller</translation>
        </message>
        <message>
            <source>重复来电的场景须在 history 中写已有工单</source>
            <translation>A repeat caller scenario must list the existing order in history</translation>
        </message>
        <message>
            <source>问候语不规范；标准问候语：“{greeting}”</source>
            <translation>The greeting is not standard; standard greeting: "{greeting}"</translation>
        </message>
        <message>
            <source>问候语没有报工号 {job_number}；应说：“{greeting}”</source>
            <translation>The greeting did not state job number {job_number}; you should say: "{greeting}"</translation>
        </message>
        <message>
            <source>隐藏险情的场景，处置方式应为转接紧急热线或特急派单</source>
            <translation>For a hidden emergency scenario, the handling should be a transfer to an emergency line or an extra-urgent dispatch</translation>
        </message>
        <message>
            <source>需要登记工单的场景须写 {key}</source>
            <translation>Scenarios that need an order must give {key}</translation>
        </message>
        <message>
            <source>高级</source>
            <translation>Advanced</translation>
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
    <context>
        <name>TrainingRoom</name>
        <message>
            <source>【培训】选择培训场景</source>
            <translation>[Training] Pick a scenario</translation>
        </message>
        <message>
            <source>共 {count} 个场景。开始后请示闲，来电将振铃。</source>
            <translation>{count} scenarios. After starting, go ready and the call will ring.</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>取消 (Esc)</source>
            <translation>Cancel (Esc)</translation>
        </message>
        <message>
            <source>培训(&amp;T)</source>
            <translation>&amp;Training</translation>
        </message>
        <message>
            <source>培训场景</source>
            <translation>Training scenarios</translation>
        </message>
        <message>
            <source>培训场景“{title}”已开始：示闲后来电将振铃。</source>
            <translation>Training scenario “{title}” started: go ready and the call will ring.</translation>
        </message>
        <message>
            <source>培训模式 TRAINING · 连接的是培训后台（培训教室），所有来电和工单均为模拟</source>
            <translation>TRAINING · connected to a training backend (classroom lab); every call and order is simulated</translation>
        </message>
        <message>
            <source>开始 (Enter)</source>
            <translation>Start (Enter)</translation>
        </message>
        <message>
            <source>开始这个场景</source>
            <translation>Start this scenario</translation>
        </message>
        <message>
            <source>查看上次评分</source>
            <translation>Show the last score</translation>
        </message>
        <message>
            <source>筛选场景</source>
            <translation>Filter scenarios</translation>
        </message>
        <message>
            <source>输入我说的话</source>
            <translation>Type what I say</translation>
        </message>
        <message>
            <source>输入文字筛选场景</source>
            <translation>Type to filter the scenarios</translation>
        </message>
        <message>
            <source>选择培训场景</source>
            <translation>Pick a training scenario</translation>
        </message>
        <message>
            <source>选择培训场景…</source>
            <translation>Pick a training scenario…</translation>
        </message>
        <message>
            <source>随机场景</source>
            <translation>Random scenario</translation>
        </message>
        <message>
            <source>随机培训场景</source>
            <translation>Random training scenario</translation>
        </message>
    </context>
    <context>
        <name>TranscriptAlert</name>
        <message>
            <source>关闭提醒</source>
            <translation>Close alert</translation>
        </message>
        <message>
            <source>刚才说的“{words}”属于服务禁语（{category}），可以说：{suggestion}</source>
            <translation>You just said "{words}", a forbidden service phrase ({category}); you can say instead: {suggestion}</translation>
        </message>
        <message>
            <source>实时禁语提醒</source>
            <translation>Live forbidden phrase alert</translation>
        </message>
        <message>
            <source>禁语提醒内容</source>
            <translation>Forbidden phrase alert text</translation>
        </message>
        <message>
            <source>（这句话共 {count} 处）</source>
            <translation> ({count} in this sentence)</translation>
        </message>
    </context>
    <context>
        <name>TranscriptPanel</name>
        <message>
            <source>发送我说的话</source>
            <translation>Send what I say</translation>
        </message>
        <message>
            <source>培训：在下方输入您对来电人说的话，按回车发送；来电人会回答相关问题。</source>
            <translation>Training: type what you say to the caller below and press Enter; the caller answers related questions.</translation>
        </message>
        <message>
            <source>当前没有通话。接通后，通话内容按说话人逐句显示在这里。</source>
            <translation>No call. Once a call is answered, what is said appears here line by line.</translation>
        </message>
        <message>
            <source>我</source>
            <translation>Me</translation>
        </message>
        <message>
            <source>我说</source>
            <translation>I say</translation>
        </message>
        <message>
            <source>来电人</source>
            <translation>Caller</translation>
        </message>
        <message>
            <source>来电人刚说的话</source>
            <translation>What the caller just said</translation>
        </message>
        <message>
            <source>来电人说：{text}</source>
            <translation>Caller says: {text}</translation>
        </message>
        <message>
            <source>说</source>
            <translation>Say</translation>
        </message>
        <message>
            <source>输入您对来电人说的话，按回车发送</source>
            <translation>Type what you say to the caller, Enter sends</translation>
        </message>
        <message>
            <source>通话中：内容由后台语音识别逐句转写。</source>
            <translation>In a call: the backend's speech recognition transcribes each line.</translation>
        </message>
        <message>
            <source>通话内容</source>
            <translation>Call lines</translation>
        </message>
        <message>
            <source>通话已结束，以下为本通电话的记录。</source>
            <translation>The call has ended; this is its transcript.</translation>
        </message>
        <message>
            <source>通话记录</source>
            <translation>Transcript</translation>
        </message>
        <message>
            <source>通话记录提示</source>
            <translation>Transcript hint</translation>
        </message>
    </context>
    <context>
        <name>TransferBox</name>
        <message>
            <source>{kind} · {label}</source>
            <translation>{kind} · {label}</translation>
        </message>
        <message>
            <source>三方通话</source>
            <translation>Three-way call</translation>
        </message>
        <message>
            <source>专席、热线或单位（拼音、号码），回车咨询</source>
            <translation>Specialist, hotline or unit (pinyin, number); Enter to consult</translation>
        </message>
        <message>
            <source>呼叫单位并三方通话</source>
            <translation>Call the unit and join a three-way call</translation>
        </message>
        <message>
            <source>咨询</source>
            <translation>Consult</translation>
        </message>
        <message>
            <source>咨询状态</source>
            <translation>Consultation state</translation>
        </message>
        <message>
            <source>完成转接</source>
            <translation>Complete transfer</translation>
        </message>
        <message>
            <source>搜索转接对象</source>
            <translation>Search transfer targets</translation>
        </message>
        <message>
            <source>特急件三方通话提示</source>
            <translation>Extra-urgent three-way call prompt</translation>
        </message>
        <message>
            <source>特急件：{unit} 在单位目录中没有联系电话，请从转接对象中选择。</source>
            <translation>Extra-urgent: {unit} has no contact number in the unit directory; choose from the transfer targets.</translation>
        </message>
        <message>
            <source>特急件：请与 {unit}（{number}）三方通话，督促立即处置。</source>
            <translation>Extra-urgent: make a three-way call with {unit} ({number}) so it acts at once.</translation>
        </message>
        <message>
            <source>直接转接</source>
            <translation>Blind transfer</translation>
        </message>
        <message>
            <source>紧急联动线路</source>
            <translation>Emergency lines</translation>
        </message>
        <message>
            <source>紧急转接</source>
            <translation>Emergency transfer</translation>
        </message>
        <message>
            <source>结束咨询</source>
            <translation>End consultation</translation>
        </message>
        <message>
            <source>转接与三方通话</source>
            <translation>Transfer and three-way call</translation>
        </message>
        <message>
            <source>转接对象</source>
            <translation>Transfer targets</translation>
        </message>
    </context>
    <context>
        <name>TransferState</name>
        <message>
            <source>{name} 已挂断，已回到来电人。</source>
            <translation>{name} hung up; you are back with the caller.</translation>
        </message>
        <message>
            <source>{name} 已接通：可三方通话、完成转接或结束咨询</source>
            <translation>{name} answered: start a three-way call, complete the transfer or end the consultation</translation>
        </message>
        <message>
            <source>{name} 忙，已回到来电人。</source>
            <translation>{name} is busy; you are back with the caller.</translation>
        </message>
        <message>
            <source>{name} 忙，未能接通。</source>
            <translation>{name} is busy; not connected.</translation>
        </message>
        <message>
            <source>{name} 无人接听，已回到来电人。</source>
            <translation>{name} did not answer; you are back with the caller.</translation>
        </message>
        <message>
            <source>{name} 无人接听，未能接通。</source>
            <translation>{name} did not answer; not connected.</translation>
        </message>
        <message>
            <source>三方通话中：来电人、{name} 和您</source>
            <translation>Three-way call: the caller, {name} and you</translation>
        </message>
        <message>
            <source>三方通话已结束。</source>
            <translation>The three-way call has ended.</translation>
        </message>
        <message>
            <source>与 {name} 的通话已结束。</source>
            <translation>The call with {name} has ended.</translation>
        </message>
        <message>
            <source>已紧急转接 {name}，交接信息已发送。</source>
            <translation>Transferred to {name} as an emergency; the handoff was sent.</translation>
        </message>
        <message>
            <source>已结束咨询 {name}，回到来电人。</source>
            <translation>Consultation with {name} ended; back with the caller.</translation>
        </message>
        <message>
            <source>已转接给 {name}。</source>
            <translation>Transferred to {name}.</translation>
        </message>
        <message>
            <source>来电人已挂断，与 {name} 的咨询已结束。</source>
            <translation>The caller hung up; the consultation with {name} has ended.</translation>
        </message>
        <message>
            <source>正在呼叫 {name}，来电人保持中…</source>
            <translation>Calling {name}; the caller is on hold…</translation>
        </message>
        <message>
            <source>正在转接 {name}…</source>
            <translation>Transferring to {name}…</translation>
        </message>
    </context>
    <context>
        <name>TransferTargets</name>
        <message>
            <source>3 到 8 位数字，如 110</source>
            <translation>3 to 8 digits, e.g. 110</translation>
        </message>
        <message>
            <source>{line} {name}</source>
            <translation>{line} {name}</translation>
        </message>
        <message>
            <source>{name}（{number}）</source>
            <translation>{name} ({number})</translation>
        </message>
        <message>
            <source>不认识的键“{key}”；可用的键：{allowed}</source>
            <translation>Unknown key "{key}"; allowed keys: {allowed}</translation>
        </message>
        <message>
            <source>专席</source>
            <translation>Specialist seat</translation>
        </message>
        <message>
            <source>其他热线</source>
            <translation>Other hotline</translation>
        </message>
        <message>
            <source>太长：最多 {n} 个字</source>
            <translation>Too long: at most {n} characters</translation>
        </message>
        <message>
            <source>小写字母、数字和连字符，最长 40 个字符</source>
            <translation>lower-case letters, digits and hyphens, at most 40 characters</translation>
        </message>
        <message>
            <source>应为 {low} 到 {high} 之间的整数（秒）</source>
            <translation>Must be a whole number of seconds from {low} to {high}</translation>
        </message>
        <message>
            <source>应为对象（{…}）</source>
            <translation>Must be an object ({…})</translation>
        </message>
        <message>
            <source>应为文字的列表，最多 {n} 个</source>
            <translation>Must be a list of texts, at most {n}</translation>
        </message>
        <message>
            <source>应为非空文字</source>
            <translation>Must be non-empty text</translation>
        </message>
        <message>
            <source>应为非空的列表</source>
            <translation>Must be a non-empty list</translation>
        </message>
        <message>
            <source>承办单位</source>
            <translation>Handling unit</translation>
        </message>
        <message>
            <source>数字号码（可含连字符，3 到 20 位）</source>
            <translation>a number of digits (hyphens allowed, 3 to 20 characters)</translation>
        </message>
        <message>
            <source>格式不对：应为{allowed}</source>
            <translation>Wrong format: must be {allowed}</translation>
        </message>
        <message>
            <source>紧急联动</source>
            <translation>Emergency line</translation>
        </message>
        <message>
            <source>缺少必填的键“{key}”</source>
            <translation>The required key "{key}" is missing</translation>
        </message>
        <message>
            <source>转接对象 {id} 重复出现 {count} 次；每个编号只能出现一次</source>
            <translation>Transfer target {id} appears {count} times; each id may appear only once</translation>
        </message>
    </context>
    <context>
        <name>UnitPicker</name>
        <message>
            <source> · 职责：{duties}</source>
            <translation> · Duties: {duties}</translation>
        </message>
        <message>
            <source>{place} · {kind}</source>
            <translation>{place} · {kind}</translation>
        </message>
        <message>
            <source>中文或拼音首字母，如“xhzfj”“西湖 执法”</source>
            <translation>Chinese or pinyin initials, e.g. "xhzfj", "西湖 执法"</translation>
        </message>
        <message>
            <source>全市</source>
            <translation>City-wide</translation>
        </message>
        <message>
            <source>公共服务企业</source>
            <translation>Public service enterprise</translation>
        </message>
        <message>
            <source>属地政府</source>
            <translation>Local government</translation>
        </message>
        <message>
            <source>找到 {count} 个单位，↓ 选择，回车确定</source>
            <translation>{count} units found; ↓ to choose, Enter to confirm</translation>
        </message>
        <message>
            <source>查找承办单位</source>
            <translation>Find handling unit</translation>
        </message>
        <message>
            <source>查找结果</source>
            <translation>Search results</translation>
        </message>
        <message>
            <source>查找结果说明</source>
            <translation>Search result details</translation>
        </message>
        <message>
            <source>没有找到“{query}”</source>
            <translation>Nothing found for "{query}"</translation>
        </message>
        <message>
            <source>职能部门</source>
            <translation>Functional department</translation>
        </message>
        <message>
            <source>输入单位名称、简称或拼音首字母查找</source>
            <translation>Type a unit name, short name or pinyin initials to search</translation>
        </message>
    </context>
    <context>
        <name>WrapUpPanel</name>
        <message>
            <source>{label}：已做到</source>
            <translation>{label}: done</translation>
        </message>
        <message>
            <source>{label}：未做到</source>
            <translation>{label}: not done</translation>
        </message>
        <message>
            <source>✓ {label}</source>
            <translation>✓ {label}</translation>
        </message>
        <message>
            <source>✗ {label}</source>
            <translation>✗ {label}</translation>
        </message>
        <message>
            <source>做到了就勾选</source>
            <translation>tick it if you did</translation>
        </message>
        <message>
            <source>剩余 {time}</source>
            <translation>{time} left</translation>
        </message>
        <message>
            <source>工单保存状态</source>
            <translation>Order save status</translation>
        </message>
        <message>
            <source>工单：已保存</source>
            <translation>Order: saved</translation>
        </message>
        <message>
            <source>工单：未保存</source>
            <translation>Order: not saved</translation>
        </message>
        <message>
            <source>工单：未保存（保存工单后才能结束话后整理）</source>
            <translation>Order: not saved (save the order to end wrap-up)</translation>
        </message>
        <message>
            <source>已超时 {time}</source>
            <translation>Over by {time}</translation>
        </message>
        <message>
            <source>延长 {seconds} 秒</source>
            <translation>Extend by {seconds} s</translation>
        </message>
        <message>
            <source>结束话后整理</source>
            <translation>End wrap-up</translation>
        </message>
        <message>
            <source>话后整理</source>
            <translation>Wrap-up</translation>
        </message>
        <message>
            <source>话后整理剩余时间</source>
            <translation>Wrap-up time left</translation>
        </message>
        <message>
            <source>话后自查</source>
            <translation>Wrap-up self-check</translation>
        </message>
        <message>
            <source>话后自查（随工单保存）：</source>
            <translation>Self-check (saved with the order):</translation>
        </message>
    </context>
</TS>
