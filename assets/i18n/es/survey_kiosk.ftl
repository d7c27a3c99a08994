## Las palabras del quiosco en español (trato de usted, neutro).

## Duraciones

duration-seconds = { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
}

## Pantalla de inicio

attract-title = Nos gustaría conocer su opinión
attract-welcome = Solo le llevará unos dos minutos. Sus respuestas son anónimas.
attract-start = Comenzar la encuesta
attract-reconnecting-title = Volvemos enseguida
attract-reconnecting-text = La encuesta se está reconectando. Solo tardará un momento.
attract-operator-note = Nota: { $note }
attract-logo = Logotipo
attract-setup-link = Configurar este quiosco

## Carga, fuera de servicio

loading-survey = Cargando la encuesta…
out-of-service-title = No disponible en este momento
out-of-service-text = Este quiosco de encuestas está haciendo una breve pausa. Vuelva más tarde, por favor.

## Cerrado (fuera del horario)

closed-title = Cerrado
closed-opens-at = Volvemos a abrir a las { $time }
closed-opens-tomorrow = Volvemos a abrir mañana a las { $time }
closed-opens-on = Volvemos a abrir el { $date } a las { $time }

## Una página de la encuesta

progress-done = { $percent } completado
nav-back = Atrás
nav-next = Siguiente
question-advancing = ✓ Entendido: siguiente pregunta…
nav-submit = Enviar
nav-stop-here = Terminar aquí
nav-keep-waiting = Seguir esperando
page-saving = Guardando sus respuestas…
page-still-trying = Seguimos intentándolo; espere, por favor. Sus respuestas se conservan en este quiosco.
page-loading = Cargando…
page-check-highlighted = Revise las preguntas resaltadas, por favor.
question-numbered = { $number }. { $text }
question-unsupported = Esta pregunta no se puede mostrar en este quiosco. Puede saltarla.

## «¿Sigue ahí?»

idle-title = ¿Sigue ahí?
idle-countdown = La encuesta volverá a empezar en { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
}.
idle-still-here = Sigo aquí

## Pantallas finales

end-countdown = Volvemos al inicio en { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
}
end-done = Listo
end-scan = Escanee el código para continuar en su teléfono
end-qr-code = Código QR del enlace de la encuesta
end-thanks-title = ¡Gracias!
end-thanks-text = Sus respuestas se han guardado. Le agradecemos su tiempo.
end-screened-out-title = Gracias por su interés
end-screened-out-text = En esta ocasión, la encuesta busca a otro grupo de personas. Le agradecemos que se haya acercado.
end-quota-full-title = ¡Gracias!
end-quota-full-text = Ya tenemos todas las respuestas que necesitamos para esta encuesta. Le agradecemos que se haya acercado.
end-opted-out-title = No hay problema
end-opted-out-text = Ha decidido no participar. ¡Que tenga un buen día!
end-already-done-title = ¡Gracias!
end-already-done-text = Esta encuesta ya se ha completado.
end-redirected-title = ¡Gracias!
end-redirected-text = Esta parte de la encuesta ha terminado.
end-interrupted-title = ¡Gracias!
end-interrupted-text = La conexión se cortó justo cuando se enviaban sus respuestas. Lo más probable es que hayan llegado; guardamos una copia por si acaso.
end-problem-title = Lo sentimos, algo ha salido mal
end-problem-text = La encuesta no ha podido continuar. Vuelva a intentarlo dentro de un momento.

## Respuestas que hay que revisar

validate-choose-one = Elija una respuesta.
validate-choose-some = Elija al menos una respuesta.
validate-exclusive = «{ $answer }» no se puede combinar con otras respuestas.
validate-min-choices = { $min ->
    [one] Elija al menos una respuesta.
   *[other] Elija al menos { $min } respuestas.
}
validate-max-choices = { $max ->
    [one] Elija como máximo una respuesta.
   *[other] Elija como máximo { $max } respuestas.
}
validate-fill-in = Complete «{ $field }».
validate-answer = Responda a esta pregunta.
validate-rank-order = Ordene los elementos.
validate-rank-every = Asigne una posición a cada elemento.
validate-rank-once = Cada posición solo se puede usar una vez, empezando por el 1.
validate-not-a-number = «{ $value }» no es un número.
validate-sum-total = Los números deben sumar { $total }; ahora suman { $sum }.
validate-date = Indique una fecha.
validate-date-parts = Indique el día, el mes y el año.
validate-date-invalid = Esa fecha no existe en el calendario.
validate-time = Indique la hora.
validate-time-range = Indique una hora entre la 1:00 y las 12:59, a. m. o p. m.
validate-every-row = Responda a todas las filas.
validate-row-missing = Responda a todas las filas (falta «{ $row }»).
validate-rows-missing = Responda a todas las filas (faltan { $rows }).
validate-specify = Especifique su respuesta.
validate-specify-named = Especifique «{ $answer }».
validate-email = Introduzca una dirección de correo electrónico como nombre@ejemplo.com.
validate-number = Introduzca un número.
validate-phone = Introduzca un número de teléfono (solo dígitos, espacios y + - ( )).

validate-phone-char = «{ $char }» no forma parte de un número de teléfono: use solo dígitos, espacios y + - ( ).
validate-phone-short = Un número de teléfono tiene al menos 6 dígitos.
## Opciones y listas

choice-limit-reached = { $max ->
    [one] Solo puede elegir una. Desmárquela para elegir otra.
   *[other] Puede elegir hasta { $max }. Desmarque una para elegir otra.
}
choice-exclusive-cleared = { $count ->
    [one] «{ $answer }» ha desmarcado su otra respuesta.
   *[other] «{ $answer }» ha desmarcado sus otras { $count } respuestas.
}
choice-hint-exactly = Elija { $count }
choice-hint-between = Elija entre { $min } y { $max }
choice-hint-up-to = Elija hasta { $max }
choice-hint-at-least = Elija al menos { $min }
choice-hint-any = Elija todas las que correspondan
choice-other-hint = Especifique
choice-other-name = Especifique: { $answer }
list-placeholder = Toque para elegir una respuesta
list-search = Buscar
list-search-hint = Escriba para filtrar la lista
list-no-match = Ninguna respuesta coincide con «{ $search }».

## Fechas y horas

date-day = Día
date-month = Mes
date-year = Año
date-hour = Hora
date-minute = Minuto
date-am-pm = a. m./p. m.
date-am = a. m.
date-pm = p. m.
date-is-today = { $date }, hoy
date-clear = Borrar
date-choose = Elija una fecha
date-calendar = Calendario
date-previous-month = Mes anterior
date-next-month = Mes siguiente
date-today = Hoy
date-long = { $day } de { $month } de { $year }
date-month-year = { $month } de { $year }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre
weekday-short-1 = lu
weekday-short-2 = ma
weekday-short-3 = mi
weekday-short-4 = ju
weekday-short-5 = vi
weekday-short-6 = sá
weekday-short-7 = do

## Ordenar, sumar, campos de texto

rank-instructions = Toque los elementos en orden, 1 = el primero. O mueva uno con sus flechas, o arrástrelo por su asa.
rank-keep-order = Mantener este orden
rank-start-again = Empezar de nuevo
rank-drag = Arrastrar para mover: { $item }
rank-move-up = Subir: { $item }
rank-move-down = Bajar: { $item }
sum-total = Total: { $sum }
sum-total-of = Total: { $sum } de { $total }
sum-left = Total: { $sum } de { $total } — faltan { $left }
sum-over = Total: { $sum } de { $total } — sobran { $over }
sum-less = Menos: { $item }
sum-more = Más: { $item }
sum-step-less = { $step } menos
sum-step-more = { $step } más
text-answer-number = Respuesta { $number }
text-hint-number = Solo números
text-hint-phone = p. ej., +34 612 345 678
text-hint-email = nombre@ejemplo.com

## Teclado en pantalla

keyboard-space = Espacio
keyboard-backspace = Borrar
keyboard-enter = Listo
keyboard-hide = Ocultar el teclado
keyboard-shift = Mayús
keyboard-symbols = 123
keyboard-symbols-name = Números y símbolos
keyboard-letters = ABC
keyboard-letters-name = Letras
keyboard-latin-name = Letras latinas
keyboard-accents = àé
keyboard-accents-name = Letras con acento
keyboard-return = Intro
keyboard-new-line = Nueva línea
keyboard-minus = Menos
keyboard-plus = Más
keyboard-dash = Guion
keyboard-decimal-point = Punto decimal
keyboard-open-bracket = Abrir paréntesis
keyboard-close-bracket = Cerrar paréntesis

## Operador: PIN

operator-title = Operador
operator-pin = PIN
operator-pin-hint = Introduzca el PIN de operador
operator-clear = Borrar
operator-unlock = Desbloquear
operator-cancel = Cancelar
operator-checking = Comprobando el PIN…
operator-no-pin = Este quiosco no tiene PIN de operador, así que las pantallas de operador siguen cerradas. Establézcalo desde una terminal (también por SSH): sudo survey-kiosk set-pin — o survey-kiosk set-pin --config ARCHIVO
operator-wrong-pin = PIN incorrecto. { $left ->
    [one] Queda { $left } intento.
   *[other] Quedan { $left } intentos.
}
operator-locked = Demasiados PIN incorrectos. Vuelva a intentarlo dentro de { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
}.

## Operador: administración

admin-back = Volver al quiosco
admin-test = Probar la conexión
admin-edit = Editar la configuración
admin-refresh = Actualizar
admin-quit = Cerrar el quiosco
admin-quit-confirm = ¿Cerrar el quiosco? Nadie podrá usarlo hasta que se vuelva a iniciar.
admin-quit-yes = Sí, cerrar
admin-quit-no = No, seguir funcionando
admin-about = survey-kiosk { $version } · encuesta { $survey } · { $url }
admin-about-demo = survey-kiosk { $version } · encuesta { $survey } · { $url } (demo integrada)
admin-connection = Conexión
admin-testing = Probando la conexión…
admin-connected = Conectado: la encuesta está accesible y abierta.
admin-cannot-run = La encuesta no puede funcionar:
admin-not-tested = Todavía no se ha probado.
admin-last-problem = Último problema: { $problem }
admin-no-problem = Último problema: ninguno
admin-test-failed = No se pudo iniciar la prueba: { $error }
admin-config-broken = El archivo de configuración ha cambiado, pero no se puede usar: { $problem }. El quiosco mantiene la configuración anterior.
admin-today = Hoy
admin-counting = Contando…
admin-started = Iniciadas: { $count }
admin-completed = Completadas: { $count }
admin-screened-out = Fuera de perfil: { $count }
admin-quota-full = Cuota llena: { $count }
admin-abandoned = Abandonadas: { $count }
admin-timed-out = Caducadas por inactividad: { $count }
admin-other = Otras (interrumpidas, fallidas o en curso): { $count }
admin-rehearsals = Ensayos (walk): { $count }
admin-api-calls = Llamadas a la API hoy: { $calls }
admin-api-calls-per = Llamadas a la API hoy: { $calls } ({ $per } por participante)
admin-api-calls-since = Llamadas a la API desde las { $time } (inicio del quiosco): { $calls }
admin-api-calls-since-per = Llamadas a la API desde las { $time } (inicio del quiosco): { $calls } ({ $per } por participante desde entonces)
admin-journal = Diario
admin-journal-pages = { $total ->
    [one] { $total } página
   *[other] { $total } páginas
}: { $accepted } aceptadas, { $pending } pendientes de envío, { $kept } guardadas para usted, { $unconfirmed } sin confirmar (respuestas guardadas).
admin-waiting = { $pages ->
    [one] { $pages } página espera
   *[other] { $pages } páginas esperan
} su envío al servidor (el quiosco sigue intentándolo).
admin-waiting-since = La más antigua espera desde { $time }.
admin-last-error = Último error: { $error }
admin-kept = { $pages ->
    [one] { $pages } página no se pudo enviar y se guarda
   *[other] { $pages } páginas no se pudieron enviar y se guardan
} para usted: exporte el diario y después `survey-kiosk journal discard` las elimina.
admin-unconfirmed = { $pages ->
    [one] { $pages } página se envió pero el servidor nunca la confirmó; sus respuestas se guardan
   *[other] { $pages } páginas se enviaron pero el servidor nunca las confirmó; sus respuestas se guardan
}: exporte el diario y compárelo con las respuestas de la encuesta antes de que `survey-kiosk journal discard` las descarte.
admin-journal-file = Archivo del diario: { $path }
admin-log-files = Archivos de registro: { $path }
admin-offline-capturing = Sin conexión, capturando: no se puede acceder a la API de la encuesta; los encuestados se toman del mapa de la encuesta y se reenvían cuando responda. Esperando reenvío: { $respondents }.
admin-captured-waiting = Capturados sin conexión, esperando reenvío: { $respondents } encuestado(s), { $pages } página(s).
admin-captured-attention = Capturados sin conexión y detenidos al reenviar (la encuesta cambió o rechazó una respuesta): { $respondents } encuestado(s); sus respuestas se conservan. `survey-kiosk journal status` indica el motivo.
admin-map = Mapa de la encuesta (para la captura sin conexión)
admin-map-coverage = Páginas vistas: { $pages }; páginas sin camino conocido: { $dead_ends }; opciones nunca respondidas en línea: { $choices }.
admin-map-empty = No está listo para capturar sin conexión: la primera página de la encuesta nunca se recibió en línea en este quiosco. Responda la encuesta en línea primero (o ejecute `survey-kiosk walk`).
admin-export-as = Exportar como
admin-format-csv = CSV
admin-format-jsonl = Líneas JSON
admin-export-responses = Exportar el registro de respuestas…
admin-export-journal = Exportar el diario…
admin-save-responses = Guardar el registro de respuestas en la carpeta de exportaciones del quiosco
admin-save-journal = Guardar el diario en la carpeta de exportaciones del quiosco
admin-export-title = Exportar
admin-export-nothing = Este quiosco no lleva diario, así que no hay nada que exportar.
admin-export-no-file = No se eligió ningún archivo (una sesión de quiosco puede no tener diálogo para guardar). Los botones que guardan en la carpeta de exportaciones del quiosco funcionan siempre.
admin-export-no-folder = La exportación ha fallado: no se puede crear la carpeta { $folder } ({ $problem }).
admin-settings-saved = Configuración guardada. El quiosco ejecuta ahora la encuesta { $survey }.
admin-exported = { $rows ->
    [one] { $rows } fila guardada
   *[other] { $rows } filas guardadas
} en { $path }.
admin-export-failed = La exportación ha fallado: { $problem }
admin-no-journal = Este quiosco no lleva diario.
admin-no-config-folder = Este equipo no tiene carpeta de configuración.

## Operador: configuración

setup-title = Configurar este quiosco
setup-intro = Conecte el quiosco a su encuesta de QuestionPro. La conexión se prueba antes de guardar nada.
setup-survey-id = ID de la encuesta
setup-survey-id-hint = p. ej., 12345678
setup-datacenter = Centro de datos
setup-datacenter-hint = com, eu, ca, …
setup-datacenter-us = EE. UU. (com)
setup-datacenter-eu = Europa (eu)
setup-datacenter-ca = Canadá (ca)
setup-datacenter-sg = Singapur (sg)
setup-datacenter-au = Australia (au)
setup-datacenter-ae = Emiratos Árabes Unidos (ae)
setup-datacenter-sa = SurveyAnalytics (sa)
setup-datacenter-ksa = Arabia Saudí (ksa)
setup-datacenter-other = Otro
setup-datacenter-other-hint = el final de la dirección de su cuenta, p. ej., com
setup-base-url = URL base (en lugar de un centro de datos)
setup-api-key = Clave de API
setup-api-key-hint = su clave de API de QuestionPro
setup-api-key-keep = déjelo vacío para conservar la clave guardada
setup-api-key-again = La clave de API guardada solo se envía a { $host }: escriba la clave de nuevo para este servidor.
setup-pin = PIN de operador
setup-pin-hint = de 4 a 12 dígitos
setup-pin-again = Repita el PIN de operador
setup-pin-again-hint = el mismo PIN
setup-kiosk-title = Título
setup-welcome = Texto de bienvenida
setup-welcome-hint = Solo le llevará unos dos minutos.
setup-save = Guardar
setup-save-after-test = Podrá guardar cuando la prueba de conexión sea correcta.
setup-survey-id-invalid = El ID de la encuesta es un número, p. ej., 12345678.
setup-base-url-invalid = No se puede usar la URL base: { $reason }.
setup-api-key-missing = Introduzca la clave de API.
setup-title-missing = Introduzca el título.
setup-welcome-missing = Introduzca el texto de bienvenida.
setup-pin-missing = Elija un PIN de operador (de 4 a 12 dígitos).
setup-pins-differ = Los dos PIN no coinciden.
setup-pin-invalid = El PIN debe tener de 4 a 12 dígitos.

## Lists and quotations (a list of row names in a message)

quote = «{ $text }»
list-comma = { $first }, { $next }
list-and = { $first } y { $last }
