"""Article bodies reduced to a safe HTML subset: hostile markup must come out harmless."""

from __future__ import annotations

import re

import pytest

from seatclient.knowledge import Link, html_to_text, sanitize_body, sanitize_html
from seatclient.knowledge.sanitize import ALLOWED_TAGS, index_text

TAG = re.compile(r"</?([a-z0-9]+)")


def tags_of(markup: str) -> set[str]:
    return set(TAG.findall(markup))


def test_the_allowed_subset_passes_unchanged() -> None:
    markup = (
        "<h3>办理须知</h3><p>携带<b>身份证</b>和<strong>户口簿</strong>，<i>本人</i><em>到场</em>。<br>咨询12345。</p>"
        "<ul><li>工作日</li></ul><ol><li>预约</li></ol>"
        '<table><thead><tr><th>项目</th></tr></thead><tbody><tr><td colspan="2">免费</td></tr></tbody></table><h4>附注</h4>'
    )
    assert sanitize_html(markup) == markup


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<style>body{display:none}</style>",
        '<iframe src="https://evil.example"></iframe>',
        '<object data="x.swf"></object><embed src="x.swf">',
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><script>alert(1)</script></mtext></math>",
        "<noscript><img src=x onerror=alert(1)></noscript>",
        "<template><script>alert(1)</script></template>",
    ],
)
def test_scripts_styles_and_embedded_documents_vanish_with_their_content(hostile: str) -> None:
    result = sanitize_html(f"<p>前{hostile}后</p>")
    assert "alert" not in result
    assert "evil" not in result
    assert "display" not in result
    assert "<script" not in result.lower()
    assert tags_of(result) <= ALLOWED_TAGS


def test_a_script_broken_into_pieces_leaves_only_text() -> None:
    result = sanitize_html("<scr<script>ipt>alert(1)</script>")
    # The parser reads "<scr<script>" as one unknown tag; the rest is text, escaped, never a tag.
    assert result == "ipt&gt;alert(1)"
    assert tags_of(result) == set()


def test_event_handlers_styles_and_every_other_attribute_are_dropped() -> None:
    result = sanitize_html(
        '<p onclick="steal()" style="color:red" class="x" id="y">文字</p>'
        '<b onmouseover="steal()">粗体</b><td onfocus="x" colspan="3" rowspan="javascript:1">格</td>'
    )
    assert result == '<p>文字</p><b>粗体</b><td colspan="3">格</td>'
    assert sanitize_html('<table><tr><td colspan="2" rowspan="x">格</td></tr></table>') == (
        '<table><tr><td colspan="2">格</td></tr></table>'
    )


def test_images_never_load_and_keep_only_their_alt_text() -> None:
    result = sanitize_body('<p>示意<img src="https://tracker.example/p.gif" alt="办事流程图"></p>')
    assert "tracker" not in result.html
    assert "<img" not in result.html
    assert result.html == "<p>示意［图片：办事流程图］</p>"
    assert sanitize_html('<img src="data:image/png;base64,AAAA">') == ""


def test_links_become_text_with_the_address_shown_and_listed() -> None:
    body = sanitize_body(
        '<p>详见<a href="https://www.hzgjj.cn/guide" target="_blank">公积金中心官网</a>。</p>'
    )
    assert body.html == "<p>详见公积金中心官网（https://www.hzgjj.cn/guide）。</p>"
    assert "<a" not in body.html
    assert body.links == (Link(text="公积金中心官网", url="https://www.hzgjj.cn/guide"),)
    same = sanitize_body('<a href="https://zwfw.zj.gov.cn">https://zwfw.zj.gov.cn</a>')
    assert same.html == "https://zwfw.zj.gov.cn"


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "&#106;avascript:alert(1)",
        "  javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
    ],
)
def test_dangerous_link_targets_lose_their_address(href: str) -> None:
    body = sanitize_body(f'<a href="{href}">点击办理</a>')
    assert body.html == "点击办理"
    assert body.links == ()


def test_text_is_escaped_and_entities_decoded_once() -> None:
    assert sanitize_html("<p>1 &lt; 2 &amp;&amp; 3 &gt; 2</p>") == "<p>1 &lt; 2 &amp;&amp; 3 &gt; 2</p>"
    assert sanitize_html("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    assert html_to_text("<p>1 &lt; 2</p>") == "1 < 2"


def test_comments_doctype_and_processing_instructions_are_dropped() -> None:
    result = sanitize_html(
        "<!DOCTYPE html><!-- <script>x</script> --><?php echo 1; ?><![CDATA[y]]><p>正文</p>"
    )
    assert result == "<p>正文</p>"


def test_unclosed_and_misnested_tags_are_balanced() -> None:
    assert sanitize_html("<p>一<b>二<p>三") == "<p>一<b>二</b></p><p>三</p>"
    assert sanitize_html("<ul><li>甲<li>乙</ul>") == "<ul><li>甲</li><li>乙</li></ul>"
    assert sanitize_html("</b></p>文字</li>") == "文字"
    assert sanitize_html("<h1>大标题</h1><h6>小标题</h6>") == "<h3>大标题</h3><h4>小标题</h4>"


def test_unknown_tags_keep_their_text() -> None:
    assert sanitize_html('<div><span style="x">甲</span><font color=red>乙</font></div>') == "甲乙<br>"


def test_control_and_direction_characters_are_removed() -> None:
    assert sanitize_html("<p>正\u202e常\u200b文\x00字</p>") == "<p>正常文字</p>"


def test_plain_text_has_one_line_per_block() -> None:
    markup = "<p>第一段</p><ul><li>甲</li><li>乙</li></ul><table><tr><td>名</td><td>值</td></tr></table><script>x()</script>"
    assert html_to_text(markup) == "第一段\n甲\n乙\n名 值"
    assert index_text(markup) == "第一段\n甲\n乙\n名 值"


def test_the_quick_index_text_drops_hostile_content_too() -> None:
    text = index_text(
        '<p>正文<script>var a = "</p>";</script><style>p{}</style><!-- 注释 --></p><img alt="x">'
    )
    assert text == "正文"
