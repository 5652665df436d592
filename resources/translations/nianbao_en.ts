<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../desktop/gui/actions.py" line="+22"/>
        <source>打开文件…</source>
        <translation>Open files…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入报告文件（PDF、Word、网页、文本）</source>
        <translation>Import report files (PDF, Word, web page, text)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打开文件夹…</source>
        <translation>Open folder…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入文件夹中的全部报告</source>
        <translation>Import every report in a folder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打开数据库…</source>
        <translation>Open database…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>切换到另一个审校数据库</source>
        <translation>Switch to another review database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>按当前筛选导出汇总、问题和修改记录</source>
        <translation>Export the summary, findings and change log for the current filter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导出本报告表格…</source>
        <translation>Export report tables…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把当前报告的三张表按原样导出，便于打印</source>
        <translation>Export the three tables of this report as laid out, ready to print</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复制</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>粘贴</source>
        <translation>Paste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在原文中查找…</source>
        <translation>Find in source…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查找下一个</source>
        <translation>Find Next</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>查找上一个</source>
        <translation>Find Previous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一个问题</source>
        <translation>Next finding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上一个问题</source>
        <translation>Previous finding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认问题</source>
        <translation>Acknowledge Finding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认所选问题属实；错误需写明理由</source>
        <translation>Acknowledge the selected finding; an error needs a reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>忽略问题…</source>
        <translation>Dismiss Finding…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>忽略所选警告，并写明理由</source>
        <translation>Dismiss the selected warning, with a reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复问题</source>
        <translation>Restore Finding</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把已确认或已忽略的问题恢复为待处理</source>
        <translation>Set an acknowledged or dismissed finding back to open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>采用建议值</source>
        <translation>Apply Suggested Value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把所选问题建议的数值（“应为 …”）填入对应单元格</source>
        <translation>Put the value the selected finding suggests (“should be …”) into its cell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标记为审核中</source>
        <translation>Mark as in review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标记为已完成</source>
        <translation>Mark as done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标记为有疑问</source>
        <translation>Mark as query</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>标记为未审核</source>
        <translation>Mark as not reviewed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>完成并打开下一份</source>
        <translation>Done and Next</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把本报告标记为已完成，并打开列表中下一份待审核的报告</source>
        <translation>Mark this report done and open the next report to review in the list</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>重新提取</source>
        <translation>Re-extract</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>用当前版本重新读取原文，保留全部人工更正</source>
        <translation>Read the source again with this version, keeping every manual correction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转到报告列表</source>
        <translation>Go to Report List</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转到原文</source>
        <translation>Go to Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转到表格</source>
        <translation>Go to Tables</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>转到问题列表</source>
        <translation>Go to Findings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>中文</source>
        <translation>中文 (Chinese)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打开示例报告</source>
        <translation>Open Demo Reports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>在新的临时数据库中打开自带的示例报告，不影响当前数据库</source>
        <translation>Open the bundled demo reports in a new temporary database; the current database is not touched</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>关于年报审校</source>
        <translation>About Nianbao Review</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../desktop/gui/app.py" line="+17"/>
        <source>年报审校</source>
        <translation>Nianbao Review</translation>
    </message>
</context>
<context>
    <name>CellGridModel</name>
    <message>
        <location filename="../../desktop/gui/cell_grid_model.py" line="+160"/>
        <source>提取值：{0}，已更正为 {1}</source>
        <translation>Extracted {0}, corrected to {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原文中未找到此单元格</source>
        <translation>Not found in the source</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>文字识别（OCR）置信度：{0:.2f}</source>
        <translation>OCR confidence: {0:.2f}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>（{0}）</source>
        <translation> ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}{1}：{2}</source>
        <translation>{0}{1}: {2}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>粘贴内容第 {0} 行第 {1} 列</source>
        <translation>Pasted row {0}, column {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}超出表格范围；粘贴区域为 {1} 行 × {2} 列</source>
        <translation>{0} falls outside the table; the pasted block is {1} rows × {2} columns</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>空白格</source>
        <translation>a blank cell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}落在{1}上，不是可填写数字的单元格；未粘贴任何内容</source>
        <translation>{0} lands on {1}, which does not take a number; nothing was pasted</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}（{1}）：{2}；未粘贴任何内容</source>
        <translation>{0} ({1}): {2}; nothing was pasted</translation>
    </message>
</context>
<context>
    <name>EditCellsCommand</name>
    <message>
        <location filename="../../desktop/gui/commands.py" line="+46"/>
        <source>{0} 个单元格</source>
        <translation>{0} cells</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+24"/>
        <source>修改 {0}</source>
        <translation>edit {0}</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../desktop/gui/find_bar.py" line="+18"/>
        <source>在原文中查找</source>
        <translation>Find in source</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>上一个</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上一个（Shift+F3）</source>
        <translation>Previous (Shift+F3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一个</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一个（F3 或 Enter）</source>
        <translation>Next (F3 or Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>关闭查找（Esc）</source>
        <translation>Close find (Esc)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>共 {0} 处</source>
        <translation>{0} matches</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未找到</source>
        <translation>Not found</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <location filename="../../desktop/gui/findings_panel.py" line="+27"/>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>说明</source>
        <translation>Message</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>处理</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>规则：{0}（{1}）</source>
        <translation>Rule: {0} ({1})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原文：{0}
官方：{1}</source>
        <translation>Source: {0}
Official: {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>备注：{0}</source>
        <translation>Comment: {0}</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location line="+48"/>
        <source>显示提示</source>
        <translation>Show notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>显示已处理</source>
        <translation>Show settled</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>确认</source>
        <translation>Acknowledge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认此问题属实（仍保留在报告中）</source>
        <translation>Acknowledge this finding as valid (it stays on the report)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>忽略…</source>
        <translation>Dismiss…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>忽略此警告，并填写理由</source>
        <translation>Dismiss this warning, giving a reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>恢复</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>采用建议值</source>
        <translation>Apply suggestion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>把此问题建议的数值填入对应单元格（Ctrl+Shift+A）</source>
        <translation>Put the value this finding suggests into its cell (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>确认错误</source>
        <translation>Acknowledge Error</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请写明确认此错误的理由（将记入修改记录）：</source>
        <translation>Why is this error acknowledged (recorded in the audit trail):</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>忽略问题</source>
        <translation>Dismiss finding</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请填写忽略理由（将记入修改记录）：</source>
        <translation>Reason for dismissing (recorded in the change log):</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>错误 {0} · 警告 {1} · 提示 {2}</source>
        <translation>Errors {0} · Warnings {1} · Notes {2}</translation>
    </message>
</context>
<context>
    <name>GridView</name>
    <message>
        <location filename="../../desktop/gui/tables_pane.py" line="+308"/>
        <source>剪贴板中没有可粘贴的文字</source>
        <translation>The clipboard holds no text to paste</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请先选中要粘贴到的单元格</source>
        <translation>First select the cell to paste into</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../desktop/gui/labels.py" line="+19"/>
        <source>未审核</source>
        <translation>Not reviewed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审核中</source>
        <translation>In review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>有疑问</source>
        <translation>Query</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>待处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已确认</source>
        <translation>Acknowledged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已忽略</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>错误</source>
        <translation>Error</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>机关名称</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>发布日期</source>
        <translation>Published</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>格式版本</source>
        <translation>Layout version</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="+55"/>
        <source>报告文件 (*.pdf *.docx *.doc *.html *.htm *.txt);;所有文件 (*)</source>
        <translation>Report files (*.pdf *.docx *.doc *.html *.htm *.txt);;All files (*)</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>修改说明（可选，记入修改记录）</source>
        <translation>Reason for the change (optional, recorded in the change log)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>报告</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>问题</source>
        <translation>Findings</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>编辑(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>审核(&amp;R)</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>最近的数据库</source>
        <translation>Recent databases</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+612"/>
        <source>语言 / Language</source>
        <translation>Language / 语言</translation>
    </message>
    <message>
        <location line="-605"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>表格格式</source>
        <translation>Table layout</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} 版</source>
        <translation>{0} layout</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>按 {0} 版格式（{1}）重新读取本报告的表格，保留两版共有单元格的更正</source>
        <translation>Read this report&apos;s tables as the {0} layout ({1}), keeping corrections of cells both layouts share</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>数据库：{0}</source>
        <translation>Database: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>年报审校</source>
        <translation>Nianbao Review</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>打开或新建审校数据库</source>
        <translation>Open or create a review database</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>审校数据库 (*.sqlite);;所有文件 (*)</source>
        <translation>Review databases (*.sqlite);;All files (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>在左侧选择一份报告，这里显示它的表二、表三、表四。</source>
        <translation>Choose a report on the left; its tables 2, 3 and 4 show here.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>数据库中还没有报告。
用“文件 → 打开文件…”（Ctrl+O）或“打开文件夹…”（Ctrl+Shift+O）导入，也可以把文件拖进窗口。
想先试一试：“帮助 → 打开示例报告”。</source>
        <translation>The database has no reports yet.
Import with File → Open Files… (Ctrl+O) or Open Folder… (Ctrl+Shift+O), or drop files onto the window.
To try the app first: Help → Open Demo Reports.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>无法打开报告</source>
        <translation>Cannot open the report</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>年报审校 — {0} {1} — {2}</source>
        <translation>Nianbao Review — {0} {1} — {2}</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>已是最后一个问题（共 {0} 个）。再按 F8 回到第一个；Ctrl+Enter 完成本报告并打开下一份。</source>
        <translation>This is the last finding (of {0}). F8 again goes back to the first; Ctrl+Enter marks the report done and opens the next.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已是第一个问题（共 {0} 个）。再按 Shift+F8 转到最后一个。</source>
        <translation>This is the first finding (of {0}). Shift+F8 again goes to the last.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>（原文未找到）</source>
        <translation>(not in source)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+24"/>
        <location line="+180"/>
        <source>{0}：{1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location line="-193"/>
        <source>按住 Ctrl 单击，可把“{0}”填入所选单元格</source>
        <translation>Ctrl+click to put “{0}” into the selected cell</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请先在表格中选中单元格，再按住 Ctrl 单击原文中的数字</source>
        <translation>Select a cell in the tables first, then Ctrl+click a number in the source</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>所选问题没有建议值；请在表格中直接输入正确的数字</source>
        <translation>The selected finding suggests no value; type the right number in the table</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>未能保存</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>已标记为“{0}”</source>
        <translation>Marked as “{0}”</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>标记为已完成</source>
        <translation>Mark as Done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本报告还有 {0} 个未处理的错误。
仍然标记为已完成吗？（可先更正，或在问题列表中确认并写明理由）</source>
        <translation>This report still has {0} open errors.
Mark it done anyway? (You can correct them first, or acknowledge them with a reason in the findings list.)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>标记为有疑问</source>
        <translation>Mark as Query</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请写明疑问（记入修改记录，供复核时查看）：</source>
        <translation>What is the question (recorded in the audit trail for the reviewer):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>未标记：有疑问的报告需要写明疑问</source>
        <translation>Not marked: a query needs its question written</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>列表中的报告都已审核完毕（已完成或有疑问）</source>
        <translation>Every report in the list is reviewed (done or query)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>打开报告</source>
        <translation>Open reports</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>没有可导入的文件</source>
        <translation>Nothing to import</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>所选位置没有报告文件（PDF、Word、网页、文本）。</source>
        <translation>The selection holds no report files (PDF, Word, web page, text).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>正在导入</source>
        <translation>Importing</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>导入 {0} 份，已存在 {1} 份，无法读取 {2} 份</source>
        <translation>Imported {0}, already present {1}, unreadable {2}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{0}：已在数据库中</source>
        <translation>{0}: already in the database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>无法读取的文件未导入，其余文件已导入；原因见“详细信息”。</source>
        <translation>Unreadable files were not imported; the rest were. See Details for the reasons.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>导入完成</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0}。{1}</source>
        <translation>{0}. {1}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>正在重新提取</source>
        <translation>Re-extracting</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>按 {0} 版格式重新读取本报告的表格？可用“撤销”改回。</source>
        <translation>Read this report&apos;s tables again as the {0} layout? Undo changes it back.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} 版格式中没有 {1} 个已更正的单元格，它们的更正将不再显示（修改记录中仍保留）。</source>
        <translation>The {0} layout lacks {1} corrected cells; their corrections will no longer show (the audit trail keeps them).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>指定表格格式</source>
        <translation>Choose the table layout</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>表格格式 {0} 版 → {1} 版</source>
        <translation>layout {0} → {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>正在按 {0} 版格式读取</source>
        <translation>Reading as the {0} layout</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已取消，报告未改变</source>
        <translation>Cancelled; the report is unchanged</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>年报审校汇总</source>
        <translation>Nianbao Review summary</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+23"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+22"/>
        <source>正在导出</source>
        <translation>Exporting</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>导出本报告表格</source>
        <translation>Export report tables</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}{1}表格</source>
        <translation>{0} {1} tables</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>报告</source>
        <comment>file name</comment>
        <translation>report</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>已导出：{0}</source>
        <translation>Exported: {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>上一项任务尚未完成。</source>
        <translation>The previous task has not finished yet.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>操作未完成</source>
        <translation>Not completed</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>原文中没有找到“{0}”</source>
        <translation>“{0}” was not found in the source</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>界面语言将在重新启动后生效。
The language applies after a restart.</source>
        <translation>The language applies after a restart.
界面语言将在重新启动后生效。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>关于年报审校</source>
        <translation>About Nianbao Review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;年报审校 Nianbao Review {0}&lt;/h3&gt;&lt;p&gt;政府信息公开工作年度报告的提取、校验与审校工具。&lt;/p&gt;&lt;p&gt;所有处理均在本机完成，不连接网络。&lt;/p&gt;&lt;p&gt;数据库：{1}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Nianbao Review 年报审校 {0}&lt;/h3&gt;&lt;p&gt;Extracts, checks and reviews the annual reports on government information disclosure.&lt;/p&gt;&lt;p&gt;Everything runs on this computer; nothing connects to the network.&lt;/p&gt;&lt;p&gt;Database: {1}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MetaBar</name>
    <message>
        <location filename="../../desktop/gui/meta_bar.py" line="+25"/>
        <source>机关全称</source>
        <translation>Full agency name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>如 2021</source>
        <translation>e.g. 2021</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>如 2022-01-31</source>
        <translation>e.g. 2022-01-31</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>改后按 Enter 保存（记入修改记录，可撤销）</source>
        <translation>Press Enter to save (recorded in the audit trail, undoable)</translation>
    </message>
</context>
<context>
    <name>PageItem</name>
    <message>
        <location filename="../../desktop/gui/source_pdf.py" line="+85"/>
        <source>此页无法显示</source>
        <translation>This page cannot be shown</translation>
    </message>
</context>
<context>
    <name>ReportList</name>
    <message>
        <location filename="../../desktop/gui/report_list.py" line="+143"/>
        <source>搜索机关或文件名…</source>
        <translation>Search agency or file name…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>全部状态</source>
        <translation>All states</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>全部状态 {0}</source>
        <translation>All states {0}</translation>
    </message>
</context>
<context>
    <name>ReportListModel</name>
    <message>
        <location line="-183"/>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>机关</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>格式</source>
        <translation>Layout</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>错误</source>
        <translation>Errors</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>警告</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>已更正</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>{0}版</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
</context>
<context>
    <name>SourceView</name>
    <message>
        <location filename="../../desktop/gui/source_view.py" line="+50"/>
        <source>未打开报告</source>
        <translation>No report open</translation>
    </message>
</context>
<context>
    <name>TablesPane</name>
    <message>
        <location filename="../../desktop/gui/tables_pane.py" line="-286"/>
        <source>主动公开</source>
        <translation>Proactive disclosure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>依申请公开</source>
        <translation>Disclosure on request</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>复议诉讼</source>
        <translation>Appeals and litigation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>二</source>
        <translation>2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>三</source>
        <translation>3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>四</source>
        <translation>4</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>表{0} {1}</source>
        <translation>Table {0}: {1}</translation>
    </message>
    <message>
        <location line="+387"/>
        <location line="+32"/>
        <source>在左侧选择一份报告，这里显示它的表二、表三、表四。</source>
        <translation>Choose a report on the left to see its Tables 2, 3 and 4 here.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>未能识别这份报告的表格格式（{0} 版），无法显示表格。
请在“审核 → 表格格式”中指定报告采用的格式。</source>
        <translation>The table layout of this report ({0}) could not be told, so no tables can be shown.
Choose the layout under Review → Table layout.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{0}。表格格式可在“审核 → 表格格式”中指定。</source>
        <translation>{0}. Choose the layout under Review → Table layout.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>；</source>
        <comment>between notes</comment>
        <translation>; </translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <location filename="../../desktop/gui/workers.py" line="+79"/>
        <source>正在识别 {0}（文字识别）：已完成 {1}/{2} 页</source>
        <translation>Reading {0} by OCR: {1}/{2} pages done</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>正在读取 {0} 个文件</source>
        <translation>Reading {0} files</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已导入 {0}/{1}：{2}</source>
        <translation>Imported {0}/{1}: {2}</translation>
    </message>
</context>
<context>
    <name>WorkersMenu</name>
    <message>
        <location filename="../../desktop/gui/workers_menu.py" line="+19"/>
        <source>导入时同时读取</source>
        <translation>Processes reading an import</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>自动（较大的批次每个处理器核心一个）</source>
        <translation>Automatic (one per processor core for larger batches)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} 个进程</source>
        <translation>{0} processes</translation>
    </message>
</context>
<context>
    <name>_Legend</name>
    <message>
        <location filename="../../desktop/gui/tables_pane.py" line="-115"/>
        <source>图例：</source>
        <translation>Legend:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已更正</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>原文未找到</source>
        <translation>Not in source</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>识别存疑</source>
        <translation>OCR unsure</translation>
    </message>
</context>
</TS>
