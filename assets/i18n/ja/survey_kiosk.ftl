## 端末の文言（日本語、です・ます調）。

## 時間

duration-seconds = { $seconds }秒

## 待ち受け画面

attract-title = ご意見をお聞かせください
attract-welcome = 所要時間は約2分です。回答は匿名で扱われます。
attract-start = アンケートを始める
attract-reconnecting-title = まもなく再開します
attract-reconnecting-text = アンケートに再接続しています。少々お待ちください。
attract-operator-note = お知らせ：{ $note }
attract-logo = ロゴ
attract-setup-link = この端末を設定する

## 読み込み中、休止中

loading-survey = アンケートを読み込んでいます…
out-of-service-title = ただいまご利用いただけません
out-of-service-text = このアンケート端末は現在休止中です。しばらくしてから、またお越しください。

## 受付時間外

closed-title = 受付時間外
closed-opens-at = { $time }に再開します
closed-opens-tomorrow = 明日の{ $time }に再開します
closed-opens-on = { $date }の{ $time }に再開します

## アンケートのページ

progress-done = { $percent }完了
nav-back = 戻る
nav-next = 次へ
question-advancing = ✓ 承りました。次の質問へ…
nav-submit = 送信
nav-stop-here = ここで終了する
nav-keep-waiting = このまま待つ
page-saving = 回答を保存しています…
page-still-trying = 再試行しています。しばらくお待ちください。回答はこの端末に保存されています。
page-loading = 読み込んでいます…
page-check-highlighted = 強調表示された質問をご確認ください。
question-numbered = { $number }. { $text }
question-unsupported = この質問はこの端末では表示できません。スキップしてかまいません。

## 「まだご利用中ですか？」

idle-title = まだご利用中ですか？
idle-countdown = { $seconds }秒後にアンケートが最初からやり直しになります。
idle-still-here = 続ける

## 終了画面

end-countdown = { $seconds }秒後に最初の画面に戻ります
end-done = 終了
end-scan = コードを読み取ると、スマートフォンで続きに回答できます
end-qr-code = アンケートのリンクのQRコード
end-thanks-title = ありがとうございました！
end-thanks-text = 回答を保存しました。お時間をいただき、ありがとうございました。
end-screened-out-title = ご関心をお寄せいただき、ありがとうございます
end-screened-out-text = 今回のアンケートは、別の対象の方にお願いしております。お立ち寄りいただき、ありがとうございました。
end-quota-full-title = ありがとうございました！
end-quota-full-text = このアンケートに必要な回答はすでに集まりました。お立ち寄りいただき、ありがとうございました。
end-opted-out-title = 承知しました
end-opted-out-text = 参加しないことを選択されました。よい一日をお過ごしください！
end-already-done-title = ありがとうございました！
end-already-done-text = このアンケートはすでに回答済みです。
end-redirected-title = ありがとうございました！
end-redirected-text = アンケートのこのパートは終了しました。
end-interrupted-title = ありがとうございました！
end-interrupted-text = 回答の送信中に接続が切れました。回答はほぼ確実に届いていますが、念のため控えを保存しています。
end-problem-title = 申し訳ありません。問題が発生しました
end-problem-text = アンケートを続行できませんでした。しばらくしてから、もう一度お試しください。

## 確認が必要な回答

validate-choose-one = 回答を選択してください。
validate-choose-some = 回答を1つ以上選択してください。
validate-exclusive = 「{ $answer }」はほかの回答と同時に選択できません。
validate-min-choices = 回答を{ $min }個以上選択してください。
validate-max-choices = 選択できる回答は{ $max }個までです。
validate-fill-in = 「{ $field }」を入力してください。
validate-answer = この質問に回答してください。
validate-rank-order = 項目を順番に並べてください。
validate-rank-every = すべての項目に順位を付けてください。
validate-rank-once = 各順位は1から始め、1回ずつしか使えません。
validate-not-a-number = 「{ $value }」は数値ではありません。
validate-sum-total = 合計が{ $total }になるように入力してください（現在の合計：{ $sum }）。
validate-date = 日付を入力してください。
validate-date-parts = 年・月・日を入力してください。
validate-date-invalid = その日付はカレンダーに存在しません。
validate-time = 時刻を入力してください。
validate-time-range = 1:00から12:59までの時刻を、午前・午後とあわせて入力してください。
validate-every-row = すべての行に回答してください。
validate-row-missing = すべての行に回答してください（「{ $row }」が未回答です）。
validate-rows-missing = すべての行に回答してください（{ $rows }が未回答です）。
validate-specify = 回答の内容を具体的に入力してください。
validate-specify-named = 「{ $answer }」の内容を具体的に入力してください。
validate-email = name@example.com のような形式でメールアドレスを入力してください。
validate-number = 数値を入力してください。
validate-phone = 電話番号を入力してください（数字、スペース、+ - ( ) のみ）。

validate-phone-char = 「{ $char }」は電話番号に使えません。数字、スペース、+ - ( ) のみを使ってください。
validate-phone-short = 電話番号は6桁以上です。
## 選択肢とリスト

choice-limit-reached = 選択できるのは{ $max }個までです。別の回答を選ぶには、選択を1つ解除してください。
choice-exclusive-cleared = 「{ $answer }」を選んだため、ほかの{ $count }個の回答の選択を解除しました。
choice-hint-exactly = { $count }個選択してください
choice-hint-between = { $min }～{ $max }個選択してください
choice-hint-up-to = { $max }個まで選択できます
choice-hint-at-least = { $min }個以上選択してください
choice-hint-any = 当てはまるものをすべて選択してください
choice-other-hint = 具体的に入力してください
choice-other-name = 「{ $answer }」の内容
list-placeholder = タップして回答を選択
list-search = 検索
list-search-hint = 入力して一覧を絞り込めます
list-no-match = 「{ $search }」に一致する回答はありません。

## 日付と時刻

date-day = 日
date-month = 月
date-year = 年
date-hour = 時
date-minute = 分
date-am-pm = 午前/午後
date-am = 午前
date-pm = 午後
date-is-today = { $date }（今日）
date-clear = クリア
date-choose = 日付を選択
date-calendar = カレンダー
date-previous-month = 前の月
date-next-month = 次の月
date-today = 今日
# 「2026年6月5日」。$month は month-N（「6月」）。
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
weekday-short-1 = 月
weekday-short-2 = 火
weekday-short-3 = 水
weekday-short-4 = 木
weekday-short-5 = 金
weekday-short-6 = 土
weekday-short-7 = 日

## 順位付け、合計、テキスト欄

rank-instructions = 項目を順番にタップしてください（1＝1位）。矢印で動かすことも、つまみをドラッグして動かすこともできます。
rank-keep-order = この順番のままにする
rank-start-again = 最初からやり直す
rank-drag = ドラッグして移動：{ $item }
rank-move-up = 上へ移動：{ $item }
rank-move-down = 下へ移動：{ $item }
sum-total = 合計：{ $sum }
sum-total-of = 合計：{ $sum } / { $total }
sum-left = 合計：{ $sum } / { $total }（残り{ $left }）
sum-over = 合計：{ $sum } / { $total }（{ $over }超過）
sum-less = 減らす：{ $item }
sum-more = 増やす：{ $item }
sum-step-less = { $step }減らす
sum-step-more = { $step }増やす
text-answer-number = 回答{ $number }
text-hint-number = 数字のみ
text-hint-phone = 例：090-1234-5678
text-hint-email = name@example.com

## 画面キーボード

keyboard-space = 空白
keyboard-backspace = 削除
keyboard-enter = 完了
keyboard-hide = キーボードを閉じる
keyboard-shift = シフト
keyboard-symbols = 123
keyboard-symbols-name = 数字と記号
keyboard-letters = ABC
keyboard-letters-name = 文字
keyboard-latin-name = ラテン文字
keyboard-accents = àé
keyboard-accents-name = アクセント付き文字
keyboard-return = 改行
keyboard-new-line = 改行を入力
keyboard-minus = マイナス
keyboard-plus = プラス
keyboard-dash = ハイフン
keyboard-decimal-point = 小数点
keyboard-open-bracket = 開き括弧
keyboard-close-bracket = 閉じ括弧

## オペレーター：PIN

operator-title = オペレーター
operator-pin = PIN
operator-pin-hint = オペレーターPINを入力
operator-clear = クリア
operator-unlock = ロック解除
operator-cancel = キャンセル
operator-checking = PINを確認しています…
operator-no-pin = このキオスクにはオペレーターPINが設定されていないため、オペレーター画面は開きません。端末から設定してください（SSH経由も可）: sudo survey-kiosk set-pin — または survey-kiosk set-pin --config ファイル
operator-wrong-pin = PINが正しくありません。残り{ $left }回です。
operator-locked = PINの入力ミスが多すぎます。{ $seconds }秒後にもう一度お試しください。

## オペレーター：管理画面

admin-back = 端末に戻る
admin-test = 接続をテスト
admin-edit = 設定を編集
admin-refresh = 更新
admin-quit = アプリを終了
admin-quit-confirm = アプリを終了しますか？再び起動するまで回答できなくなります。
admin-quit-yes = はい、終了します
admin-quit-no = いいえ、続けます
admin-about = survey-kiosk { $version } · アンケート { $survey } · { $url }
admin-about-demo = survey-kiosk { $version } · アンケート { $survey } · { $url }（内蔵デモ）
admin-connection = 接続
admin-testing = 接続をテストしています…
admin-connected = 接続済み：アンケートにアクセスでき、公開中です。
admin-cannot-run = アンケートを実行できません：
admin-not-tested = まだテストしていません。
admin-last-problem = 最後の問題：{ $problem }
admin-no-problem = 最後の問題：なし
admin-test-failed = テストを開始できませんでした：{ $error }
admin-config-broken = 設定ファイルが変更されましたが、使用できません：{ $problem }。端末は以前の設定のまま動作します。
admin-today = 今日
admin-counting = 集計しています…
admin-started = 開始：{ $count }
admin-completed = 完了：{ $count }
admin-screened-out = 対象外：{ $count }
admin-quota-full = 割当数に到達：{ $count }
admin-abandoned = 中断：{ $count }
admin-timed-out = タイムアウト：{ $count }
admin-other = その他（中断・失敗・回答中）：{ $count }
admin-rehearsals = リハーサル（walk）：{ $count }
admin-api-calls = 本日の API 呼び出し：{ $calls }
admin-api-calls-per = 本日の API 呼び出し：{ $calls }（回答者あたり { $per }）
admin-api-calls-since = { $time }（キオスク起動）以降の API 呼び出し：{ $calls }
admin-api-calls-since-per = { $time }（キオスク起動）以降の API 呼び出し：{ $calls }（それ以降の回答者あたり { $per }）
admin-journal = ジャーナル
admin-journal-pages = { $total }ページ：受理 { $accepted }、送信待ち { $pending }、保管中 { $kept }、未確認（回答を保管） { $unconfirmed }。
admin-waiting = { $pages }ページがサーバーへの送信を待っています（端末は再試行を続けます）。
admin-waiting-since = 最も古いページは{ $time }から待機しています。
admin-last-error = 最後のエラー：{ $error }
admin-kept = { $pages }ページを送信できず、保管しています。ジャーナルをエクスポートしてから、`survey-kiosk journal discard` で削除してください。
admin-unconfirmed = { $pages }ページは送信しましたが、サーバーから確認が届いていません。回答は保管しています。ジャーナルをエクスポートしてアンケートの回答と照合してから、`survey-kiosk journal discard` で破棄してください。
admin-journal-file = ジャーナルファイル：{ $path }
admin-log-files = ログファイル：{ $path }
admin-offline-capturing = オフラインで収集中：アンケートAPIに接続できないため、アンケートマップから回答を受け付け、接続が戻ったら再送します。再送待ち：{ $respondents }人。
admin-captured-waiting = オフラインで収集し再送待ち：{ $respondents }人、{ $pages }ページ。
admin-captured-attention = オフラインで収集し、再送で停止（アンケートが変更された、または回答が拒否された）：{ $respondents }人。回答は保管しています。理由は `survey-kiosk journal status` で確認できます。
admin-map = アンケートマップ（オフライン収集用）
admin-map-coverage = 確認済みのページ：{ $pages }；次のページが未確認のページ：{ $dead_ends }；オンラインで一度も選ばれていない選択肢：{ $choices }。
admin-map-empty = オフライン収集の準備ができていません：このキオスクではアンケートの最初のページをオンラインで受け取ったことがありません。先にオンラインで回答してください（または `survey-kiosk walk` を実行してください）。
admin-export-as = エクスポート形式
admin-format-csv = CSV
admin-format-jsonl = JSON Lines
admin-export-responses = 回答ログをエクスポート…
admin-export-journal = ジャーナルをエクスポート…
admin-save-responses = 回答ログを端末のエクスポートフォルダーに保存
admin-save-journal = ジャーナルを端末のエクスポートフォルダーに保存
admin-export-title = エクスポート
admin-export-nothing = この端末はジャーナルを保存していないため、エクスポートするものはありません。
admin-export-no-file = ファイルが選択されませんでした（キオスクのセッションには保存ダイアログがない場合があります）。端末のエクスポートフォルダーに保存するボタンはどの環境でも使えます。
admin-export-no-folder = エクスポートに失敗しました：フォルダー { $folder } を作成できません（{ $problem }）。
admin-settings-saved = 設定を保存しました。端末はアンケート { $survey } を実施しています。
admin-exported = { $rows }行を{ $path }に保存しました。
admin-export-failed = エクスポートに失敗しました：{ $problem }
admin-no-journal = この端末はジャーナルを保存していません。
admin-no-config-folder = このコンピューターには設定フォルダーがありません。

## オペレーター：初期設定

setup-title = この端末を設定する
setup-intro = 端末をQuestionProのアンケートに接続します。保存する前に接続をテストします。
setup-survey-id = アンケートID
setup-survey-id-hint = 例：12345678
setup-datacenter = データセンター
setup-datacenter-hint = com、eu、ca など
setup-datacenter-us = 米国（com）
setup-datacenter-eu = 欧州（eu）
setup-datacenter-ca = カナダ（ca）
setup-datacenter-sg = シンガポール（sg）
setup-datacenter-au = オーストラリア（au）
setup-datacenter-ae = アラブ首長国連邦（ae）
setup-datacenter-sa = SurveyAnalytics（sa）
setup-datacenter-ksa = サウジアラビア（ksa）
setup-datacenter-other = その他
setup-datacenter-other-hint = アカウントのアドレスの末尾（例：com）
setup-base-url = ベースURL（データセンターの代わりに指定）
setup-api-key = APIキー
setup-api-key-hint = QuestionProのAPIキー
setup-api-key-keep = 保存済みのキーを使う場合は空欄のまま
setup-api-key-again = 保存済みのAPIキーは { $host } にのみ送信されます。このサーバーにはキーをもう一度入力してください。
setup-pin = オペレーターPIN
setup-pin-hint = 4～12桁の数字
setup-pin-again = オペレーターPIN（確認）
setup-pin-again-hint = 同じPIN
setup-kiosk-title = タイトル
setup-welcome = 案内文
setup-welcome-hint = 所要時間は約2分です。
setup-save = 保存
setup-save-after-test = 接続テストに合格すると保存できます。
setup-survey-id-invalid = アンケートIDは数字です（例：12345678）。
setup-base-url-invalid = このベースURLは使用できません：{ $reason }。
setup-api-key-missing = APIキーを入力してください。
setup-title-missing = タイトルを入力してください。
setup-welcome-missing = 案内文を入力してください。
setup-pin-missing = オペレーターPIN（4～12桁の数字）を設定してください。
setup-pins-differ = 2つのPINが一致しません。
setup-pin-invalid = PINは4～12桁の数字にしてください。

## Lists and quotations (a list of row names in a message)

quote = 「{ $text }」
list-comma = { $first }、{ $next }
list-and = { $first }と{ $last }
