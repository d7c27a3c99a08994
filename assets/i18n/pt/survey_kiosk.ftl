## As palavras do quiosque em português do Brasil (tratamento por "você").

## Durações

duration-seconds = { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
}

## Tela inicial

attract-title = Queremos saber sua opinião
attract-welcome = Leva cerca de dois minutos. Suas respostas são anônimas.
attract-start = Começar a pesquisa
attract-reconnecting-title = Já voltamos
attract-reconnecting-text = A pesquisa está se reconectando. Isso leva só um instante.
attract-operator-note = Observação: { $note }
attract-logo = Logotipo
attract-setup-link = Configurar este quiosque

## Carregamento, fora de serviço

loading-survey = Carregando a pesquisa…
out-of-service-title = Indisponível no momento
out-of-service-text = Este quiosque de pesquisa está fazendo uma pausa rápida. Volte mais tarde, por favor.

## Fechado (fora do horário)

closed-title = Fechado
closed-opens-at = Reabrimos às { $time }
closed-opens-tomorrow = Reabrimos amanhã às { $time }
closed-opens-on = Reabrimos em { $date } às { $time }

## Uma página da pesquisa

progress-done = { $percent } concluído
nav-back = Voltar
nav-next = Avançar
question-advancing = ✓ Entendido — próxima pergunta…
nav-submit = Enviar
nav-stop-here = Parar aqui
nav-keep-waiting = Continuar aguardando
page-saving = Salvando suas respostas…
page-still-trying = Ainda tentando — aguarde, por favor. Suas respostas ficam guardadas neste quiosque.
page-loading = Carregando…
page-check-highlighted = Verifique as perguntas destacadas, por favor.
question-numbered = { $number }. { $text }
question-unsupported = Esta pergunta não pode ser exibida neste quiosque. Você pode pulá-la.

## "Você ainda está aí?"

idle-title = Você ainda está aí?
idle-countdown = A pesquisa vai recomeçar em { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
}.
idle-still-here = Ainda estou aqui

## Telas finais

end-countdown = Voltando ao início em { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
}
end-done = Concluir
end-scan = Escaneie o código para continuar no seu celular
end-qr-code = Código QR do link da pesquisa
end-thanks-title = Obrigado!
end-thanks-text = Suas respostas foram salvas. Agradecemos pelo seu tempo.
end-screened-out-title = Obrigado pelo seu interesse
end-screened-out-text = Desta vez, esta pesquisa procura outro grupo de pessoas. Agradecemos a sua visita.
end-quota-full-title = Obrigado!
end-quota-full-text = Já temos todas as respostas de que precisamos para esta pesquisa. Agradecemos a sua visita.
end-opted-out-title = Sem problemas
end-opted-out-text = Você escolheu não participar. Tenha um ótimo dia!
end-already-done-title = Obrigado!
end-already-done-text = Esta pesquisa já foi respondida.
end-redirected-title = Obrigado!
end-redirected-text = Esta parte da pesquisa foi concluída.
end-interrupted-title = Obrigado!
end-interrupted-text = A conexão caiu bem quando suas respostas estavam sendo enviadas. Elas provavelmente chegaram; guardamos uma cópia por precaução.
end-problem-title = Desculpe, algo deu errado
end-problem-text = A pesquisa não pôde continuar. Tente novamente daqui a pouco.

## Respostas para revisar

validate-choose-one = Escolha uma resposta.
validate-choose-some = Escolha pelo menos uma resposta.
validate-exclusive = “{ $answer }” não pode ser combinada com outras respostas.
validate-min-choices = { $min ->
    [one] Escolha pelo menos uma resposta.
   *[other] Escolha pelo menos { $min } respostas.
}
validate-max-choices = { $max ->
    [one] Escolha no máximo uma resposta.
   *[other] Escolha no máximo { $max } respostas.
}
validate-fill-in = Preencha “{ $field }”.
validate-answer = Responda a esta pergunta.
validate-rank-order = Coloque os itens em ordem.
validate-rank-every = Dê uma posição a cada item.
validate-rank-once = Cada posição só pode ser usada uma vez, começando pelo 1.
validate-not-a-number = “{ $value }” não é um número.
validate-sum-total = Os números devem somar { $total }; a soma atual é { $sum }.
validate-date = Informe uma data.
validate-date-parts = Informe o dia, o mês e o ano.
validate-date-invalid = Essa data não existe no calendário.
validate-time = Informe o horário.
validate-time-range = Informe um horário entre 1:00 e 12:59, AM ou PM.
validate-every-row = Responda a todas as linhas.
validate-row-missing = Responda a todas as linhas (falta “{ $row }”).
validate-rows-missing = Responda a todas as linhas (faltam { $rows }).
validate-specify = Especifique sua resposta.
validate-specify-named = Especifique “{ $answer }”.
validate-email = Digite um endereço de e-mail como nome@exemplo.com.
validate-number = Digite um número.
validate-phone = Digite um número de telefone (apenas dígitos, espaços e + - ( )).

validate-phone-char = “{ $char }” não faz parte de um número de telefone: use apenas dígitos, espaços e + - ( ).
validate-phone-short = Um número de telefone tem pelo menos 6 dígitos.
## Opções e listas

choice-limit-reached = { $max ->
    [one] Você só pode escolher uma. Desmarque-a para escolher outra.
   *[other] Você pode escolher até { $max }. Desmarque uma para escolher outra.
}
choice-exclusive-cleared = { $count ->
    [one] “{ $answer }” desmarcou sua outra resposta.
   *[other] “{ $answer }” desmarcou suas outras { $count } respostas.
}
choice-hint-exactly = Escolha { $count }
choice-hint-between = Escolha entre { $min } e { $max }
choice-hint-up-to = Escolha até { $max }
choice-hint-at-least = Escolha pelo menos { $min }
choice-hint-any = Escolha todas as opções que se aplicam
choice-other-hint = Especifique
choice-other-name = Especifique: { $answer }
list-placeholder = Toque para escolher uma resposta
list-search = Pesquisar
list-search-hint = Digite para filtrar a lista
list-no-match = Nenhuma resposta corresponde a “{ $search }”.

## Datas e horários

date-day = Dia
date-month = Mês
date-year = Ano
date-hour = Hora
date-minute = Minuto
date-am-pm = AM/PM
date-am = AM
date-pm = PM
date-is-today = { $date }, hoje
date-clear = Limpar
date-choose = Escolha uma data
date-calendar = Calendário
date-previous-month = Mês anterior
date-next-month = Próximo mês
date-today = Hoje
date-long = { $day } de { $month } de { $year }
date-month-year = { $month } de { $year }
month-1 = janeiro
month-2 = fevereiro
month-3 = março
month-4 = abril
month-5 = maio
month-6 = junho
month-7 = julho
month-8 = agosto
month-9 = setembro
month-10 = outubro
month-11 = novembro
month-12 = dezembro
weekday-short-1 = seg
weekday-short-2 = ter
weekday-short-3 = qua
weekday-short-4 = qui
weekday-short-5 = sex
weekday-short-6 = sáb
weekday-short-7 = dom

## Ordenação, somas, campos de texto

rank-instructions = Toque nos itens em ordem, 1 = primeiro. Ou mova um com as setas, ou arraste-o pela alça.
rank-keep-order = Manter esta ordem
rank-start-again = Recomeçar
rank-drag = Arrastar para mover: { $item }
rank-move-up = Mover para cima: { $item }
rank-move-down = Mover para baixo: { $item }
sum-total = Total: { $sum }
sum-total-of = Total: { $sum } de { $total }
sum-left = Total: { $sum } de { $total } — faltam { $left }
sum-over = Total: { $sum } de { $total } — { $over } a mais
sum-less = Menos: { $item }
sum-more = Mais: { $item }
sum-step-less = { $step } a menos
sum-step-more = { $step } a mais
text-answer-number = Resposta { $number }
text-hint-number = Somente números
text-hint-phone = ex.: +55 11 91234-5678
text-hint-email = nome@exemplo.com

## Teclado na tela

keyboard-space = Espaço
keyboard-backspace = Apagar
keyboard-enter = OK
keyboard-hide = Ocultar o teclado
keyboard-shift = Shift
keyboard-symbols = 123
keyboard-symbols-name = Números e símbolos
keyboard-letters = ABC
keyboard-letters-name = Letras
keyboard-latin-name = Letras latinas
keyboard-accents = àé
keyboard-accents-name = Letras acentuadas
keyboard-return = Enter
keyboard-new-line = Nova linha
keyboard-minus = Menos
keyboard-plus = Mais
keyboard-dash = Hífen
keyboard-decimal-point = Ponto decimal
keyboard-open-bracket = Abre parênteses
keyboard-close-bracket = Fecha parênteses

## Operador: PIN

operator-title = Operador
operator-pin = PIN
operator-pin-hint = Digite o PIN do operador
operator-clear = Limpar
operator-unlock = Desbloquear
operator-cancel = Cancelar
operator-checking = Verificando o PIN…
operator-no-pin = Este quiosque não tem PIN de operador, então as telas do operador continuam fechadas. Defina um em um terminal (também por SSH): sudo survey-kiosk set-pin — ou survey-kiosk set-pin --config ARQUIVO
operator-wrong-pin = PIN incorreto. { $left ->
    [one] Resta { $left } tentativa.
   *[other] Restam { $left } tentativas.
}
operator-locked = Muitas tentativas com PIN incorreto. Tente novamente em { $seconds ->
    [one] { $seconds } segundo
   *[other] { $seconds } segundos
}.

## Operador: administração

admin-back = Voltar ao quiosque
admin-test = Testar a conexão
admin-edit = Editar configurações
admin-refresh = Atualizar
admin-quit = Fechar o quiosque
admin-quit-confirm = Fechar o quiosque? Ninguém poderá usá-lo até que seja iniciado de novo.
admin-quit-yes = Sim, fechar
admin-quit-no = Não, manter em funcionamento
admin-about = survey-kiosk { $version } · pesquisa { $survey } · { $url }
admin-about-demo = survey-kiosk { $version } · pesquisa { $survey } · { $url } (demo integrada)
admin-connection = Conexão
admin-testing = Testando a conexão…
admin-connected = Conectado: a pesquisa está acessível e aberta.
admin-cannot-run = A pesquisa não pode funcionar:
admin-not-tested = Ainda não testado.
admin-last-problem = Último problema: { $problem }
admin-no-problem = Último problema: nenhum
admin-test-failed = Não foi possível iniciar o teste: { $error }
admin-config-broken = O arquivo de configuração mudou, mas não pode ser usado: { $problem }. O quiosque mantém as configurações anteriores.
admin-today = Hoje
admin-counting = Contando…
admin-started = Iniciadas: { $count }
admin-completed = Concluídas: { $count }
admin-screened-out = Fora do perfil: { $count }
admin-quota-full = Cota cheia: { $count }
admin-abandoned = Abandonadas: { $count }
admin-timed-out = Tempo esgotado: { $count }
admin-other = Outras (interrompidas, com falha ou em andamento): { $count }
admin-rehearsals = Ensaios (walk): { $count }
admin-api-calls = Chamadas à API hoje: { $calls }
admin-api-calls-per = Chamadas à API hoje: { $calls } ({ $per } por participante)
admin-api-calls-since = Chamadas à API desde as { $time } (início do quiosque): { $calls }
admin-api-calls-since-per = Chamadas à API desde as { $time } (início do quiosque): { $calls } ({ $per } por participante desde então)
admin-journal = Diário
admin-journal-pages = { $total ->
    [one] { $total } página
   *[other] { $total } páginas
}: { $accepted } aceitas, { $pending } aguardando envio, { $kept } guardadas para você, { $unconfirmed } não confirmadas (respostas guardadas).
admin-waiting = { $pages ->
    [one] { $pages } página aguarda
   *[other] { $pages } páginas aguardam
} envio ao servidor (o quiosque continua tentando).
admin-waiting-since = A mais antiga aguarda desde { $time }.
admin-last-error = Último erro: { $error }
admin-kept = { $pages ->
    [one] { $pages } página não pôde ser enviada e está guardada
   *[other] { $pages } páginas não puderam ser enviadas e estão guardadas
} para você: exporte o diário e depois `survey-kiosk journal discard` as remove.
admin-unconfirmed = { $pages ->
    [one] { $pages } página foi enviada, mas o servidor nunca a confirmou; suas respostas estão guardadas
   *[other] { $pages } páginas foram enviadas, mas o servidor nunca as confirmou; suas respostas estão guardadas
}: exporte o diário e compare-o com as respostas da pesquisa antes que `survey-kiosk journal discard` as descarte.
admin-journal-file = Arquivo do diário: { $path }
admin-log-files = Arquivos de log: { $path }
admin-offline-capturing = Offline, capturando: a API da pesquisa não pode ser alcançada; os respondentes são atendidos a partir do mapa da pesquisa e reenviados quando ela responder. Aguardando reenvio: { $respondents }.
admin-captured-waiting = Capturados offline, aguardando reenvio: { $respondents } respondente(s), { $pages } página(s).
admin-captured-attention = Capturados offline e parados no reenvio (a pesquisa mudou ou recusou uma resposta): { $respondents } respondente(s); as respostas estão guardadas. `survey-kiosk journal status` diz o motivo.
admin-map = Mapa da pesquisa (para captura offline)
admin-map-coverage = Páginas vistas: { $pages }; páginas cujo caminho seguinte nunca foi visto: { $dead_ends }; opções nunca respondidas online: { $choices }.
admin-map-empty = Não está pronto para captura offline: a primeira página da pesquisa nunca foi recebida online neste quiosque. Responda à pesquisa online primeiro (ou execute `survey-kiosk walk`).
admin-export-as = Exportar como
admin-format-csv = CSV
admin-format-jsonl = Linhas JSON
admin-export-responses = Exportar o registro de respostas…
admin-export-journal = Exportar o diário…
admin-save-responses = Salvar o registro de respostas na pasta de exportações do quiosque
admin-save-journal = Salvar o diário na pasta de exportações do quiosque
admin-export-title = Exportar
admin-export-nothing = Este quiosque não mantém um diário, então não há nada para exportar.
admin-export-no-file = Nenhum arquivo foi escolhido (uma sessão de quiosque pode não ter janela para salvar). Os botões que salvam na pasta de exportações do quiosque funcionam sempre.
admin-export-no-folder = A exportação falhou: não é possível criar a pasta { $folder } ({ $problem }).
admin-settings-saved = Configurações salvas. O quiosque agora executa a pesquisa { $survey }.
admin-exported = { $rows ->
    [one] { $rows } linha salva
   *[other] { $rows } linhas salvas
} em { $path }.
admin-export-failed = A exportação falhou: { $problem }
admin-no-journal = Este quiosque não mantém um diário.
admin-no-config-folder = Este computador não tem pasta de configuração.

## Operador: configuração

setup-title = Configurar este quiosque
setup-intro = Conecte o quiosque à sua pesquisa do QuestionPro. A conexão é testada antes de qualquer coisa ser salva.
setup-survey-id = ID da pesquisa
setup-survey-id-hint = ex.: 12345678
setup-datacenter = Data center
setup-datacenter-hint = com, eu, ca, …
setup-datacenter-us = EUA (com)
setup-datacenter-eu = Europa (eu)
setup-datacenter-ca = Canadá (ca)
setup-datacenter-sg = Singapura (sg)
setup-datacenter-au = Austrália (au)
setup-datacenter-ae = Emirados Árabes Unidos (ae)
setup-datacenter-sa = SurveyAnalytics (sa)
setup-datacenter-ksa = Arábia Saudita (ksa)
setup-datacenter-other = Outro
setup-datacenter-other-hint = o final do endereço da sua conta, ex.: com
setup-base-url = URL base (em vez de um data center)
setup-api-key = Chave de API
setup-api-key-hint = sua chave de API do QuestionPro
setup-api-key-keep = deixe vazio para manter a chave salva
setup-api-key-again = A chave de API salva só é enviada para { $host }: digite a chave de novo para este servidor.
setup-pin = PIN do operador
setup-pin-hint = de 4 a 12 dígitos
setup-pin-again = Repita o PIN do operador
setup-pin-again-hint = o mesmo PIN
setup-kiosk-title = Título
setup-welcome = Texto de boas-vindas
setup-welcome-hint = Leva cerca de dois minutos.
setup-save = Salvar
setup-save-after-test = É possível salvar depois que o teste de conexão for aprovado.
setup-survey-id-invalid = O ID da pesquisa é um número, ex.: 12345678.
setup-base-url-invalid = A URL base não pode ser usada: { $reason }.
setup-api-key-missing = Digite a chave de API.
setup-title-missing = Digite o título.
setup-welcome-missing = Digite o texto de boas-vindas.
setup-pin-missing = Escolha um PIN de operador (de 4 a 12 dígitos).
setup-pins-differ = Os dois PINs não são iguais.
setup-pin-invalid = O PIN deve ter de 4 a 12 dígitos.

## Lists and quotations (a list of row names in a message)

quote = “{ $text }”
list-comma = { $first }, { $next }
list-and = { $first } e { $last }
