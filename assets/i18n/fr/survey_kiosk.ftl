## Les mots de la borne en français (vouvoiement).
## Typographie : espace fine insécable avant ? ! ; et dans « », espace insécable avant :.

## Durées

duration-seconds = { $seconds ->
    [one] { $seconds } seconde
   *[other] { $seconds } secondes
}

## Écran d’accueil

attract-title = Votre avis nous intéresse
attract-welcome = Cela prend environ deux minutes. Vos réponses sont anonymes.
attract-start = Commencer le questionnaire
attract-reconnecting-title = Nous revenons tout de suite
attract-reconnecting-text = Le questionnaire se reconnecte. Cela ne prend qu’un instant.
attract-operator-note = Remarque : { $note }
attract-logo = Logo
attract-setup-link = Configurer cette borne

## Chargement, hors service

loading-survey = Chargement du questionnaire…
out-of-service-title = Indisponible pour le moment
out-of-service-text = Cette borne fait une courte pause. Merci de revenir plus tard.

## Fermé (en dehors des heures d’ouverture)

closed-title = Fermé
closed-opens-at = Réouverture à { $time }
closed-opens-tomorrow = Réouverture demain à { $time }
closed-opens-on = Réouverture le { $date } à { $time }

## Une page du questionnaire

progress-done = { $percent } terminé
nav-back = Retour
nav-next = Suivant
question-advancing = ✓ C’est noté — question suivante…
nav-submit = Envoyer
nav-stop-here = Arrêter ici
nav-keep-waiting = Continuer d’attendre
page-saving = Enregistrement de vos réponses…
page-still-trying = Nous réessayons — merci de patienter. Vos réponses sont conservées sur cette borne.
page-loading = Chargement…
page-check-highlighted = Veuillez vérifier les questions signalées.
question-numbered = { $number }. { $text }
question-unsupported = Cette question ne peut pas être affichée sur cette borne. Vous pouvez la passer.

## « Êtes-vous toujours là ? »

idle-title = Êtes-vous toujours là ?
idle-countdown = Le questionnaire recommencera dans { $seconds ->
    [one] { $seconds } seconde
   *[other] { $seconds } secondes
}.
idle-still-here = Je suis toujours là

## Écrans de fin

end-countdown = Retour à l’accueil dans { $seconds ->
    [one] { $seconds } seconde
   *[other] { $seconds } secondes
}
end-done = Terminé
end-scan = Scannez pour continuer sur votre téléphone
end-qr-code = Code QR du lien du questionnaire
end-thanks-title = Merci !
end-thanks-text = Vos réponses ont été enregistrées. Merci pour le temps que vous nous avez accordé.
end-screened-out-title = Merci de votre intérêt
end-screened-out-text = Cette fois, ce questionnaire s’adresse à un autre public. Merci de votre visite.
end-quota-full-title = Merci !
end-quota-full-text = Nous avons déjà toutes les réponses nécessaires pour ce questionnaire. Merci de votre visite.
end-opted-out-title = Pas de problème
end-opted-out-text = Vous avez choisi de ne pas participer. Bonne journée !
end-already-done-title = Merci !
end-already-done-text = Ce questionnaire a déjà été rempli.
end-redirected-title = Merci !
end-redirected-text = Cette partie du questionnaire est terminée.
end-interrupted-title = Merci !
end-interrupted-text = La connexion a été coupée au moment où vos réponses étaient envoyées. Elles sont très probablement arrivées ; nous en gardons une copie par précaution.
end-problem-title = Désolés, un problème est survenu
end-problem-text = Le questionnaire n’a pas pu continuer. Veuillez réessayer dans un instant.

## Réponses à revoir

validate-choose-one = Veuillez choisir une réponse.
validate-choose-some = Veuillez choisir au moins une réponse.
validate-exclusive = La réponse « { $answer } » ne peut pas être combinée avec d’autres.
validate-min-choices = { $min ->
    [one] Veuillez choisir au moins une réponse.
   *[other] Veuillez choisir au moins { $min } réponses.
}
validate-max-choices = { $max ->
    [one] Veuillez choisir une seule réponse.
   *[other] Veuillez choisir au maximum { $max } réponses.
}
validate-fill-in = Veuillez remplir « { $field } ».
validate-answer = Veuillez répondre à cette question.
validate-rank-order = Veuillez classer les éléments.
validate-rank-every = Veuillez donner une position à chaque élément.
validate-rank-once = Chaque position ne peut être utilisée qu’une fois, en commençant par 1.
validate-not-a-number = « { $value } » n’est pas un nombre.
validate-sum-total = Le total doit être de { $total } ; il est actuellement de { $sum }.
validate-date = Veuillez indiquer une date.
validate-date-parts = Veuillez indiquer le jour, le mois et l’année.
validate-date-invalid = Cette date n’existe pas dans le calendrier.
validate-time = Veuillez indiquer l’heure.
validate-time-range = Veuillez indiquer une heure entre 1:00 et 12:59, AM ou PM.
validate-every-row = Veuillez répondre à chaque ligne.
validate-row-missing = Veuillez répondre à chaque ligne (il manque « { $row } »).
validate-rows-missing = Veuillez répondre à chaque ligne (il manque { $rows }).
validate-specify = Veuillez préciser votre réponse.
validate-specify-named = Veuillez préciser « { $answer } ».
validate-email = Veuillez saisir une adresse e-mail comme nom@exemple.com.
validate-number = Veuillez saisir un nombre.
validate-phone = Veuillez saisir un numéro de téléphone (chiffres, espaces et + - ( ) uniquement).

validate-phone-char = « { $char } » ne fait pas partie d’un numéro de téléphone : utilisez uniquement des chiffres, des espaces et + - ( ).
validate-phone-short = Un numéro de téléphone compte au moins 6 chiffres.
## Choix et listes

choice-limit-reached = { $max ->
    [one] Vous ne pouvez choisir qu’une réponse. Décochez-la pour en choisir une autre.
   *[other] Vous pouvez choisir jusqu’à { $max } réponses. Décochez-en une pour en choisir une autre.
}
choice-exclusive-cleared = { $count ->
    [one] « { $answer } » a décoché votre autre réponse.
   *[other] « { $answer } » a décoché vos { $count } autres réponses.
}
choice-hint-exactly = Choisissez-en { $count }
choice-hint-between = Choisissez-en entre { $min } et { $max }
choice-hint-up-to = Choisissez-en jusqu’à { $max }
choice-hint-at-least = Choisissez-en au moins { $min }
choice-hint-any = Choisissez toutes les réponses qui conviennent
choice-other-hint = Veuillez préciser
choice-other-name = Veuillez préciser : { $answer }
list-placeholder = Touchez pour choisir une réponse
list-search = Rechercher
list-search-hint = Tapez pour filtrer la liste
list-no-match = Aucune réponse ne correspond à « { $search } ».

## Dates et heures

date-day = Jour
date-month = Mois
date-year = Année
date-hour = Heure
date-minute = Minute
date-am-pm = AM/PM
date-am = AM
date-pm = PM
date-is-today = { $date }, aujourd’hui
date-clear = Effacer
date-choose = Choisissez une date
date-calendar = Calendrier
date-previous-month = Mois précédent
date-next-month = Mois suivant
date-today = Aujourd’hui
# « 1er juin 2026 », « 5 juin 2026 »
date-long = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }
date-month-year = { $month } { $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre
weekday-short-1 = lu
weekday-short-2 = ma
weekday-short-3 = me
weekday-short-4 = je
weekday-short-5 = ve
weekday-short-6 = sa
weekday-short-7 = di

## Classement, sommes, champs de texte

rank-instructions = Touchez les éléments dans l’ordre, 1 = premier. Ou déplacez-en un avec ses flèches, ou faites-le glisser par sa poignée.
rank-keep-order = Garder cet ordre
rank-start-again = Recommencer
rank-drag = Faire glisser pour déplacer : { $item }
rank-move-up = Monter : { $item }
rank-move-down = Descendre : { $item }
sum-total = Total : { $sum }
sum-total-of = Total : { $sum } sur { $total }
sum-left = Total : { $sum } sur { $total } — reste { $left }
sum-over = Total : { $sum } sur { $total } — { $over } de trop
sum-less = Moins : { $item }
sum-more = Plus : { $item }
sum-step-less = { $step } de moins
sum-step-more = { $step } de plus
text-answer-number = Réponse { $number }
text-hint-number = Chiffres uniquement
text-hint-phone = ex. : +33 6 12 34 56 78
text-hint-email = nom@exemple.com

## Clavier à l’écran

keyboard-space = Espace
keyboard-backspace = Effacer
keyboard-enter = OK
keyboard-hide = Masquer le clavier
keyboard-shift = Maj
keyboard-symbols = 123
keyboard-symbols-name = Chiffres et symboles
keyboard-letters = ABC
keyboard-letters-name = Lettres
keyboard-latin-name = Lettres latines
keyboard-accents = àé
keyboard-accents-name = Lettres accentuées
keyboard-return = Entrée
keyboard-new-line = Nouvelle ligne
keyboard-minus = Moins
keyboard-plus = Plus
keyboard-dash = Tiret
keyboard-decimal-point = Point décimal
keyboard-open-bracket = Parenthèse ouvrante
keyboard-close-bracket = Parenthèse fermante

## Opérateur : code PIN

operator-title = Opérateur
operator-pin = Code PIN
operator-pin-hint = Saisissez le code PIN opérateur
operator-clear = Effacer
operator-unlock = Déverrouiller
operator-cancel = Annuler
operator-checking = Vérification du code PIN…
operator-no-pin = Aucun code PIN d’opérateur n’est défini sur cette borne : les écrans d’opérateur restent fermés. Définissez-en un depuis un terminal (aussi par SSH) : sudo survey-kiosk set-pin — ou survey-kiosk set-pin --config FICHIER
operator-wrong-pin = Code PIN incorrect. { $left ->
    [one] Il reste { $left } essai.
   *[other] Il reste { $left } essais.
}
operator-locked = Trop de codes PIN incorrects. Réessayez dans { $seconds ->
    [one] { $seconds } seconde
   *[other] { $seconds } secondes
}.

## Opérateur : administration

admin-back = Revenir à la borne
admin-test = Tester la connexion
admin-edit = Modifier les réglages
admin-refresh = Actualiser
admin-quit = Quitter l’application
admin-quit-confirm = Quitter l’application ? Plus personne ne pourra répondre tant qu’elle n’aura pas été relancée.
admin-quit-yes = Oui, quitter
admin-quit-no = Non, continuer
admin-about = survey-kiosk { $version } · questionnaire { $survey } · { $url }
admin-about-demo = survey-kiosk { $version } · questionnaire { $survey } · { $url } (démo intégrée)
admin-connection = Connexion
admin-testing = Test de la connexion…
admin-connected = Connecté : le questionnaire est joignable et ouvert.
admin-cannot-run = Le questionnaire ne peut pas fonctionner :
admin-not-tested = Pas encore testé.
admin-last-problem = Dernier problème : { $problem }
admin-no-problem = Dernier problème : aucun
admin-test-failed = Impossible de lancer le test : { $error }
admin-config-broken = Le fichier de configuration a changé mais ne peut pas être utilisé : { $problem }. La borne garde les réglages précédents.
admin-today = Aujourd’hui
admin-counting = Comptage en cours…
admin-started = Commencés : { $count }
admin-completed = Terminés : { $count }
admin-screened-out = Hors cible : { $count }
admin-quota-full = Quota atteint : { $count }
admin-abandoned = Abandonnés : { $count }
admin-timed-out = Expirés par inactivité : { $count }
admin-other = Autres (interrompues, en échec ou en cours) : { $count }
admin-rehearsals = Répétitions (walk) : { $count }
admin-api-calls = Appels à l’API aujourd’hui : { $calls }
admin-api-calls-per = Appels à l’API aujourd’hui : { $calls } ({ $per } par répondant)
admin-api-calls-since = Appels à l’API depuis { $time } (démarrage de la borne) : { $calls }
admin-api-calls-since-per = Appels à l’API depuis { $time } (démarrage de la borne) : { $calls } ({ $per } par répondant depuis)
admin-journal = Journal
admin-journal-pages = { $total ->
    [one] { $total } page
   *[other] { $total } pages
} : { $accepted } acceptées, { $pending } en attente d’envoi, { $kept } conservées pour vous, { $unconfirmed } non confirmées (réponses conservées).
admin-waiting = { $pages ->
    [one] { $pages } page attend d’être envoyée
   *[other] { $pages } pages attendent d’être envoyées
} au serveur (la borne continue d’essayer).
admin-waiting-since = La plus ancienne attend depuis le { $time }.
admin-last-error = Dernière erreur : { $error }
admin-kept = { $pages ->
    [one] { $pages } page n’a pas pu être envoyée ; elle est conservée
   *[other] { $pages } pages n’ont pas pu être envoyées ; elles sont conservées
} pour vous : exportez le journal, puis `survey-kiosk journal discard` les supprime.
admin-unconfirmed = { $pages ->
    [one] { $pages } page a été envoyée mais le serveur ne l’a jamais confirmée ; ses réponses sont conservées
   *[other] { $pages } pages ont été envoyées mais le serveur ne les a jamais confirmées ; leurs réponses sont conservées
} : exportez le journal et comparez-le aux réponses de l’enquête avant que `survey-kiosk journal discard` ne les abandonne.
admin-journal-file = Fichier du journal : { $path }
admin-log-files = Fichiers de logs : { $path }
admin-offline-capturing = Hors ligne, capture en cours : l’API du questionnaire est injoignable ; les répondants sont pris à partir de la carte du questionnaire et renvoyés dès qu’elle répond. En attente de renvoi : { $respondents }.
admin-captured-waiting = Capturés hors ligne, en attente de renvoi : { $respondents } répondant(s), { $pages } page(s).
admin-captured-attention = Capturés hors ligne et arrêtés au renvoi (le questionnaire a changé ou a refusé une réponse) : { $respondents } répondant(s) ; leurs réponses sont conservées. `survey-kiosk journal status` dit pourquoi.
admin-map = Carte du questionnaire (pour la capture hors ligne)
admin-map-coverage = Pages vues : { $pages } ; pages dont la suite n’a jamais été vue : { $dead_ends } ; choix jamais répondus en ligne : { $choices }.
admin-map-empty = Pas prêt pour la capture hors ligne : la première page du questionnaire n’a jamais été reçue en ligne sur ce kiosque. Répondez d’abord au questionnaire en ligne (ou lancez `survey-kiosk walk`).
admin-export-as = Exporter en
admin-format-csv = CSV
admin-format-jsonl = JSON Lines
admin-export-responses = Exporter le journal des réponses…
admin-export-journal = Exporter le journal…
admin-save-responses = Enregistrer le journal des réponses dans le dossier d’export de la borne
admin-save-journal = Enregistrer le journal dans le dossier d’export de la borne
admin-export-title = Exporter
admin-export-nothing = Cette borne ne tient pas de journal : il n’y a rien à exporter.
admin-export-no-file = Aucun fichier n’a été choisi (une session de borne peut ne pas avoir de fenêtre d’enregistrement). Les boutons qui enregistrent dans le dossier d’export de la borne fonctionnent partout.
admin-export-no-folder = L’export a échoué : impossible de créer le dossier { $folder } ({ $problem }).
admin-settings-saved = Réglages enregistrés. La borne affiche désormais le questionnaire { $survey }.
admin-exported = { $rows ->
    [one] { $rows } ligne enregistrée
   *[other] { $rows } lignes enregistrées
} dans { $path }.
admin-export-failed = L’export a échoué : { $problem }
admin-no-journal = Cette borne ne tient pas de journal.
admin-no-config-folder = Cet ordinateur n’a pas de dossier de configuration.

## Opérateur : configuration

setup-title = Configurer cette borne
setup-intro = Reliez la borne à votre questionnaire QuestionPro. La connexion est testée avant tout enregistrement.
setup-survey-id = Identifiant du questionnaire
setup-survey-id-hint = ex. : 12345678
setup-datacenter = Centre de données
setup-datacenter-hint = com, eu, ca, …
setup-datacenter-us = États-Unis (com)
setup-datacenter-eu = Europe (eu)
setup-datacenter-ca = Canada (ca)
setup-datacenter-sg = Singapour (sg)
setup-datacenter-au = Australie (au)
setup-datacenter-ae = Émirats arabes unis (ae)
setup-datacenter-sa = SurveyAnalytics (sa)
setup-datacenter-ksa = Arabie saoudite (ksa)
setup-datacenter-other = Autre
setup-datacenter-other-hint = la fin de l’adresse de votre compte, ex. : com
setup-base-url = URL de base (au lieu d’un centre de données)
setup-api-key = Clé d’API
setup-api-key-hint = votre clé d’API QuestionPro
setup-api-key-keep = laissez vide pour garder la clé enregistrée
setup-api-key-again = La clé d’API enregistrée n’est envoyée qu’à { $host } : saisissez à nouveau la clé pour ce serveur.
setup-pin = Code PIN opérateur
setup-pin-hint = 4 à 12 chiffres
setup-pin-again = Code PIN opérateur (confirmation)
setup-pin-again-hint = le même code PIN
setup-kiosk-title = Titre
setup-welcome = Texte d’accueil
setup-welcome-hint = Cela prend environ deux minutes.
setup-save = Enregistrer
setup-save-after-test = L’enregistrement est possible une fois le test de connexion réussi.
setup-survey-id-invalid = L’identifiant du questionnaire est un nombre, ex. : 12345678.
setup-base-url-invalid = L’URL de base ne peut pas être utilisée : { $reason }.
setup-api-key-missing = Veuillez saisir la clé d’API.
setup-title-missing = Veuillez saisir le titre.
setup-welcome-missing = Veuillez saisir le texte d’accueil.
setup-pin-missing = Veuillez choisir un code PIN opérateur (4 à 12 chiffres).
setup-pins-differ = Les deux codes PIN ne sont pas identiques.
setup-pin-invalid = Le code PIN doit comporter de 4 à 12 chiffres.

## Lists and quotations (a list of row names in a message)

quote = « { $text } »
list-comma = { $first }, { $next }
list-and = { $first } et { $last }
