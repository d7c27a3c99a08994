## كلمات الجهاز باللغة العربية الفصحى.
## الأرقام بالأرقام الغربية (0–9) كما في واجهات الخليج والمغرب العربي؛ انظر src/i18n/number.rs.
## صيغ الجمع: zero، one، two، few (3–10)، many (11–99)، other (100…).

## المدد

duration-seconds = { $seconds ->
    [zero] { $seconds } ثانية
    [one] ثانية واحدة
    [two] ثانيتان
    [few] { $seconds } ثوانٍ
    [many] { $seconds } ثانية
   *[other] { $seconds } ثانية
}

## شاشة البداية

attract-title = يسعدنا أن نسمع رأيك
attract-welcome = يستغرق نحو دقيقتين، وإجاباتك مجهولة الهوية.
attract-start = بدء الاستبيان
attract-reconnecting-title = سنعود حالًا
attract-reconnecting-text = يُعاد الآن الاتصال بالاستبيان. لن يستغرق ذلك سوى لحظة.
attract-operator-note = ملاحظة: { $note }
attract-logo = الشعار
attract-setup-link = إعداد هذا الجهاز

## التحميل، خارج الخدمة

loading-survey = جارٍ تحميل الاستبيان…
out-of-service-title = غير متاح حاليًا
out-of-service-text = يأخذ جهاز الاستبيان هذا استراحة قصيرة. يُرجى العودة لاحقًا.

## مغلق (خارج ساعات العمل)

closed-title = مغلق
closed-opens-at = نعود للعمل الساعة { $time }
closed-opens-tomorrow = نعود للعمل غدًا الساعة { $time }
closed-opens-on = نعود للعمل يوم { $date } الساعة { $time }

## صفحة من الاستبيان

progress-done = اكتمل { $percent }
nav-back = السابق
nav-next = التالي
question-advancing = ✓ تم — السؤال التالي…
nav-submit = إرسال
nav-stop-here = التوقف هنا
nav-keep-waiting = مواصلة الانتظار
page-saving = جارٍ حفظ إجاباتك…
page-still-trying = ما زلنا نحاول — يُرجى الانتظار. إجاباتك محفوظة على هذا الجهاز.
page-loading = جارٍ التحميل…
page-check-highlighted = يُرجى مراجعة الأسئلة المميّزة.
question-numbered = { $number }. { $text }
question-unsupported = لا يمكن عرض هذا السؤال على هذا الجهاز. يمكنك تخطّيه.

## «هل ما زلت هنا؟»

idle-title = هل ما زلت هنا؟
idle-countdown = سيبدأ الاستبيان من جديد خلال { $seconds ->
    [zero] { $seconds } ثانية
    [one] ثانية واحدة
    [two] ثانيتين
    [few] { $seconds } ثوانٍ
    [many] { $seconds } ثانية
   *[other] { $seconds } ثانية
}.
idle-still-here = ما زلت هنا

## شاشات النهاية

end-countdown = العودة إلى البداية خلال { $seconds ->
    [zero] { $seconds } ثانية
    [one] ثانية واحدة
    [two] ثانيتين
    [few] { $seconds } ثوانٍ
    [many] { $seconds } ثانية
   *[other] { $seconds } ثانية
}
end-done = تم
end-scan = امسح الرمز للمتابعة على هاتفك
end-qr-code = رمز QR لرابط الاستبيان
end-thanks-title = شكرًا لك!
end-thanks-text = تم حفظ إجاباتك. نقدّر وقتك.
end-screened-out-title = شكرًا لاهتمامك
end-screened-out-text = يبحث هذا الاستبيان هذه المرة عن فئة أخرى من الأشخاص. نشكرك على زيارتك.
end-quota-full-title = شكرًا لك!
end-quota-full-text = لدينا بالفعل كل الإجابات التي نحتاجها لهذا الاستبيان. نشكرك على زيارتك.
end-opted-out-title = لا بأس
end-opted-out-text = لقد اخترت عدم المشاركة. نتمنى لك يومًا سعيدًا!
end-already-done-title = شكرًا لك!
end-already-done-text = سبق أن أُكمل هذا الاستبيان.
end-redirected-title = شكرًا لك!
end-redirected-text = اكتمل هذا الجزء من الاستبيان.
end-interrupted-title = شكرًا لك!
end-interrupted-text = انقطع الاتصال أثناء إرسال إجاباتك. الأرجح أنها وصلت، ونحتفظ بنسخة منها احتياطًا.
end-problem-title = عذرًا، حدث خطأ ما
end-problem-text = تعذّرت متابعة الاستبيان. يُرجى المحاولة مرة أخرى بعد قليل.

## إجابات تحتاج إلى مراجعة

validate-choose-one = يُرجى اختيار إجابة.
validate-choose-some = يُرجى اختيار إجابة واحدة على الأقل.
validate-exclusive = لا يمكن الجمع بين «{ $answer }» وإجابات أخرى.
validate-min-choices = { $min ->
    [one] يُرجى اختيار إجابة واحدة على الأقل.
    [two] يُرجى اختيار إجابتين على الأقل.
    [few] يُرجى اختيار { $min } إجابات على الأقل.
    [many] يُرجى اختيار { $min } إجابة على الأقل.
   *[other] يُرجى اختيار { $min } إجابة على الأقل.
}
validate-max-choices = { $max ->
    [one] يُرجى اختيار إجابة واحدة على الأكثر.
    [two] يُرجى اختيار إجابتين على الأكثر.
    [few] يُرجى اختيار { $max } إجابات على الأكثر.
    [many] يُرجى اختيار { $max } إجابة على الأكثر.
   *[other] يُرجى اختيار { $max } إجابة على الأكثر.
}
validate-fill-in = يُرجى تعبئة «{ $field }».
validate-answer = يُرجى الإجابة عن هذا السؤال.
validate-rank-order = يُرجى ترتيب العناصر.
validate-rank-every = يُرجى إعطاء كل عنصر مرتبة.
validate-rank-once = لا تُستخدم كل مرتبة إلا مرة واحدة، بدءًا من 1.
validate-not-a-number = «{ $value }» ليس رقمًا.
validate-sum-total = يجب أن يكون مجموع الأرقام { $total }، والمجموع الحالي { $sum }.
validate-date = يُرجى إدخال تاريخ.
validate-date-parts = يُرجى إدخال اليوم والشهر والسنة.
validate-date-invalid = هذا التاريخ غير موجود في التقويم.
validate-time = يُرجى إدخال الوقت.
validate-time-range = يُرجى إدخال وقت بين 1:00 و12:59، صباحًا أو مساءً.
validate-every-row = يُرجى الإجابة عن كل الصفوف.
validate-row-missing = يُرجى الإجابة عن كل الصفوف (الصف «{ $row }» بلا إجابة).
validate-rows-missing = يُرجى الإجابة عن كل الصفوف (الصفوف { $rows } بلا إجابة).
validate-specify = يُرجى توضيح إجابتك.
validate-specify-named = يُرجى توضيح «{ $answer }».
validate-email = يُرجى إدخال عنوان بريد إلكتروني مثل name@example.com.
validate-number = يُرجى إدخال رقم.
validate-phone = يُرجى إدخال رقم هاتف (أرقام ومسافات و‎+ - ( ) فقط).

validate-phone-char = الرمز «{ $char }» ليس جزءًا من رقم هاتف: يُرجى استخدام الأرقام والمسافات و‎+ - ( ) فقط.
validate-phone-short = يتكوّن رقم الهاتف من 6 أرقام على الأقل.
## الخيارات والقوائم

choice-limit-reached = { $max ->
    [one] يمكنك اختيار إجابة واحدة فقط. ألغِ اختيارها لتختار غيرها.
    [two] يمكنك اختيار إجابتين كحد أقصى. ألغِ اختيار إحداهما لتختار غيرها.
    [few] يمكنك اختيار { $max } إجابات كحد أقصى. ألغِ اختيار إحداها لتختار غيرها.
    [many] يمكنك اختيار { $max } إجابة كحد أقصى. ألغِ اختيار إحداها لتختار غيرها.
   *[other] يمكنك اختيار { $max } إجابة كحد أقصى. ألغِ اختيار إحداها لتختار غيرها.
}
choice-exclusive-cleared = { $count ->
    [one] ألغى «{ $answer }» إجابتك الأخرى.
    [two] ألغى «{ $answer }» إجابتيك الأخريين.
    [few] ألغى «{ $answer }» إجاباتك الـ{ $count } الأخرى.
    [many] ألغى «{ $answer }» إجاباتك الـ{ $count } الأخرى.
   *[other] ألغى «{ $answer }» إجاباتك الـ{ $count } الأخرى.
}
choice-hint-exactly = { $count ->
    [one] اختر إجابة واحدة
    [two] اختر إجابتين
    [few] اختر { $count } إجابات
    [many] اختر { $count } إجابة
   *[other] اختر { $count } إجابة
}
choice-hint-between = اختر من { $min } إلى { $max }
choice-hint-up-to = اختر حتى { $max }
choice-hint-at-least = اختر { $min } على الأقل
choice-hint-any = اختر كل ما ينطبق
choice-other-hint = يُرجى التحديد
choice-other-name = يُرجى التحديد: { $answer }
list-placeholder = اضغط لاختيار إجابة
list-search = بحث
list-search-hint = اكتب لتصفية القائمة
list-no-match = لا توجد إجابات تطابق «{ $search }».

## التواريخ والأوقات

date-day = اليوم
date-month = الشهر
date-year = السنة
date-hour = الساعة
date-minute = الدقيقة
date-am-pm = ص/م
date-am = ص
date-pm = م
date-is-today = { $date }، اليوم
date-clear = مسح
date-choose = اختر تاريخًا
date-calendar = التقويم
date-previous-month = الشهر السابق
date-next-month = الشهر التالي
date-today = تاريخ اليوم
date-long = { $day } { $month } { $year }
date-month-year = { $month } { $year }
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر
# أعمدة التقويم، بدءًا بالاثنين (الحرف الأول كما في CLDR).
weekday-short-1 = ن
weekday-short-2 = ث
weekday-short-3 = ر
weekday-short-4 = خ
weekday-short-5 = ج
weekday-short-6 = س
weekday-short-7 = ح

## الترتيب والمجاميع وحقول النص

rank-instructions = المس العناصر بالترتيب، 1 = الأول. أو حرّك عنصرًا بأسهمه، أو اسحبه من مقبضه.
rank-keep-order = الإبقاء على هذا الترتيب
rank-start-again = البدء من جديد
rank-drag = اسحب للنقل: { $item }
rank-move-up = نقل إلى الأعلى: { $item }
rank-move-down = نقل إلى الأسفل: { $item }
sum-total = المجموع: { $sum }
sum-total-of = المجموع: { $sum } من { $total }
sum-left = المجموع: { $sum } من { $total } — المتبقي { $left }
sum-over = المجموع: { $sum } من { $total } — زيادة { $over }
sum-less = إنقاص: { $item }
sum-more = زيادة: { $item }
sum-step-less = إنقاص { $step }
sum-step-more = زيادة { $step }
text-answer-number = الإجابة { $number }
text-hint-number = أرقام فقط
text-hint-phone = مثال: ‎+966 50 123 4567
text-hint-email = name@example.com

## لوحة المفاتيح على الشاشة

keyboard-space = مسافة
keyboard-backspace = حذف
keyboard-enter = تم
keyboard-hide = إخفاء لوحة المفاتيح
keyboard-shift = تبديل
keyboard-symbols = 123
keyboard-symbols-name = أرقام ورموز
keyboard-letters = أبج
keyboard-letters-name = حروف
keyboard-latin-name = حروف لاتينية
keyboard-accents = àé
keyboard-accents-name = حروف لاتينية بعلامات
keyboard-return = إدخال
keyboard-new-line = سطر جديد
keyboard-minus = ناقص
keyboard-plus = زائد
keyboard-dash = شرطة
keyboard-decimal-point = فاصلة عشرية
keyboard-open-bracket = قوس فتح
keyboard-close-bracket = قوس إغلاق

## المشغّل: رمز PIN

operator-title = المشغّل
operator-pin = رمز PIN
operator-pin-hint = أدخل رمز PIN الخاص بالمشغّل
operator-clear = مسح
operator-unlock = فتح القفل
operator-cancel = إلغاء
operator-checking = جارٍ التحقق من رمز PIN…
operator-no-pin = لم يُعيَّن رمز PIN للمشغّل على هذا الكشك، لذا تبقى شاشات المشغّل مغلقة. عيّنه من الطرفية (عبر SSH أيضًا): sudo survey-kiosk set-pin — أو survey-kiosk set-pin --config FILE
operator-wrong-pin = رمز PIN غير صحيح. { $left ->
    [zero] لم تتبقَّ أي محاولة.
    [one] تبقّت محاولة واحدة.
    [two] تبقّت محاولتان.
    [few] تبقّت { $left } محاولات.
    [many] تبقّت { $left } محاولة.
   *[other] تبقّت { $left } محاولة.
}
operator-locked = محاولات خاطئة كثيرة جدًا. حاول مرة أخرى بعد { $seconds ->
    [zero] { $seconds } ثانية
    [one] ثانية واحدة
    [two] ثانيتين
    [few] { $seconds } ثوانٍ
    [many] { $seconds } ثانية
   *[other] { $seconds } ثانية
}.

## المشغّل: الإدارة

admin-back = العودة إلى الاستبيان
admin-test = اختبار الاتصال
admin-edit = تعديل الإعدادات
admin-refresh = تحديث
admin-quit = إغلاق التطبيق
admin-quit-confirm = هل تريد إغلاق التطبيق؟ لن يتمكن أحد من استخدامه حتى يُشغَّل من جديد.
admin-quit-yes = نعم، أغلِقه
admin-quit-no = لا، أبقِه يعمل
admin-about = survey-kiosk { $version } · الاستبيان { $survey } · { $url }
admin-about-demo = survey-kiosk { $version } · الاستبيان { $survey } · { $url } (العرض التجريبي المدمج)
admin-connection = الاتصال
admin-testing = جارٍ اختبار الاتصال…
admin-connected = متصل: يمكن الوصول إلى الاستبيان وهو مفتوح.
admin-cannot-run = لا يمكن تشغيل الاستبيان:
admin-not-tested = لم يُختبر بعد.
admin-last-problem = آخر مشكلة: { $problem }
admin-no-problem = آخر مشكلة: لا يوجد
admin-test-failed = تعذّر بدء الاختبار: { $error }
admin-config-broken = تغيّر ملف الإعدادات لكن لا يمكن استخدامه: { $problem }. يحتفظ الجهاز بالإعدادات السابقة.
admin-today = اليوم
admin-counting = جارٍ العدّ…
admin-started = بدأت: { $count }
admin-completed = اكتملت: { $count }
admin-screened-out = مستبعدة: { $count }
admin-quota-full = الحصة ممتلئة: { $count }
admin-abandoned = متروكة: { $count }
admin-timed-out = انتهت مهلتها: { $count }
admin-other = أخرى (توقفت أو تعذّرت أو جارية): { $count }
admin-rehearsals = تجارب (walk): { $count }
admin-api-calls = استدعاءات API اليوم: { $calls }
admin-api-calls-per = استدعاءات API اليوم: { $calls } ({ $per } لكل مشارك)
admin-api-calls-since = استدعاءات API منذ { $time } (بدء تشغيل الكشك): { $calls }
admin-api-calls-since-per = استدعاءات API منذ { $time } (بدء تشغيل الكشك): { $calls } ({ $per } لكل مشارك منذ ذلك الحين)
admin-journal = السجل
admin-journal-pages = { $total ->
    [zero] لا صفحات
    [one] صفحة واحدة
    [two] صفحتان
    [few] { $total } صفحات
    [many] { $total } صفحة
   *[other] { $total } صفحة
}: { $accepted } مقبولة، و{ $pending } بانتظار الإرسال، و{ $kept } محفوظة لك، و{ $unconfirmed } غير مؤكَّدة (الإجابات محفوظة).
admin-waiting = { $pages ->
    [one] صفحة واحدة بانتظار
    [two] صفحتان بانتظار
    [few] { $pages } صفحات بانتظار
    [many] { $pages } صفحة بانتظار
   *[other] { $pages } صفحة بانتظار
} الإرسال إلى الخادم (يواصل الجهاز المحاولة).
admin-waiting-since = أقدمها ينتظر منذ { $time }.
admin-last-error = آخر خطأ: { $error }
admin-kept = { $pages ->
    [one] تعذّر إرسال صفحة واحدة، وهي محفوظة
    [two] تعذّر إرسال صفحتين، وهما محفوظتان
    [few] تعذّر إرسال { $pages } صفحات، وهي محفوظة
    [many] تعذّر إرسال { $pages } صفحة، وهي محفوظة
   *[other] تعذّر إرسال { $pages } صفحة، وهي محفوظة
} لك: صدِّر السجل، ثم يحذفها الأمر `survey-kiosk journal discard`.
admin-unconfirmed = { $pages ->
    [one] أُرسلت صفحة واحدة ولم يؤكدها الخادم قط، وإجاباتها محفوظة
    [two] أُرسلت صفحتان ولم يؤكدهما الخادم قط، وإجاباتهما محفوظة
    [few] أُرسلت { $pages } صفحات ولم يؤكدها الخادم قط، وإجاباتها محفوظة
    [many] أُرسلت { $pages } صفحة ولم يؤكدها الخادم قط، وإجاباتها محفوظة
   *[other] أُرسلت { $pages } صفحة ولم يؤكدها الخادم قط، وإجاباتها محفوظة
}: صدِّر السجل وقارنه بردود الاستبيان قبل أن يتخلى عنها الأمر `survey-kiosk journal discard`.
admin-journal-file = ملف السجل: { $path }
admin-log-files = ملفات التسجيل: { $path }
admin-offline-capturing = دون اتصال، جارٍ الجمع: تعذّر الوصول إلى واجهة الاستبيان، لذا تُؤخذ إجابات المشاركين من خريطة الاستبيان وتُعاد إرسالها عند عودة الاتصال. بانتظار إعادة الإرسال: { $respondents }.
admin-captured-waiting = جُمعت دون اتصال وتنتظر إعادة الإرسال: المشاركون { $respondents }، الصفحات { $pages }.
admin-captured-attention = جُمعت دون اتصال وتوقفت عند إعادة الإرسال (تغيّر الاستبيان أو رفض إجابة): المشاركون { $respondents }؛ إجاباتهم محفوظة. يبيّن الأمر `survey-kiosk journal status` السبب.
admin-map = خريطة الاستبيان (للجمع دون اتصال)
admin-map-coverage = الصفحات المعروفة: { $pages }؛ صفحات لم يُعرف ما بعدها: { $dead_ends }؛ خيارات لم تُختر قط عبر الاتصال: { $choices }.
admin-map-empty = غير جاهز للجمع دون اتصال: لم تصل الصفحة الأولى من الاستبيان إلى هذا الكشك عبر الاتصال قط. أجب عن الاستبيان متصلًا أولًا (أو شغّل `survey-kiosk walk`).
admin-export-as = التصدير بصيغة
admin-format-csv = CSV
admin-format-jsonl = JSON Lines
admin-export-responses = تصدير سجل الإجابات…
admin-export-journal = تصدير السجل…
admin-save-responses = حفظ سجل الإجابات في مجلد التصدير على الجهاز
admin-save-journal = حفظ السجل في مجلد التصدير على الجهاز
admin-export-title = تصدير
admin-export-nothing = لا يحتفظ هذا الجهاز بسجل، لذا لا يوجد ما يُصدَّر.
admin-export-no-file = لم يُختر أي ملف (قد لا تتوفر نافذة حفظ في جلسة الجهاز). أزرار الحفظ في مجلد التصدير على الجهاز تعمل في كل الأحوال.
admin-export-no-folder = فشل التصدير: تعذّر إنشاء المجلد { $folder } ({ $problem }).
admin-settings-saved = حُفظت الإعدادات. يعرض الجهاز الآن الاستبيان { $survey }.
admin-exported = { $rows ->
    [zero] لم يُحفظ أي صف
    [one] حُفظ صف واحد
    [two] حُفظ صفّان
    [few] حُفظت { $rows } صفوف
    [many] حُفظ { $rows } صفًّا
   *[other] حُفظ { $rows } صف
} في { $path }.
admin-export-failed = فشل التصدير: { $problem }
admin-no-journal = لا يحتفظ هذا الجهاز بسجل.
admin-no-config-folder = لا يحتوي هذا الحاسوب على مجلد إعدادات.

## المشغّل: الإعداد

setup-title = إعداد هذا الجهاز
setup-intro = اربط الجهاز باستبيانك على QuestionPro. يُختبر الاتصال قبل حفظ أي شيء.
setup-survey-id = معرّف الاستبيان
setup-survey-id-hint = مثال: 12345678
setup-datacenter = مركز البيانات
setup-datacenter-hint = com، eu، ca، …
setup-datacenter-us = الولايات المتحدة (com)
setup-datacenter-eu = أوروبا (eu)
setup-datacenter-ca = كندا (ca)
setup-datacenter-sg = سنغافورة (sg)
setup-datacenter-au = أستراليا (au)
setup-datacenter-ae = الإمارات العربية المتحدة (ae)
setup-datacenter-sa = SurveyAnalytics (sa)
setup-datacenter-ksa = المملكة العربية السعودية (ksa)
setup-datacenter-other = غير ذلك
setup-datacenter-other-hint = نهاية عنوان حسابك، مثل com
setup-base-url = عنوان URL الأساسي (بدلًا من مركز البيانات)
setup-api-key = مفتاح API
setup-api-key-hint = مفتاح API الخاص بك في QuestionPro
setup-api-key-keep = اتركه فارغًا للإبقاء على المفتاح المحفوظ
setup-api-key-again = لا يُرسَل مفتاح API المحفوظ إلا إلى { $host }: اكتب المفتاح مرة أخرى لهذا الخادم.
setup-pin = رمز PIN للمشغّل
setup-pin-hint = من 4 إلى 12 رقمًا
setup-pin-again = تأكيد رمز PIN للمشغّل
setup-pin-again-hint = رمز PIN نفسه
setup-kiosk-title = العنوان
setup-welcome = نص الترحيب
setup-welcome-hint = يستغرق نحو دقيقتين.
setup-save = حفظ
setup-save-after-test = يمكن الحفظ بعد نجاح اختبار الاتصال.
setup-survey-id-invalid = معرّف الاستبيان رقم، مثل 12345678.
setup-base-url-invalid = لا يمكن استخدام عنوان URL الأساسي: { $reason }.
setup-api-key-missing = يُرجى إدخال مفتاح API.
setup-title-missing = يُرجى إدخال العنوان.
setup-welcome-missing = يُرجى إدخال نص الترحيب.
setup-pin-missing = يُرجى اختيار رمز PIN للمشغّل (من 4 إلى 12 رقمًا).
setup-pins-differ = رمزا PIN غير متطابقين.
setup-pin-invalid = يجب أن يتكوّن رمز PIN من 4 إلى 12 رقمًا.

## Lists and quotations (a list of row names in a message)

quote = «{ $text }»
list-comma = { $first }، { $next }
list-and = { $first } و{ $last }
