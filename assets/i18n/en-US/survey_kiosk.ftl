## The kiosk's own words in English (United States), the fallback language.
## Every language has the same message ids (tests/i18n.rs checks it).
## Numbers given as arguments are written the language's way (src/i18n/number.rs);
## identifiers (survey ids, versions) are passed as strings.

## Durations

duration-seconds = { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}

## Attract screen

attract-title = We'd love your feedback
attract-welcome = It takes about two minutes. Your answers are anonymous.
attract-start = Start the survey
attract-reconnecting-title = We'll be right back
attract-reconnecting-text = The survey is reconnecting. This takes just a moment.
attract-operator-note = Note: { $note }
attract-logo = Logo
attract-setup-link = Set up this kiosk

## Loading, out of service

loading-survey = Loading the survey…
out-of-service-title = Not available right now
out-of-service-text = This survey kiosk is taking a short break. Please come back later.

## Closed (outside the opening hours)

closed-title = Closed
closed-opens-at = Open again at { $time }
closed-opens-tomorrow = Open again tomorrow at { $time }
closed-opens-on = Open again on { $date } at { $time }

## A survey page

progress-done = { $percent } done
nav-back = Back
nav-next = Next
question-advancing = ✓ Got it — next question…
nav-submit = Submit
nav-stop-here = Stop here
nav-keep-waiting = Keep waiting
page-saving = Saving your answers…
page-still-trying = Still trying — please wait. Your answers are kept on this kiosk.
page-loading = Loading…
page-check-highlighted = Please check the highlighted questions.
question-numbered = { $number }. { $text }
question-unsupported = This question can't be shown on this kiosk. You can skip it.

## "Are you still there?"

idle-title = Are you still there?
idle-countdown = The survey will start over in { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}.
idle-still-here = I'm still here

## End screens

end-countdown = Back to the start in { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}
end-done = Done
end-scan = Scan to continue on your phone
end-qr-code = QR code of the survey's link
end-thanks-title = Thank you!
end-thanks-text = Your answers have been saved. We appreciate your time.
end-screened-out-title = Thank you for your interest
end-screened-out-text = This survey is looking for a different group of people this time. We appreciate you stopping by.
end-quota-full-title = Thank you!
end-quota-full-text = We already have all the responses we need for this survey. We appreciate you stopping by.
end-opted-out-title = No problem
end-opted-out-text = You have chosen not to take part. Have a nice day!
end-already-done-title = Thank you!
end-already-done-text = This survey has already been completed.
end-redirected-title = Thank you!
end-redirected-text = This part of the survey is complete.
end-interrupted-title = Thank you!
end-interrupted-text = The connection dropped just as your answers were sent. They have most likely arrived; we keep a copy just in case.
end-problem-title = Sorry, something went wrong
end-problem-text = The survey could not continue. Please try again in a moment.

## Answers that need another look

validate-choose-one = Please choose an answer.
validate-choose-some = Please choose at least one answer.
validate-exclusive = “{ $answer }” cannot be combined with other answers.
validate-min-choices = { $min ->
    [one] Please choose at least one answer.
   *[other] Please choose at least { $min } answers.
}
validate-max-choices = { $max ->
    [one] Please choose no more than one answer.
   *[other] Please choose no more than { $max } answers.
}
validate-fill-in = Please fill in “{ $field }”.
validate-answer = Please answer this question.
validate-rank-order = Please put the items in order.
validate-rank-every = Please give every item a position.
validate-rank-once = Each position may be used once, starting from 1.
validate-not-a-number = “{ $value }” is not a number.
validate-sum-total = The numbers must add up to { $total }; they add up to { $sum }.
validate-date = Please give a date.
validate-date-parts = Please give the day, the month and the year.
validate-date-invalid = That date does not exist in the calendar.
validate-time = Please give the time.
validate-time-range = Please give a time between 1:00 and 12:59, AM or PM.
validate-every-row = Please answer every row.
validate-row-missing = Please answer every row (“{ $row }” is missing).
validate-rows-missing = Please answer every row ({ $rows } are missing).
validate-specify = Please specify your answer.
validate-specify-named = Please specify “{ $answer }”.
validate-email = Please enter an email address like name@example.com.
validate-number = Please enter a number.
validate-phone = Please enter a phone number (digits, spaces, + - ( ) only).

validate-phone-char = “{ $char }” is not part of a phone number: please use only digits, spaces and + - ( ).
validate-phone-short = A phone number has at least 6 digits.
## Choices and lists

choice-limit-reached = { $max ->
    [one] You can choose only one. Unselect it to choose another.
   *[other] You can choose up to { $max }. Unselect one to choose another.
}
choice-exclusive-cleared = { $count ->
    [one] “{ $answer }” cleared your other answer.
   *[other] “{ $answer }” cleared your { $count } other answers.
}
choice-hint-exactly = Choose { $count }
choice-hint-between = Choose between { $min } and { $max }
choice-hint-up-to = Choose up to { $max }
choice-hint-at-least = Choose at least { $min }
choice-hint-any = Choose all that apply
choice-other-hint = Please specify
choice-other-name = Please specify: { $answer }
list-placeholder = Tap to choose an answer
list-search = Search
list-search-hint = Type to filter the list
list-no-match = No answers match “{ $search }”.

## Dates and times

date-day = Day
date-month = Month
date-year = Year
date-hour = Hour
date-minute = Minute
date-am-pm = AM/PM
date-am = AM
date-pm = PM
date-is-today = { $date }, today
date-clear = Clear
date-choose = Choose a date
date-calendar = Calendar
date-previous-month = Previous month
date-next-month = Next month
date-today = Today
# "5 June 2026"; $month is a month-N message.
date-long = { $day } { $month } { $year }
date-month-year = { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
# A calendar's column headers, Monday first.
weekday-short-1 = Mo
weekday-short-2 = Tu
weekday-short-3 = We
weekday-short-4 = Th
weekday-short-5 = Fr
weekday-short-6 = Sa
weekday-short-7 = Su

## Ranking, sums, text fields

rank-instructions = Tap the items in order, 1 = first. Or move one with its arrows, or drag it by its grip.
rank-keep-order = Keep this order
rank-start-again = Start again
rank-drag = Drag to move: { $item }
rank-move-up = Move up: { $item }
rank-move-down = Move down: { $item }
sum-total = Total: { $sum }
sum-total-of = Total: { $sum } of { $total }
sum-left = Total: { $sum } of { $total } — { $left } left
sum-over = Total: { $sum } of { $total } — { $over } too many
sum-less = Less: { $item }
sum-more = More: { $item }
sum-step-less = { $step } less
sum-step-more = { $step } more
text-answer-number = Answer { $number }
text-hint-number = Numbers only
text-hint-phone = e.g. +1 555 123 4567
text-hint-email = name@example.com

## On-screen keyboard

keyboard-space = Space
keyboard-backspace = Delete
keyboard-enter = Done
keyboard-hide = Hide keyboard
keyboard-shift = Shift
keyboard-symbols = 123
keyboard-symbols-name = Digits and symbols
keyboard-letters = ABC
keyboard-letters-name = Letters
keyboard-latin-name = Latin letters
keyboard-accents = àé
keyboard-accents-name = Accented letters
keyboard-return = Return
keyboard-new-line = New line
keyboard-minus = Minus
keyboard-plus = Plus
keyboard-dash = Dash
keyboard-decimal-point = Decimal point
keyboard-open-bracket = Open bracket
keyboard-close-bracket = Close bracket

## Operator: PIN

operator-title = Operator
operator-pin = PIN
operator-pin-hint = Enter the operator PIN
operator-clear = Clear
operator-unlock = Unlock
operator-cancel = Cancel
operator-checking = Checking the PIN…
operator-no-pin = No operator PIN is set on this kiosk, so the operator screens stay closed. Set one from a terminal (also over SSH): sudo survey-kiosk set-pin — or survey-kiosk set-pin --config FILE
operator-wrong-pin = Wrong PIN. { $left ->
    [one] { $left } try left.
   *[other] { $left } tries left.
}
operator-locked = Too many wrong PINs. Try again in { $seconds ->
    [one] { $seconds } second
   *[other] { $seconds } seconds
}.

## Operator: admin screen

admin-back = Back to the kiosk
admin-test = Test the connection
admin-edit = Edit settings
admin-refresh = Refresh
admin-quit = Quit the kiosk
admin-quit-confirm = Quit the kiosk? Respondents cannot use it until it is started again.
admin-quit-yes = Yes, quit
admin-quit-no = No, keep it running
admin-about = survey-kiosk { $version } · survey { $survey } · { $url }
admin-about-demo = survey-kiosk { $version } · survey { $survey } · { $url } (embedded demo)
admin-connection = Connection
admin-testing = Testing the connection…
admin-connected = Connected: the survey is reachable and open.
admin-cannot-run = The survey cannot run:
admin-not-tested = Not tested yet.
admin-last-problem = Last problem: { $problem }
admin-no-problem = Last problem: none
admin-test-failed = Could not start the test: { $error }
admin-config-broken = The configuration file changed but cannot be used: { $problem }. The kiosk keeps the previous settings.
admin-today = Today
admin-counting = Counting…
admin-started = Started: { $count }
admin-completed = Completed: { $count }
admin-screened-out = Screened out: { $count }
admin-quota-full = Quota full: { $count }
admin-abandoned = Abandoned: { $count }
admin-timed-out = Timed out: { $count }
admin-other = Other (interrupted, failed or under way): { $count }
admin-rehearsals = Rehearsals (walk): { $count }
admin-api-calls = API calls today: { $calls }
admin-api-calls-per = API calls today: { $calls } ({ $per } per respondent)
admin-api-calls-since = API calls since { $time } (the kiosk started): { $calls }
admin-api-calls-since-per = API calls since { $time } (the kiosk started): { $calls } ({ $per } per respondent since then)
admin-journal = Journal
admin-journal-pages = { $total ->
    [one] { $total } page
   *[other] { $total } pages
}: { $accepted } accepted, { $pending } waiting to be sent, { $kept } kept for you, { $unconfirmed } unconfirmed (answers kept).
admin-waiting = { $pages ->
    [one] { $pages } page is waiting
   *[other] { $pages } pages are waiting
} to be sent to the server (the kiosk keeps trying).
admin-waiting-since = The oldest has been waiting since { $time }.
admin-last-error = Last error: { $error }
admin-kept = { $pages ->
    [one] { $pages } page could not be sent and is kept
   *[other] { $pages } pages could not be sent and are kept
} for you: export the journal, then `survey-kiosk journal discard` removes them.
admin-unconfirmed = { $pages ->
    [one] { $pages } page was sent but the server never confirmed it; its answers are kept
   *[other] { $pages } pages were sent but the server never confirmed them; their answers are kept
}: export the journal and compare it with the survey's responses before `survey-kiosk journal discard` gives them up.
admin-journal-file = Journal file: { $path }
admin-log-files = Log files: { $path }
admin-offline-capturing = Offline, capturing: the survey API cannot be reached, so respondents are taken from the survey map and replayed when it answers. Waiting to be replayed: { $respondents }.
admin-captured-waiting = Captured offline, waiting to be replayed: { $respondents } respondent(s), { $pages } page(s).
admin-captured-attention = Captured offline and stopped at replay (the survey changed or refused an answer): { $respondents } respondent(s); their answers are kept. `survey-kiosk journal status` says why.
admin-map = Survey map (for offline capture)
admin-map-coverage = Pages seen: { $pages }; pages whose way on was never seen: { $dead_ends }; choices never answered online: { $choices }.
admin-map-empty = Not ready for offline capture: the survey's first page was never served online on this kiosk. Take the survey online (or run `survey-kiosk walk`) first.
admin-export-as = Export as
admin-format-csv = CSV
admin-format-jsonl = JSON lines
admin-export-responses = Export the response log…
admin-export-journal = Export the journal…
admin-save-responses = Save the response log in the kiosk's exports folder
admin-save-journal = Save the journal in the kiosk's exports folder
admin-export-title = Export
admin-export-nothing = This kiosk keeps no journal, so there is nothing to export.
admin-export-no-file = No file was chosen (a kiosk session may have no save dialog). The buttons that save in the kiosk's exports folder work everywhere.
admin-export-no-folder = The export failed: the folder { $folder } cannot be created ({ $problem }).
admin-settings-saved = Settings saved. The kiosk now runs survey { $survey }.
admin-exported = { $rows ->
    [one] { $rows } row saved
   *[other] { $rows } rows saved
} to { $path }.
admin-export-failed = The export failed: { $problem }
admin-no-journal = This kiosk keeps no journal.
admin-no-config-folder = This computer has no configuration folder.

## Operator: setup screen

setup-title = Set up this kiosk
setup-intro = Point the kiosk at your QuestionPro survey. The connection is tested before anything is saved.
setup-survey-id = Survey id
setup-survey-id-hint = e.g. 12345678
setup-datacenter = Datacenter
setup-datacenter-hint = com, eu, ca, …
setup-datacenter-us = US (com)
setup-datacenter-eu = Europe (eu)
setup-datacenter-ca = Canada (ca)
setup-datacenter-sg = Singapore (sg)
setup-datacenter-au = Australia (au)
setup-datacenter-ae = United Arab Emirates (ae)
setup-datacenter-sa = SurveyAnalytics (sa)
setup-datacenter-ksa = Saudi Arabia (ksa)
setup-datacenter-other = Other
setup-datacenter-other-hint = the end of your account's address, e.g. com
setup-base-url = Base URL (instead of a datacenter)
setup-api-key = API key
setup-api-key-hint = your QuestionPro API key
setup-api-key-keep = leave empty to keep the saved key
setup-api-key-again = The saved API key is only sent to { $host }: type the key again for this server.
setup-pin = Operator PIN
setup-pin-hint = 4 to 12 digits
setup-pin-again = Operator PIN again
setup-pin-again-hint = the same PIN
setup-kiosk-title = Title
setup-welcome = Welcome text
setup-welcome-hint = It takes about two minutes.
setup-save = Save
setup-save-after-test = Save is possible once the connection test passes.
setup-survey-id-invalid = The survey id is a number, e.g. 12345678.
setup-base-url-invalid = The base URL cannot be used: { $reason }.
setup-api-key-missing = Please enter the API key.
setup-title-missing = Please enter the title.
setup-welcome-missing = Please enter the welcome text.
setup-pin-missing = Please choose an operator PIN (4 to 12 digits).
setup-pins-differ = The two PINs are not the same.
setup-pin-invalid = The PIN must be 4 to 12 digits.

## Lists and quotations (a list of row names in a message)

quote = “{ $text }”
list-comma = { $first }, { $next }
list-and = { $first } and { $last }
