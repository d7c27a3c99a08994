## 终端的文字（简体中文）。数字、拉丁字母与汉字之间留一个空格。

## 时长

duration-seconds = { $seconds } 秒

## 待机画面

attract-title = 我们很想听听您的意见
attract-welcome = 大约需要两分钟。您的回答是匿名的。
attract-start = 开始问卷
attract-reconnecting-title = 马上回来
attract-reconnecting-text = 问卷正在重新连接，请稍候片刻。
attract-operator-note = 注意：{ $note }
attract-logo = 标志
attract-setup-link = 设置此终端

## 加载中、暂停服务

loading-survey = 正在加载问卷…
out-of-service-title = 暂时无法使用
out-of-service-text = 此问卷终端正在短暂休息，请稍后再来。

## 开放时间以外

closed-title = 暂停开放
closed-opens-at = 将于 { $time } 重新开放
closed-opens-tomorrow = 将于明天 { $time } 重新开放
closed-opens-on = 将于 { $date } { $time } 重新开放

## 问卷页面

progress-done = 已完成 { $percent }
nav-back = 上一页
nav-next = 下一页
question-advancing = ✓ 已记录，下一题…
nav-submit = 提交
nav-stop-here = 到此结束
nav-keep-waiting = 继续等待
page-saving = 正在保存您的回答…
page-still-trying = 仍在重试，请稍候。您的回答已保存在此终端上。
page-loading = 正在加载…
page-check-highlighted = 请检查标出的问题。
question-numbered = { $number }. { $text }
question-unsupported = 此问题无法在本终端上显示，您可以跳过。

## “您还在吗？”

idle-title = 您还在吗？
idle-countdown = 问卷将在 { $seconds } 秒后重新开始。
idle-still-here = 我还在

## 结束画面

end-countdown = { $seconds } 秒后返回首页
end-done = 完成
end-scan = 扫描二维码，在手机上继续
end-qr-code = 问卷链接的二维码
end-thanks-title = 谢谢！
end-thanks-text = 您的回答已保存。感谢您抽出宝贵的时间。
end-screened-out-title = 感谢您的关注
end-screened-out-text = 本次问卷面向的是其他人群。感谢您的驻足。
end-quota-full-title = 谢谢！
end-quota-full-text = 本问卷所需的回答已经收集完毕。感谢您的驻足。
end-opted-out-title = 没关系
end-opted-out-text = 您选择了不参与。祝您有美好的一天！
end-already-done-title = 谢谢！
end-already-done-text = 此问卷已经完成。
end-redirected-title = 谢谢！
end-redirected-text = 问卷的这一部分已经完成。
end-interrupted-title = 谢谢！
end-interrupted-text = 发送您的回答时连接中断了。回答很可能已经送达；为保险起见，我们保留了一份副本。
end-problem-title = 抱歉，出了点问题
end-problem-text = 问卷无法继续。请稍后再试。

## 需要检查的回答

validate-choose-one = 请选择一个答案。
validate-choose-some = 请至少选择一个答案。
validate-exclusive = “{ $answer }”不能与其他答案同时选择。
validate-min-choices = 请至少选择 { $min } 个答案。
validate-max-choices = 最多只能选择 { $max } 个答案。
validate-fill-in = 请填写“{ $field }”。
validate-answer = 请回答此问题。
validate-rank-order = 请为各项排序。
validate-rank-every = 请为每一项指定名次。
validate-rank-once = 每个名次只能使用一次，从 1 开始。
validate-not-a-number = “{ $value }”不是数字。
validate-sum-total = 各项数字之和应为 { $total }，当前为 { $sum }。
validate-date = 请填写日期。
validate-date-parts = 请填写年、月、日。
validate-date-invalid = 日历中没有这个日期。
validate-time = 请填写时间。
validate-time-range = 请填写 1:00 到 12:59 之间的时间，并选择上午或下午。
validate-every-row = 请回答每一行。
validate-row-missing = 请回答每一行（“{ $row }”尚未回答）。
validate-rows-missing = 请回答每一行（{ $rows }尚未回答）。
validate-specify = 请具体说明您的回答。
validate-specify-named = 请具体说明“{ $answer }”。
validate-email = 请输入电子邮件地址，例如 name@example.com。
validate-number = 请输入数字。
validate-phone = 请输入电话号码（仅限数字、空格和 + - ( )）。

validate-phone-char = “{ $char }”不能用于电话号码：请只使用数字、空格和 + - ( )。
validate-phone-short = 电话号码至少有 6 位数字。
## 选项和列表

choice-limit-reached = 最多可选择 { $max } 项。如需选择其他项，请先取消一项。
choice-exclusive-cleared = 选择“{ $answer }”后，您的其他 { $count } 个答案已取消。
choice-hint-exactly = 请选择 { $count } 项
choice-hint-between = 请选择 { $min } 到 { $max } 项
choice-hint-up-to = 最多选择 { $max } 项
choice-hint-at-least = 请至少选择 { $min } 项
choice-hint-any = 请选择所有适用项
choice-other-hint = 请具体说明
choice-other-name = 请具体说明：{ $answer }
list-placeholder = 点按以选择答案
list-search = 搜索
list-search-hint = 输入文字以筛选列表
list-no-match = 没有与“{ $search }”匹配的答案。

## 日期和时间

date-day = 日
date-month = 月
date-year = 年
date-hour = 时
date-minute = 分
date-am-pm = 上午/下午
date-am = 上午
date-pm = 下午
date-is-today = { $date }（今天）
date-clear = 清除
date-choose = 选择日期
date-calendar = 日历
date-previous-month = 上个月
date-next-month = 下个月
date-today = 今天
# “2026年6月5日”；$month 是 month-N（“6月”）。
date-long = { $year }年{ $month }{ $day }日
date-month-year = { $year }年{ $month }
month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月
weekday-short-1 = 一
weekday-short-2 = 二
weekday-short-3 = 三
weekday-short-4 = 四
weekday-short-5 = 五
weekday-short-6 = 六
weekday-short-7 = 日

## 排序、求和、文本框

rank-instructions = 请按顺序点按各项，1 = 第一。也可以用箭头移动某一项，或拖动其手柄。
rank-keep-order = 保持此顺序
rank-start-again = 重新开始
rank-drag = 拖动以移动：{ $item }
rank-move-up = 上移：{ $item }
rank-move-down = 下移：{ $item }
sum-total = 合计：{ $sum }
sum-total-of = 合计：{ $sum } / { $total }
sum-left = 合计：{ $sum } / { $total }（还差 { $left }）
sum-over = 合计：{ $sum } / { $total }（超出 { $over }）
sum-less = 减少：{ $item }
sum-more = 增加：{ $item }
sum-step-less = 减少 { $step }
sum-step-more = 增加 { $step }
text-answer-number = 答案 { $number }
text-hint-number = 仅限数字
text-hint-phone = 例如：138 0013 8000
text-hint-email = name@example.com

## 屏幕键盘

keyboard-space = 空格
keyboard-backspace = 删除
keyboard-enter = 完成
keyboard-hide = 收起键盘
keyboard-shift = 大小写
keyboard-symbols = 123
keyboard-symbols-name = 数字和符号
keyboard-letters = ABC
keyboard-letters-name = 字母
keyboard-latin-name = 拉丁字母
keyboard-accents = àé
keyboard-accents-name = 带重音的字母
keyboard-return = 回车
keyboard-new-line = 换行
keyboard-minus = 减号
keyboard-plus = 加号
keyboard-dash = 连字符
keyboard-decimal-point = 小数点
keyboard-open-bracket = 左括号
keyboard-close-bracket = 右括号

## 操作员：PIN

operator-title = 操作员
operator-pin = PIN
operator-pin-hint = 输入操作员 PIN
operator-clear = 清除
operator-unlock = 解锁
operator-cancel = 取消
operator-checking = 正在验证 PIN…
operator-no-pin = 此自助终端未设置操作员 PIN，因此操作员界面保持关闭。请在终端中设置（也可通过 SSH）：sudo survey-kiosk set-pin — 或 survey-kiosk set-pin --config 文件
operator-wrong-pin = PIN 错误。还剩 { $left } 次机会。
operator-locked = PIN 错误次数过多。请在 { $seconds } 秒后重试。

## 操作员：管理

admin-back = 返回终端
admin-test = 测试连接
admin-edit = 编辑设置
admin-refresh = 刷新
admin-quit = 退出程序
admin-quit-confirm = 要退出程序吗？重新启动之前，任何人都无法作答。
admin-quit-yes = 是，退出
admin-quit-no = 否，继续运行
admin-about = survey-kiosk { $version } · 问卷 { $survey } · { $url }
admin-about-demo = survey-kiosk { $version } · 问卷 { $survey } · { $url }（内置演示）
admin-connection = 连接
admin-testing = 正在测试连接…
admin-connected = 已连接：问卷可以访问且处于开放状态。
admin-cannot-run = 问卷无法运行：
admin-not-tested = 尚未测试。
admin-last-problem = 最近的问题：{ $problem }
admin-no-problem = 最近的问题：无
admin-test-failed = 无法开始测试：{ $error }
admin-config-broken = 配置文件已更改，但无法使用：{ $problem }。终端将继续使用之前的设置。
admin-today = 今天
admin-counting = 正在统计…
admin-started = 已开始：{ $count }
admin-completed = 已完成：{ $count }
admin-screened-out = 已筛除：{ $count }
admin-quota-full = 配额已满：{ $count }
admin-abandoned = 已放弃：{ $count }
admin-timed-out = 已超时：{ $count }
admin-other = 其他（中断、失败或进行中）：{ $count }
admin-rehearsals = 演练（walk）：{ $count }
admin-api-calls = 今日 API 调用：{ $calls }
admin-api-calls-per = 今日 API 调用：{ $calls }（每位受访者 { $per }）
admin-api-calls-since = 自 { $time }（自助终端启动）以来的 API 调用：{ $calls }
admin-api-calls-since-per = 自 { $time }（自助终端启动）以来的 API 调用：{ $calls }（此后每位受访者 { $per }）
admin-journal = 本地记录
admin-journal-pages = 共 { $total } 页：{ $accepted } 页已接受，{ $pending } 页等待发送，{ $kept } 页为您保留，{ $unconfirmed } 页未经确认（答案已保留）。
admin-waiting = { $pages } 页正在等待发送到服务器（终端会继续重试）。
admin-waiting-since = 最早的一页自 { $time } 起等待。
admin-last-error = 最近的错误：{ $error }
admin-kept = { $pages } 页无法发送，已为您保留：请先导出本地记录，然后用 `survey-kiosk journal discard` 删除它们。
admin-unconfirmed = { $pages } 页已发送，但服务器从未确认；答案已保留：请先导出本地记录并与问卷的回复核对，再用 `survey-kiosk journal discard` 放弃它们。
admin-journal-file = 本地记录文件：{ $path }
admin-log-files = 日志文件：{ $path }
admin-offline-capturing = 离线采集中：无法连接问卷 API，受访者将按问卷地图作答，连接恢复后重新提交。等待重新提交：{ $respondents } 人。
admin-captured-waiting = 离线采集、等待重新提交：{ $respondents } 位受访者，{ $pages } 页。
admin-captured-attention = 离线采集后在重新提交时停止（问卷已更改或拒绝了某个答案）：{ $respondents } 位受访者；其答案已保留。原因见 `survey-kiosk journal status`。
admin-map = 问卷地图（用于离线采集）
admin-map-coverage = 已见页面：{ $pages }；后续去向未见过的页面：{ $dead_ends }；在线从未被选择的选项：{ $choices }。
admin-map-empty = 尚不能离线采集：本机从未在线收到问卷的第一页。请先在线作答（或运行 `survey-kiosk walk`）。
admin-export-as = 导出格式
admin-format-csv = CSV
admin-format-jsonl = JSON Lines
admin-export-responses = 导出回答日志…
admin-export-journal = 导出本地记录…
admin-save-responses = 将回答日志保存到终端的导出文件夹
admin-save-journal = 将本地记录保存到终端的导出文件夹
admin-export-title = 导出
admin-export-nothing = 此终端不保存本地记录，因此没有可导出的内容。
admin-export-no-file = 未选择文件（终端会话可能没有保存对话框）。保存到终端导出文件夹的按钮在任何环境下都可用。
admin-export-no-folder = 导出失败：无法创建文件夹 { $folder }（{ $problem }）。
admin-settings-saved = 设置已保存。终端现在运行问卷 { $survey }。
admin-exported = 已将 { $rows } 行保存到 { $path }。
admin-export-failed = 导出失败：{ $problem }
admin-no-journal = 此终端不保存本地记录。
admin-no-config-folder = 此电脑没有配置文件夹。

## 操作员：设置

setup-title = 设置此终端
setup-intro = 将终端连接到您的 QuestionPro 问卷。保存前会先测试连接。
setup-survey-id = 问卷 ID
setup-survey-id-hint = 例如 12345678
setup-datacenter = 数据中心
setup-datacenter-hint = com、eu、ca 等
setup-datacenter-us = 美国 (com)
setup-datacenter-eu = 欧洲 (eu)
setup-datacenter-ca = 加拿大 (ca)
setup-datacenter-sg = 新加坡 (sg)
setup-datacenter-au = 澳大利亚 (au)
setup-datacenter-ae = 阿拉伯联合酋长国 (ae)
setup-datacenter-sa = SurveyAnalytics (sa)
setup-datacenter-ksa = 沙特阿拉伯 (ksa)
setup-datacenter-other = 其他
setup-datacenter-other-hint = 您账户地址的结尾，例如 com
setup-base-url = 基础 URL（代替数据中心）
setup-api-key = API 密钥
setup-api-key-hint = 您的 QuestionPro API 密钥
setup-api-key-keep = 留空则保留已保存的密钥
setup-api-key-again = 已保存的 API 密钥只会发送到 { $host }：请为此服务器重新输入密钥。
setup-pin = 操作员 PIN
setup-pin-hint = 4 到 12 位数字
setup-pin-again = 再次输入操作员 PIN
setup-pin-again-hint = 相同的 PIN
setup-kiosk-title = 标题
setup-welcome = 欢迎语
setup-welcome-hint = 大约需要两分钟。
setup-save = 保存
setup-save-after-test = 连接测试通过后才能保存。
setup-survey-id-invalid = 问卷 ID 是一个数字，例如 12345678。
setup-base-url-invalid = 无法使用该基础 URL：{ $reason }。
setup-api-key-missing = 请输入 API 密钥。
setup-title-missing = 请输入标题。
setup-welcome-missing = 请输入欢迎语。
setup-pin-missing = 请设置操作员 PIN（4 到 12 位数字）。
setup-pins-differ = 两次输入的 PIN 不一致。
setup-pin-invalid = PIN 必须为 4 到 12 位数字。

## Lists and quotations (a list of row names in a message)

quote = “{ $text }”
list-comma = { $first }、{ $next }
list-and = { $first }和{ $last }
