## Die Worte des Terminals auf Deutsch (Sie-Form).

## Dauer

duration-seconds = { $seconds ->
    [one] { $seconds } Sekunde
   *[other] { $seconds } Sekunden
}

## Startbildschirm

attract-title = Ihre Meinung ist uns wichtig
attract-welcome = Es dauert etwa zwei Minuten. Ihre Antworten sind anonym.
attract-start = Umfrage starten
attract-reconnecting-title = Gleich geht es weiter
attract-reconnecting-text = Die Umfrage verbindet sich neu. Das dauert nur einen Moment.
attract-operator-note = Hinweis: { $note }
attract-logo = Logo
attract-setup-link = Dieses Terminal einrichten

## Laden, außer Betrieb

loading-survey = Die Umfrage wird geladen…
out-of-service-title = Derzeit nicht verfügbar
out-of-service-text = Dieses Umfrage-Terminal macht eine kurze Pause. Bitte kommen Sie später wieder.

## Geschlossen (außerhalb der Öffnungszeiten)

closed-title = Geschlossen
closed-opens-at = Wieder geöffnet ab { $time } Uhr
closed-opens-tomorrow = Morgen wieder geöffnet ab { $time } Uhr
closed-opens-on = Wieder geöffnet am { $date } ab { $time } Uhr

## Eine Seite der Umfrage

progress-done = { $percent } erledigt
nav-back = Zurück
nav-next = Weiter
question-advancing = ✓ Danke – nächste Frage …
nav-submit = Absenden
nav-stop-here = Hier aufhören
nav-keep-waiting = Weiter warten
page-saving = Ihre Antworten werden gespeichert…
page-still-trying = Wir versuchen es weiter – bitte warten Sie. Ihre Antworten bleiben auf diesem Terminal gespeichert.
page-loading = Wird geladen…
page-check-highlighted = Bitte prüfen Sie die markierten Fragen.
question-numbered = { $number }. { $text }
question-unsupported = Diese Frage kann auf diesem Terminal nicht angezeigt werden. Sie können sie überspringen.

## „Sind Sie noch da?“

idle-title = Sind Sie noch da?
idle-countdown = Die Umfrage beginnt in { $seconds ->
    [one] { $seconds } Sekunde
   *[other] { $seconds } Sekunden
} von vorn.
idle-still-here = Ich bin noch da

## Abschlussbildschirme

end-countdown = Zurück zum Start in { $seconds ->
    [one] { $seconds } Sekunde
   *[other] { $seconds } Sekunden
}
end-done = Fertig
end-scan = Scannen Sie den Code, um auf Ihrem Handy weiterzumachen
end-qr-code = QR-Code des Umfragelinks
end-thanks-title = Vielen Dank!
end-thanks-text = Ihre Antworten wurden gespeichert. Danke, dass Sie sich Zeit genommen haben.
end-screened-out-title = Vielen Dank für Ihr Interesse
end-screened-out-text = Diese Umfrage richtet sich diesmal an eine andere Personengruppe. Danke, dass Sie vorbeigeschaut haben.
end-quota-full-title = Vielen Dank!
end-quota-full-text = Wir haben bereits alle Antworten, die wir für diese Umfrage brauchen. Danke, dass Sie vorbeigeschaut haben.
end-opted-out-title = Kein Problem
end-opted-out-text = Sie haben sich entschieden, nicht teilzunehmen. Einen schönen Tag noch!
end-already-done-title = Vielen Dank!
end-already-done-text = Diese Umfrage wurde bereits abgeschlossen.
end-redirected-title = Vielen Dank!
end-redirected-text = Dieser Teil der Umfrage ist abgeschlossen.
end-interrupted-title = Vielen Dank!
end-interrupted-text = Die Verbindung brach ab, gerade als Ihre Antworten gesendet wurden. Sie sind höchstwahrscheinlich angekommen; zur Sicherheit behalten wir eine Kopie.
end-problem-title = Leider ist etwas schiefgegangen
end-problem-text = Die Umfrage konnte nicht fortgesetzt werden. Bitte versuchen Sie es gleich noch einmal.

## Antworten, die noch fehlen oder nicht passen

validate-choose-one = Bitte wählen Sie eine Antwort.
validate-choose-some = Bitte wählen Sie mindestens eine Antwort.
validate-exclusive = „{ $answer }“ kann nicht mit anderen Antworten kombiniert werden.
validate-min-choices = { $min ->
    [one] Bitte wählen Sie mindestens eine Antwort.
   *[other] Bitte wählen Sie mindestens { $min } Antworten.
}
validate-max-choices = { $max ->
    [one] Bitte wählen Sie höchstens eine Antwort.
   *[other] Bitte wählen Sie höchstens { $max } Antworten.
}
validate-fill-in = Bitte füllen Sie „{ $field }“ aus.
validate-answer = Bitte beantworten Sie diese Frage.
validate-rank-order = Bitte bringen Sie die Einträge in eine Reihenfolge.
validate-rank-every = Bitte geben Sie jedem Eintrag einen Platz.
validate-rank-once = Jeder Platz darf nur einmal vergeben werden, beginnend mit 1.
validate-not-a-number = „{ $value }“ ist keine Zahl.
validate-sum-total = Die Zahlen müssen zusammen { $total } ergeben; es sind { $sum }.
validate-date = Bitte geben Sie ein Datum an.
validate-date-parts = Bitte geben Sie Tag, Monat und Jahr an.
validate-date-invalid = Dieses Datum gibt es im Kalender nicht.
validate-time = Bitte geben Sie die Uhrzeit an.
validate-time-range = Bitte geben Sie eine Uhrzeit zwischen 1:00 und 12:59 an, AM oder PM.
validate-every-row = Bitte beantworten Sie jede Zeile.
validate-row-missing = Bitte beantworten Sie jede Zeile („{ $row }“ fehlt).
validate-rows-missing = Bitte beantworten Sie jede Zeile ({ $rows } fehlen).
validate-specify = Bitte präzisieren Sie Ihre Antwort.
validate-specify-named = Bitte präzisieren Sie „{ $answer }“.
validate-email = Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.
validate-number = Bitte geben Sie eine Zahl ein.
validate-phone = Bitte geben Sie eine Telefonnummer ein (nur Ziffern, Leerzeichen und + - ( )).

validate-phone-char = „{ $char }“ gehört nicht in eine Telefonnummer: bitte nur Ziffern, Leerzeichen und + - ( ) verwenden.
validate-phone-short = Eine Telefonnummer hat mindestens 6 Ziffern.
## Auswahl und Listen

choice-limit-reached = { $max ->
    [one] Sie können nur eine Antwort wählen. Heben Sie die Auswahl auf, um eine andere zu wählen.
   *[other] Sie können bis zu { $max } Antworten wählen. Heben Sie eine Auswahl auf, um eine andere zu wählen.
}
choice-exclusive-cleared = { $count ->
    [one] „{ $answer }“ hat Ihre andere Antwort aufgehoben.
   *[other] „{ $answer }“ hat Ihre { $count } anderen Antworten aufgehoben.
}
choice-hint-exactly = Wählen Sie { $count }
choice-hint-between = Wählen Sie zwischen { $min } und { $max }
choice-hint-up-to = Wählen Sie bis zu { $max }
choice-hint-at-least = Wählen Sie mindestens { $min }
choice-hint-any = Wählen Sie alle zutreffenden aus
choice-other-hint = Bitte angeben
choice-other-name = Bitte angeben: { $answer }
list-placeholder = Tippen, um eine Antwort zu wählen
list-search = Suchen
list-search-hint = Tippen Sie, um die Liste zu filtern
list-no-match = Keine Antwort passt zu „{ $search }“.

## Datum und Uhrzeit

date-day = Tag
date-month = Monat
date-year = Jahr
date-hour = Stunde
date-minute = Minute
date-am-pm = AM/PM
date-am = AM
date-pm = PM
date-is-today = { $date }, heute
date-clear = Löschen
date-choose = Datum wählen
date-calendar = Kalender
date-previous-month = Vorheriger Monat
date-next-month = Nächster Monat
date-today = Heute
date-long = { $day }. { $month } { $year }
date-month-year = { $month } { $year }
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember
weekday-short-1 = Mo
weekday-short-2 = Di
weekday-short-3 = Mi
weekday-short-4 = Do
weekday-short-5 = Fr
weekday-short-6 = Sa
weekday-short-7 = So

## Rangfolge, Summen, Textfelder

rank-instructions = Tippen Sie die Einträge der Reihe nach an, 1 = erster. Oder verschieben Sie einen mit seinen Pfeilen oder ziehen Sie ihn an seinem Griff.
rank-keep-order = Diese Reihenfolge beibehalten
rank-start-again = Neu beginnen
rank-drag = Ziehen zum Verschieben: { $item }
rank-move-up = Nach oben: { $item }
rank-move-down = Nach unten: { $item }
sum-total = Summe: { $sum }
sum-total-of = Summe: { $sum } von { $total }
sum-left = Summe: { $sum } von { $total } – noch { $left }
sum-over = Summe: { $sum } von { $total } – { $over } zu viel
sum-less = Weniger: { $item }
sum-more = Mehr: { $item }
sum-step-less = { $step } weniger
sum-step-more = { $step } mehr
text-answer-number = Antwort { $number }
text-hint-number = Nur Zahlen
text-hint-phone = z. B. +49 151 23456789
text-hint-email = name@beispiel.de

## Bildschirmtastatur

keyboard-space = Leertaste
keyboard-backspace = Löschen
keyboard-enter = Fertig
keyboard-hide = Tastatur ausblenden
keyboard-shift = Umschalt
keyboard-symbols = 123
keyboard-symbols-name = Ziffern und Symbole
keyboard-letters = ABC
keyboard-letters-name = Buchstaben
keyboard-latin-name = Lateinische Buchstaben
keyboard-accents = àé
keyboard-accents-name = Buchstaben mit Akzent
keyboard-return = Eingabe
keyboard-new-line = Neue Zeile
keyboard-minus = Minus
keyboard-plus = Plus
keyboard-dash = Bindestrich
keyboard-decimal-point = Dezimalpunkt
keyboard-open-bracket = Klammer auf
keyboard-close-bracket = Klammer zu

## Betreiber: PIN

operator-title = Betreiber
operator-pin = PIN
operator-pin-hint = Betreiber-PIN eingeben
operator-clear = Löschen
operator-unlock = Entsperren
operator-cancel = Abbrechen
operator-checking = PIN wird geprüft…
operator-no-pin = Auf diesem Kiosk ist keine Bediener-PIN gesetzt, daher bleiben die Bedienerseiten geschlossen. Setzen Sie eine im Terminal (auch per SSH): sudo survey-kiosk set-pin — oder survey-kiosk set-pin --config DATEI
operator-wrong-pin = Falsche PIN. { $left ->
    [one] Noch { $left } Versuch.
   *[other] Noch { $left } Versuche.
}
operator-locked = Zu viele falsche PINs. Versuchen Sie es in { $seconds ->
    [one] { $seconds } Sekunde
   *[other] { $seconds } Sekunden
} erneut.

## Betreiber: Verwaltung

admin-back = Zurück zum Terminal
admin-test = Verbindung testen
admin-edit = Einstellungen bearbeiten
admin-refresh = Aktualisieren
admin-quit = Terminal beenden
admin-quit-confirm = Terminal beenden? Bis zum nächsten Start kann niemand teilnehmen.
admin-quit-yes = Ja, beenden
admin-quit-no = Nein, weiterlaufen lassen
admin-about = survey-kiosk { $version } · Umfrage { $survey } · { $url }
admin-about-demo = survey-kiosk { $version } · Umfrage { $survey } · { $url } (eingebaute Demo)
admin-connection = Verbindung
admin-testing = Verbindung wird getestet…
admin-connected = Verbunden: Die Umfrage ist erreichbar und offen.
admin-cannot-run = Die Umfrage kann nicht laufen:
admin-not-tested = Noch nicht getestet.
admin-last-problem = Letztes Problem: { $problem }
admin-no-problem = Letztes Problem: keines
admin-test-failed = Der Test konnte nicht gestartet werden: { $error }
admin-config-broken = Die Konfigurationsdatei wurde geändert, kann aber nicht verwendet werden: { $problem }. Das Terminal behält die bisherigen Einstellungen.
admin-today = Heute
admin-counting = Wird gezählt…
admin-started = Begonnen: { $count }
admin-completed = Abgeschlossen: { $count }
admin-screened-out = Ausgesteuert: { $count }
admin-quota-full = Quote voll: { $count }
admin-abandoned = Abgebrochen: { $count }
admin-timed-out = Zeit abgelaufen: { $count }
admin-other = Andere (unterbrochen, fehlgeschlagen oder laufend): { $count }
admin-rehearsals = Proben (walk): { $count }
admin-api-calls = API-Aufrufe heute: { $calls }
admin-api-calls-per = API-Aufrufe heute: { $calls } ({ $per } pro Teilnehmer)
admin-api-calls-since = API-Aufrufe seit { $time } (Start des Kiosks): { $calls }
admin-api-calls-since-per = API-Aufrufe seit { $time } (Start des Kiosks): { $calls } ({ $per } pro Teilnehmer seitdem)
admin-journal = Journal
admin-journal-pages = { $total ->
    [one] { $total } Seite
   *[other] { $total } Seiten
}: { $accepted } angenommen, { $pending } warten auf den Versand, { $kept } für Sie aufbewahrt, { $unconfirmed } unbestätigt (Antworten aufbewahrt).
admin-waiting = { $pages ->
    [one] { $pages } Seite wartet
   *[other] { $pages } Seiten warten
} auf den Versand an den Server (das Terminal versucht es weiter).
admin-waiting-since = Die älteste wartet seit { $time }.
admin-last-error = Letzter Fehler: { $error }
admin-kept = { $pages ->
    [one] { $pages } Seite konnte nicht gesendet werden und wird
   *[other] { $pages } Seiten konnten nicht gesendet werden und werden
} für Sie aufbewahrt: Exportieren Sie das Journal; danach entfernt `survey-kiosk journal discard` sie.
admin-unconfirmed = { $pages ->
    [one] { $pages } Seite wurde gesendet, aber der Server hat sie nie bestätigt; ihre Antworten werden
   *[other] { $pages } Seiten wurden gesendet, aber der Server hat sie nie bestätigt; ihre Antworten werden
} aufbewahrt: Exportieren Sie das Journal und vergleichen Sie es mit den Antworten der Umfrage, bevor `survey-kiosk journal discard` sie aufgibt.
admin-journal-file = Journal-Datei: { $path }
admin-log-files = Protokolldateien: { $path }
admin-offline-capturing = Offline, Erfassung läuft: Die Umfrage-API ist nicht erreichbar; Befragte werden aus der Umfragekarte aufgenommen und nachgesendet, sobald sie antwortet. Warten auf Nachsenden: { $respondents }.
admin-captured-waiting = Offline erfasst, warten auf Nachsenden: { $respondents } Befragte, { $pages } Seite(n).
admin-captured-attention = Offline erfasst und beim Nachsenden angehalten (die Umfrage hat sich geändert oder eine Antwort abgelehnt): { $respondents } Befragte; ihre Antworten werden aufbewahrt. `survey-kiosk journal status` nennt den Grund.
admin-map = Umfragekarte (für die Offline-Erfassung)
admin-map-coverage = Gesehene Seiten: { $pages }; Seiten ohne bekannten Weg weiter: { $dead_ends }; online nie gewählte Antworten: { $choices }.
admin-map-empty = Nicht bereit für die Offline-Erfassung: Die erste Seite der Umfrage wurde an diesem Kiosk nie online geladen. Nehmen Sie die Umfrage zuerst online auf (oder führen Sie `survey-kiosk walk` aus).
admin-export-as = Exportieren als
admin-format-csv = CSV
admin-format-jsonl = JSON Lines
admin-export-responses = Antwortprotokoll exportieren…
admin-export-journal = Journal exportieren…
admin-save-responses = Antwortprotokoll im Exportordner des Terminals speichern
admin-save-journal = Journal im Exportordner des Terminals speichern
admin-export-title = Export
admin-export-nothing = Dieses Terminal führt kein Journal, es gibt also nichts zu exportieren.
admin-export-no-file = Es wurde keine Datei gewählt (eine Kiosk-Sitzung hat oft keinen Speichern-Dialog). Die Schaltflächen, die im Exportordner des Terminals speichern, funktionieren überall.
admin-export-no-folder = Der Export ist fehlgeschlagen: Der Ordner { $folder } kann nicht angelegt werden ({ $problem }).
admin-settings-saved = Einstellungen gespeichert. Das Terminal zeigt jetzt die Umfrage { $survey }.
admin-exported = { $rows ->
    [one] { $rows } Zeile
   *[other] { $rows } Zeilen
} in { $path } gespeichert.
admin-export-failed = Der Export ist fehlgeschlagen: { $problem }
admin-no-journal = Dieses Terminal führt kein Journal.
admin-no-config-folder = Dieser Computer hat keinen Konfigurationsordner.

## Betreiber: Einrichtung

setup-title = Dieses Terminal einrichten
setup-intro = Verbinden Sie das Terminal mit Ihrer QuestionPro-Umfrage. Die Verbindung wird getestet, bevor etwas gespeichert wird.
setup-survey-id = Umfrage-ID
setup-survey-id-hint = z. B. 12345678
setup-datacenter = Rechenzentrum
setup-datacenter-hint = com, eu, ca, …
setup-datacenter-us = USA (com)
setup-datacenter-eu = Europa (eu)
setup-datacenter-ca = Kanada (ca)
setup-datacenter-sg = Singapur (sg)
setup-datacenter-au = Australien (au)
setup-datacenter-ae = Vereinigte Arabische Emirate (ae)
setup-datacenter-sa = SurveyAnalytics (sa)
setup-datacenter-ksa = Saudi-Arabien (ksa)
setup-datacenter-other = Andere
setup-datacenter-other-hint = das Ende der Adresse Ihres Kontos, z. B. com
setup-base-url = Basis-URL (statt eines Rechenzentrums)
setup-api-key = API-Schlüssel
setup-api-key-hint = Ihr QuestionPro-API-Schlüssel
setup-api-key-keep = leer lassen, um den gespeicherten Schlüssel zu behalten
setup-api-key-again = Der gespeicherte API-Schlüssel wird nur an { $host } gesendet: Geben Sie den Schlüssel für diesen Server erneut ein.
setup-pin = Betreiber-PIN
setup-pin-hint = 4 bis 12 Ziffern
setup-pin-again = Betreiber-PIN wiederholen
setup-pin-again-hint = dieselbe PIN
setup-kiosk-title = Titel
setup-welcome = Begrüßungstext
setup-welcome-hint = Es dauert etwa zwei Minuten.
setup-save = Speichern
setup-save-after-test = Speichern ist möglich, sobald der Verbindungstest erfolgreich war.
setup-survey-id-invalid = Die Umfrage-ID ist eine Zahl, z. B. 12345678.
setup-base-url-invalid = Die Basis-URL kann nicht verwendet werden: { $reason }.
setup-api-key-missing = Bitte geben Sie den API-Schlüssel ein.
setup-title-missing = Bitte geben Sie den Titel ein.
setup-welcome-missing = Bitte geben Sie den Begrüßungstext ein.
setup-pin-missing = Bitte wählen Sie eine Betreiber-PIN (4 bis 12 Ziffern).
setup-pins-differ = Die beiden PINs stimmen nicht überein.
setup-pin-invalid = Die PIN muss aus 4 bis 12 Ziffern bestehen.

## Lists and quotations (a list of row names in a message)

quote = „{ $text }“
list-comma = { $first }, { $next }
list-and = { $first } und { $last }
